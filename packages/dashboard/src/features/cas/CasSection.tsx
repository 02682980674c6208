// Certificate authorities: the zone's managed CA and the account's uploaded CAs with their CRL status.
import { useApi } from '../../lib/api-context';
import { useAction } from '../../lib/use-action';
import { useLoad } from '../../lib/use-load';
import { announce, useTopicVersion } from '../../lib/changes';
import { ExpiryHint } from '../../components/ExpiryHint';
import { ErrorMessages } from '../../components/ErrorMessages';
import { Loading } from '../../components/Loading';
import { Section } from '../../components/Section';
import { CrlStatusCell } from './CrlStatusCell';
import { ManagedCaCard } from './ManagedCaCard';
import { UploadCaForm } from './UploadCaForm';
import type { Zone } from '@portcullis/model';

export function CasSection({ zone }: { zone: Zone }) {
  const api = useApi();
  const accountId = zone.account.id;
  const version = useTopicVersion('cas');
  const cas = useLoad(
    async () => (await api.mtlsCertificates.list(accountId)).filter((c) => c.ca),
    [api, accountId, version],
  );
  const remove = useAction(async (id: string) => {
    await api.mtlsCertificates.delete(accountId, id);
    announce('cas');
  });

  return (
    <Section title="Certificate authorities">
      <ManagedCaCard zoneId={zone.id} zoneName={zone.name} />
      <div className="subcard" role="group" aria-label="Uploaded CAs">
        <h3>Uploaded CAs</h3>
        <>
          <ErrorMessages error={cas.error ?? remove.error} />
          {cas.loading && !cas.data ? (
            <Loading what="uploaded CAs" />
          ) : (cas.data ?? []).length === 0 ? (
            <p className="muted">None uploaded.</p>
          ) : (
            <table aria-label="Uploaded CAs">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Issuer</th>
                  <th scope="col">Expires</th>
                  <th scope="col">CRL</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {(cas.data ?? []).map((ca) => (
                  <tr key={ca.id}>
                    <th scope="row">{ca.name || ca.id}</th>
                    <td className="small">{ca.issuer ?? '—'}</td>
                    <td className="small">
                      <ExpiryHint value={ca.expires_on} />
                    </td>
                    <td>
                      <CrlStatusCell accountId={accountId} ca={ca} />
                    </td>
                    <td>
                      <button
                        type="button"
                        className="danger"
                        aria-label={`Delete ${ca.name || ca.id}`}
                        disabled={remove.pending}
                        onClick={() => {
                          if (
                            window.confirm(`Delete ${ca.name || ca.id}? Remove its host associations first.`)
                          )
                            void remove.run(ca.id);
                        }}
                      >
                        Delete
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <UploadCaForm accountId={accountId} />
        </>
      </div>
    </Section>
  );
}
