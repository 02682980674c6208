// Creates a least-privilege API token: a name, a level per resource family, an optional expiry.
import { useState, type FormEvent } from 'react';
import {
  PERMISSION_FAMILIES,
  type ApiTokenPermissions,
  type ApiTokenWithValue,
  type PermissionFamily,
} from '@portcullis/model';
import { useApi } from '../../lib/api-context';
import { useAction } from '../../lib/use-action';
import { ErrorMessages } from '../../components/ErrorMessages';

type Level = 'none' | 'read' | 'edit';

export function CreateTokenForm({
  accountId,
  onCreated,
}: {
  accountId: string;
  onCreated: (t: ApiTokenWithValue) => void;
}) {
  const api = useApi();
  const [name, setName] = useState('');
  const [levels, setLevels] = useState<Record<PermissionFamily, Level>>(
    () => Object.fromEntries(PERMISSION_FAMILIES.map((f) => [f, 'none'])) as Record<PermissionFamily, Level>,
  );
  const [expires, setExpires] = useState('');
  const create = useAction(async () => {
    const permissions: Partial<Record<PermissionFamily, 'read' | 'edit'>> = {};
    for (const family of PERMISSION_FAMILIES) {
      const level = levels[family];
      if (level !== 'none') permissions[family] = level;
    }
    const token = await api.tokens.create(accountId, {
      name: name.trim(),
      permissions: permissions as ApiTokenPermissions,
      ...(expires ? { expires_on: new Date(`${expires}T23:59:59Z`).toISOString() } : {}),
    });
    setName('');
    setExpires('');
    onCreated(token);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create.run();
  };
  const granted = PERMISSION_FAMILIES.some((f) => levels[f] !== 'none');
  return (
    <form onSubmit={submit} aria-label="Create API token" className="subcard">
      <div className="grid-form">
        <label htmlFor="token-name">Token name</label>
        <input
          id="token-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          placeholder="ci-deploy"
        />
        <label htmlFor="token-expires">Expires on (UTC, optional)</label>
        <input id="token-expires" type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
      </div>
      <table aria-label="Permissions">
        <thead>
          <tr>
            <th scope="col">Resource</th>
            <th scope="col">Access</th>
          </tr>
        </thead>
        <tbody>
          {PERMISSION_FAMILIES.map((family) => (
            <tr key={family}>
              <th scope="row">{family.replace(/_/g, ' ')}</th>
              <td>
                <select
                  aria-label={`Access to ${family.replace(/_/g, ' ')}`}
                  value={levels[family]}
                  onChange={(e) => setLevels((l) => ({ ...l, [family]: e.target.value as Level }))}
                >
                  <option value="none">None</option>
                  <option value="read">Read</option>
                  <option value="edit">Edit</option>
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="submit" disabled={create.pending || !granted || name.trim() === ''}>
        Create token
      </button>
      <ErrorMessages error={create.error} onDismiss={create.clearError} />
    </form>
  );
}
