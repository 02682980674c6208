// The zone's hosts: add one, switch its mTLS mode, choose which CAs it trusts.
import { useApi } from '../../lib/api-context';
import { useLoad } from '../../lib/use-load';
import { listAll } from '../../lib/list-all';
import { useTopicVersion } from '../../lib/changes';
import { ErrorMessages } from '../../components/ErrorMessages';
import { Loading } from '../../components/Loading';
import { Section } from '../../components/Section';
import { AddHostForm } from './AddHostForm';
import { HostRow } from './HostRow';
import { useTrust } from './use-trust';
import type { Zone } from '@portcullis/model';

export function HostnamesSection({ zone }: { zone: Zone }) {
  const api = useApi();
  const version = useTopicVersion('hostnames');
  const hosts = useLoad(() => listAll((o) => api.hostnames.list(zone.id, o)), [api, zone.id, version]);
  const trust = useTrust(zone);

  return (
    <Section title="Hosts">
      <p className="muted small">
        A client certificate is asked for on hosts whose mode is not Off. It is checked against the CAs the
        host trusts; then your custom rules decide. On TLS 1.3 a certificate cannot be asked for per path: ask
        for it on the host and enforce per path in a rule.
      </p>
      <ErrorMessages error={hosts.error ?? trust.error} />
      {hosts.loading && !hosts.data ? (
        <Loading what="hosts" />
      ) : (hosts.data ?? []).length === 0 ? (
        <p className="muted">No hosts yet.</p>
      ) : (
        <table aria-label="Hosts">
          <thead>
            <tr>
              <th scope="col">Host</th>
              <th scope="col">Origin</th>
              <th scope="col">mTLS mode</th>
              <th scope="col">Trusted CAs</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(hosts.data ?? []).map((host) => (
              <HostRow key={host.id} zone={zone} host={host} trust={trust.data} />
            ))}
          </tbody>
        </table>
      )}
      <h3>Add a host</h3>
      <AddHostForm zone={zone} />
    </Section>
  );
}
