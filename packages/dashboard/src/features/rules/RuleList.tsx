// The zone's custom rules in evaluation order, with move, edit and delete.
import { StatusBadge } from '../../components/StatusBadge';
import { SyncedCheckbox } from '../../components/SyncedCheckbox';
import type { Rule } from '@portcullis/model';

export function RuleList(props: {
  rules: readonly Rule[];
  busy: boolean;
  onEdit: (rule: Rule) => void;
  onDelete: (rule: Rule) => void;
  onMove: (rule: Rule, direction: 'up' | 'down') => void;
  onToggle: (rule: Rule, enabled: boolean) => Promise<boolean>;
}) {
  const { rules } = props;
  return (
    <table aria-label="Custom rules">
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Rule</th>
          <th scope="col">Expression</th>
          <th scope="col">Action</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rules.map((rule, index) => {
          const name = rule.description || `rule ${index + 1}`;
          return (
            <tr key={rule.id} className={rule.enabled === false ? 'disabled' : undefined}>
              <td>{index + 1}</td>
              <th scope="row">
                {name}
                <div>
                  <SyncedCheckbox
                    checked={rule.enabled !== false}
                    onChange={(on) => props.onToggle(rule, on)}
                  >
                    <span className="small">Enabled</span>
                  </SyncedCheckbox>
                </div>
              </th>
              <td>
                <code className="expression">{rule.expression}</code>
              </td>
              <td>
                <StatusBadge value={rule.action} />
                {rule.action_parameters?.response?.status_code !== undefined && (
                  <span className="muted small"> {rule.action_parameters.response.status_code}</span>
                )}
              </td>
              <td className="row">
                <button
                  type="button"
                  aria-label={`Move ${name} up`}
                  disabled={props.busy || index === 0}
                  onClick={() => props.onMove(rule, 'up')}
                >
                  ↑
                </button>
                <button
                  type="button"
                  aria-label={`Move ${name} down`}
                  disabled={props.busy || index === rules.length - 1}
                  onClick={() => props.onMove(rule, 'down')}
                >
                  ↓
                </button>
                <button type="button" aria-label={`Edit ${name}`} onClick={() => props.onEdit(rule)}>
                  Edit
                </button>
                <button
                  type="button"
                  className="danger"
                  aria-label={`Delete ${name}`}
                  disabled={props.busy}
                  onClick={() => props.onDelete(rule)}
                >
                  Delete
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
