// A list of the scheme's fields that inserts the chosen one at the cursor of the expression editor.
import { useMemo } from 'react';
import { fieldGroups } from '../../lib/rules-engine';

export function FieldPicker({ onPick }: { onPick: (field: string) => void }) {
  const groups = useMemo(() => fieldGroups(), []);
  return (
    <select
      aria-label="Insert a field"
      value=""
      onChange={(e) => {
        if (e.target.value) onPick(e.target.value);
      }}
    >
      <option value="">Insert a field…</option>
      {groups.map((group) => (
        <optgroup key={group.label} label={group.label}>
          {group.fields.map((f) => (
            <option key={f.name} value={f.name}>
              {f.name} ({f.type})
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}
