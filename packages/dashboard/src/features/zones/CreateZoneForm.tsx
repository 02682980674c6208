// The form that creates a zone (a domain); Portcullis creates its managed client CA with it.
import { useState, type FormEvent } from 'react';
import { useApi } from '../../lib/api-context';
import { useAction } from '../../lib/use-action';
import { ErrorMessages } from '../../components/ErrorMessages';
import type { Account, Zone } from '@portcullis/model';

export function CreateZoneForm({
  accounts,
  onCreated,
}: {
  accounts: Account[];
  onCreated: (zone: Zone) => void;
}) {
  const api = useApi();
  const [name, setName] = useState('');
  const [accountId, setAccountId] = useState('');
  const create = useAction(async (zoneName: string, account: string | undefined) => {
    if (!account) throw new Error('no account to create the zone in');
    const zone = await api.zones.create({ name: zoneName, account: { id: account } });
    setName('');
    onCreated(zone);
  });
  const chosenAccount = accountId || accounts[0]?.id;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create.run(name.trim().toLowerCase(), chosenAccount);
  };

  return (
    <form onSubmit={submit} className="inline-form" aria-label="Create zone">
      <label htmlFor="zone-name">Zone name</label>
      <input
        id="zone-name"
        placeholder="example.com"
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
        spellCheck={false}
      />
      {accounts.length > 1 && (
        <>
          <label htmlFor="zone-account">Account</label>
          <select id="zone-account" value={chosenAccount} onChange={(e) => setAccountId(e.target.value)}>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </>
      )}
      <button type="submit" disabled={create.pending || name.trim() === ''}>
        Create zone
      </button>
      <ErrorMessages error={create.error} onDismiss={create.clearError} />
    </form>
  );
}
