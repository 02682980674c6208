// One host: its origin, a mode switch, the CAs it trusts (each a checkbox), and removal.
import { useState } from 'react';
import { useApi } from '../../lib/api-context';
import { useAction } from '../../lib/use-action';
import { announce } from '../../lib/changes';
import { formatTime } from '../../lib/format';
import { ErrorMessages } from '../../components/ErrorMessages';
import { SyncedCheckbox } from '../../components/SyncedCheckbox';
import { EditOriginForm } from './EditOriginForm';
import { MTLS_MODES } from './mtls-modes';
import type { TrustState } from './use-trust';
import type { Hostname, MtlsMode, Zone } from '@portcullis/model';

export function HostRow({
  zone,
  host,
  trust,
}: {
  zone: Zone;
  host: Hostname;
  trust: TrustState | undefined;
}) {
  const api = useApi();
  const [editing, setEditing] = useState(false);
  const setMode = useAction(async (mode: MtlsMode) => {
    await api.hostnames.update(zone.id, host.id, { mtls_mode: mode });
    announce('hostnames');
  });
  const setTrust = useAction(async (caId: string | undefined, trusted: boolean) => {
    if (trusted) await api.hostnameAssociations.add(zone.id, host.hostname, caId);
    else await api.hostnameAssociations.remove(zone.id, host.hostname, caId);
    announce('associations');
  });
  const setForward = useAction(async (forward: boolean) => {
    await api.hostnames.update(zone.id, host.id, { forward_client_certificate: forward });
    announce('hostnames');
  });
  const remove = useAction(async () => {
    await api.hostnames.delete(zone.id, host.id);
    announce('hostnames');
  });

  const managed = trust?.managed ?? [];
  return (
    <>
      <tr>
        <th scope="row">
          {host.hostname}
          <div className="muted small" title={`edge certificate issued by ${host.edge_certificate.issuer}`}>
            {host.edge_certificate.source === 'managed'
              ? 'edge certificate issued by Portcullis'
              : 'uploaded edge certificate'}
            , expires {formatTime(host.edge_certificate.expires_on)}
          </div>
        </th>
        <td className="small">
          {host.origin}
          <div className={host.origin_tls_verify ? 'muted' : 'warning'}>
            {host.origin.startsWith('https:')
              ? host.origin_tls_verify
                ? `origin certificate verified${host.origin_ca ? ' against its CA bundle' : ''}`
                : 'origin certificate NOT verified'
              : 'plain HTTP to the origin'}
          </div>
          <SyncedCheckbox
            checked={host.forward_client_certificate}
            onChange={(forward) => setForward.run(forward)}
          >
            Forward certificate headers
          </SyncedCheckbox>
        </td>
        <td>
          <select
            aria-label={`mTLS mode for ${host.hostname}`}
            value={host.mtls_mode}
            disabled={setMode.pending}
            onChange={(e) => void setMode.run(e.target.value as MtlsMode)}
          >
            {MTLS_MODES.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
        </td>
        <td>
          <SyncedCheckbox
            checked={managed.includes(host.hostname)}
            disabled={!trust}
            onChange={(trusted) => setTrust.run(undefined, trusted)}
          >
            Managed CA
          </SyncedCheckbox>
          {(trust?.uploaded ?? []).map(({ ca, hostnames }) => (
            <SyncedCheckbox
              key={ca.id}
              checked={hostnames.includes(host.hostname)}
              onChange={(trusted) => setTrust.run(ca.id, trusted)}
            >
              {ca.name || ca.id}
            </SyncedCheckbox>
          ))}
        </td>
        <td className="row">
          <button
            type="button"
            aria-label={`Edit origin of ${host.hostname}`}
            onClick={() => setEditing(true)}
          >
            Edit origin
          </button>
          <button
            type="button"
            className="danger"
            aria-label={`Remove ${host.hostname}`}
            disabled={remove.pending}
            onClick={() => {
              if (window.confirm(`Remove ${host.hostname}? The edge stops serving it.`)) void remove.run();
            }}
          >
            Remove
          </button>
          <ErrorMessages error={setMode.error ?? setTrust.error ?? setForward.error ?? remove.error} />
        </td>
      </tr>
      {editing && (
        <tr>
          <td colSpan={5}>
            <EditOriginForm zone={zone} host={host} onDone={() => setEditing(false)} />
          </td>
        </tr>
      )}
    </>
  );
}
