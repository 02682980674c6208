// A checkbox whose value lives on the server: it flips at once, then follows the server's answer
// (and flips back if the write fails).
import { useEffect, useState, type ReactNode } from 'react';

export function SyncedCheckbox(props: {
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => Promise<boolean>;
  children: ReactNode;
}) {
  const [shown, setShown] = useState(props.checked);
  useEffect(() => setShown(props.checked), [props.checked]);
  return (
    <label className="check">
      <input
        type="checkbox"
        checked={shown}
        disabled={props.disabled}
        onChange={(e) => {
          const next = e.target.checked;
          setShown(next);
          void props.onChange(next).then((ok) => {
            if (!ok) setShown(!next);
          });
        }}
      />
      {props.children}
    </label>
  );
}
