// The account's API tokens: who can call the API with what; create (value shown once) and revoke.
import { useState } from 'react';
import type { ApiToken, ApiTokenWithValue } from '@portcullis/model';
import { useApi } from '../../lib/api-context';
import { useAction } from '../../lib/use-action';
import { useLoad } from '../../lib/use-load';
import { listAll } from '../../lib/list-all';
import { formatTime } from '../../lib/format';
import { CopyButton } from '../../components/CopyButton';
import { ErrorMessages } from '../../components/ErrorMessages';
import { Loading } from '../../components/Loading';
import { Section } from '../../components/Section';
import { StatusBadge } from '../../components/StatusBadge';
import { CreateTokenForm } from './CreateTokenForm';

function describePermissions(token: ApiToken): string {
  return Object.entries(token.permissions)
    .map(([family, level]) => `${family.replace(/_/g, ' ')}: ${level}`)
    .join(', ');
}

export function TokensPage() {
  const api = useApi();
  const [created, setCreated] = useState<ApiTokenWithValue | null>(null);
  const account = useLoad(async () => (await api.accounts.list()).items[0] ?? null, [api]);
  const accountId = account.data?.id;
  const tokens = useLoad(
    async () => (accountId ? listAll((o) => api.tokens.list(accountId, o)) : []),
    [api, accountId, created],
  );
  const revoke = useAction(async (token: ApiToken) => {
    if (!accountId) return;
    await api.tokens.revoke(accountId, token.id);
    tokens.reload();
  });

  return (
    <Section title="API tokens">
      <p className="muted small">
        Give each automation its own token with only the access it needs. A token&apos;s value is shown once,
        when it is created.
      </p>
      <ErrorMessages error={account.error ?? tokens.error ?? revoke.error} />
      {created && (
        <div className="result" role="region" aria-label="New token">
          <p role="note" className="warning">
            Copy the token now: it is not stored in clear and cannot be shown again.
          </p>
          <label htmlFor="new-token-value">Token value</label>
          <input id="new-token-value" readOnly value={created.value} className="mono" size={60} />
          <div className="row">
            <CopyButton text={created.value} label="Copy token" />
            <button type="button" onClick={() => setCreated(null)}>
              I have saved the token
            </button>
          </div>
        </div>
      )}
      {accountId && !created && <CreateTokenForm accountId={accountId} onCreated={setCreated} />}
      {tokens.loading && !tokens.data ? (
        <Loading what="tokens" />
      ) : (
        <table aria-label="Tokens">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Permissions</th>
              <th scope="col">Status</th>
              <th scope="col">Last used</th>
              <th scope="col">Expires</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(tokens.data ?? []).map((token) => (
              <tr key={token.id}>
                <th scope="row">{token.name}</th>
                <td className="small">{describePermissions(token)}</td>
                <td>
                  <StatusBadge value={token.status} />
                </td>
                <td className="small">{formatTime(token.last_used_on)}</td>
                <td className="small">{formatTime(token.expires_on)}</td>
                <td>
                  {token.status === 'active' && (
                    <button
                      type="button"
                      className="danger"
                      aria-label={`Revoke token ${token.name}`}
                      disabled={revoke.pending}
                      onClick={() => {
                        if (
                          window.confirm(
                            `Revoke the token ${token.name}? Anything using it loses access at once.`,
                          )
                        )
                          void revoke.run(token);
                      }}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
