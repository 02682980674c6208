// One host: its origin, a mode switch, the CAs it trusts (each a checkbox), and removal.
import { useApi } from '../../lib/api-context';
import { useAction } from '../../lib/use-action';
import { announce } from '../../lib/changes';
import { ErrorMessages } from '../../components/ErrorMessages';
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
  const setMode = useAction(async (mode: MtlsMode) => {
    await api.hostnames.update(zone.id, host.id, { mtls_mode: mode });
    announce('hostnames');
  });
  const setTrust = useAction(async (caId: string | undefined, trusted: boolean) => {
    if (trusted) await api.hostnameAssociations.add(zone.id, host.hostname, caId);
    else await api.hostnameAssociations.remove(zone.id, host.hostname, caId);
    announce('associations');
  });
  const remove = useAction(async () => {
    await api.hostnames.delete(zone.id, host.id);
    announce('hostnames');
  });

  const managed = trust?.managed ?? [];
  return (
    <tr>
      <th scope="row">{host.hostname}</th>
      <td className="small">{host.origin}</td>
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
        <label className="check">
          <input
            type="checkbox"
            disabled={!trust || setTrust.pending}
            checked={managed.includes(host.hostname)}
            onChange={(e) => void setTrust.run(undefined, e.target.checked)}
          />
          Managed CA
        </label>
        {(trust?.uploaded ?? []).map(({ ca, hostnames }) => (
          <label className="check" key={ca.id}>
            <input
              type="checkbox"
              disabled={setTrust.pending}
              checked={hostnames.includes(host.hostname)}
              onChange={(e) => void setTrust.run(ca.id, e.target.checked)}
            />
            {ca.name || ca.id}
          </label>
        ))}
      </td>
      <td>
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
        <ErrorMessages error={setMode.error ?? setTrust.error ?? remove.error} />
      </td>
    </tr>
  );
}
