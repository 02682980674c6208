// The list of zones the token can see, with the form to create one; each zone links to its mTLS page.
import { useApi } from '../../lib/api-context';
import { useLoad } from '../../lib/use-load';
import { listAll } from '../../lib/list-all';
import { formatTime } from '../../lib/format';
import { ErrorMessages } from '../../components/ErrorMessages';
import { Loading } from '../../components/Loading';
import { Section } from '../../components/Section';
import { CreateZoneForm } from './CreateZoneForm';
import type { Zone } from '@portcullis/model';

export function ZonesPage({ onOpenZone }: { onOpenZone: (zone: Zone) => void }) {
  const api = useApi();
  const zones = useLoad(() => listAll((o) => api.zones.list(o)), [api]);
  const accounts = useLoad(() => listAll((o) => api.accounts.list(o)), [api]);

  return (
    <Section title="Zones">
      <CreateZoneForm
        accounts={accounts.data ?? []}
        onCreated={(zone) => {
          zones.reload();
          onOpenZone(zone);
        }}
      />
      <ErrorMessages error={zones.error ?? accounts.error} />
      {zones.loading && !zones.data ? (
        <Loading what="zones" />
      ) : zones.data && zones.data.length === 0 ? (
        <p className="muted">No zones yet. Create one to get its managed client CA.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Zone</th>
              <th scope="col">Account</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {(zones.data ?? []).map((zone) => (
              <tr key={zone.id}>
                <td>
                  <a href={`#/zones/${encodeURIComponent(zone.id)}`}>{zone.name}</a>
                </td>
                <td>{zone.account.name || zone.account.id}</td>
                <td>{formatTime(zone.created_on)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
