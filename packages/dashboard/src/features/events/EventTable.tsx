// The table of security events: time, action (with "×N" when identical matches were folded into the
// event), request, client, certificate facts and ray id.
import type { SecurityEvent } from '@portcullis/model';
import { formatTime } from '../../lib/format';
import { StatusBadge } from '../../components/StatusBadge';

function certificateSummary(event: SecurityEvent): string {
  const auth = event.client_auth;
  if (!auth.cert_presented) return 'none';
  if (auth.cert_revoked) return 'revoked';
  return auth.cert_verified ? 'verified' : 'not verified';
}

/** "×N" for an event that stands for N > 1 identical matches (folded within one second by the gateway). */
function MatchCount({ count }: { count: number }) {
  if (!(count > 1)) return null;
  return (
    <span
      className="badge badge-count"
      title={`${count} identical matches within one second, stored as one event`}
    >
      ×{count}
    </span>
  );
}

export function EventTable({ events }: { events: readonly SecurityEvent[] }) {
  return (
    <table aria-label="Security events">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Action</th>
          <th scope="col">Request</th>
          <th scope="col">Client</th>
          <th scope="col">Certificate</th>
          <th scope="col">Ray ID</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <tr key={event.id}>
            <td className="small">{formatTime(event.occurred_at)}</td>
            <td>
              <StatusBadge value={event.action} /> <MatchCount count={event.count} />
            </td>
            <td className="small mono">
              {event.method} {event.host}
              {event.path}
            </td>
            <td className="small mono">{event.client_ip}</td>
            <td className="small">
              {certificateSummary(event)}
              {event.client_auth.cert_serial && (
                <div className="mono muted" title="cf.tls_client_auth.cert_serial">
                  {event.client_auth.cert_serial}
                </div>
              )}
            </td>
            <td className="small mono">{event.ray_id}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
