// Recent security events of the zone: each rule match at the edge with the client-certificate facts.
import { useEffect } from 'react';
import { useApi } from '../../lib/api-context';
import { useLoad } from '../../lib/use-load';
import { formatTime } from '../../lib/format';
import { ErrorMessages } from '../../components/ErrorMessages';
import { Loading } from '../../components/Loading';
import { Section } from '../../components/Section';
import { StatusBadge } from '../../components/StatusBadge';
import type { SecurityEvent } from '@portcullis/model';

function certificateSummary(event: SecurityEvent): string {
  const auth = event.client_auth;
  if (!auth.cert_presented) return 'none';
  if (auth.cert_revoked) return 'revoked';
  return auth.cert_verified ? 'verified' : 'not verified';
}

const REFRESH_MS = 30_000;

export function EventsSection({ zoneId }: { zoneId: string }) {
  const api = useApi();
  const events = useLoad(
    async () => (await api.securityEvents.list(zoneId, { per_page: 50 })).items,
    [api, zoneId],
  );
  const { reload } = events;
  // New matches arrive while the page is open: refresh now and then, only while the tab is visible.
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reload]);
  return (
    <Section
      title="Recent security events"
      actions={
        <button type="button" onClick={events.reload} disabled={events.loading}>
          Refresh events
        </button>
      }
    >
      <ErrorMessages error={events.error} />
      {events.loading && !events.data ? (
        <Loading what="events" />
      ) : (events.data ?? []).length === 0 ? (
        <p className="muted">No rule has matched a request yet.</p>
      ) : (
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
            {(events.data ?? []).map((event) => (
              <tr key={event.id}>
                <td className="small">{formatTime(event.occurred_at)}</td>
                <td>
                  <StatusBadge value={event.action} />
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
      )}
    </Section>
  );
}
