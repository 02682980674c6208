// Security events of the zone: match counts by rule, host and certificate over a window, and the matching
// events (rule matches at the edge with the client-certificate facts, identical ones folded with a count);
// a click on a count filters the list.
import { useEffect, useId, useState } from 'react';
import { useApi } from '../../lib/api-context';
import { useLoad } from '../../lib/use-load';
import { ErrorMessages } from '../../components/ErrorMessages';
import { Loading } from '../../components/Loading';
import { Section } from '../../components/Section';
import { EventSummary } from './EventSummary';
import { EventTable } from './EventTable';
import { WINDOWS, filterName, filterQuery, toggleFilter, type EventFilter } from './event-filters';

const REFRESH_MS = 30_000;

export function EventsSection({ zoneId }: { zoneId: string }) {
  const api = useApi();
  const [hours, setHours] = useState<number>(24);
  const [filters, setFilters] = useState<EventFilter[]>([]);
  const windowId = useId();
  const filterKey = JSON.stringify(filters);
  const summary = useLoad(
    () =>
      api.securityEvents.summary(zoneId, { since: new Date(Date.now() - hours * 3_600_000).toISOString() }),
    [api, zoneId, hours],
  );
  const events = useLoad(
    async () =>
      (
        await api.securityEvents.list(zoneId, {
          per_page: 50,
          since: new Date(Date.now() - hours * 3_600_000).toISOString(),
          ...filterQuery(filters),
        })
      ).items,
    [api, zoneId, hours, filterKey],
  );
  const { reload: reloadEvents } = events;
  const { reload: reloadSummary } = summary;
  const reload = () => {
    reloadEvents();
    reloadSummary();
  };
  // New matches arrive while the page is open: refresh now and then, only while the tab is visible.
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') {
        reloadEvents();
        reloadSummary();
      }
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reloadEvents, reloadSummary]);
  return (
    <Section
      title="Security events"
      actions={
        <>
          <label htmlFor={windowId} className="small">
            Window
          </label>
          <select id={windowId} value={hours} onChange={(e) => setHours(Number(e.target.value))}>
            {WINDOWS.map((w) => (
              <option key={w.hours} value={w.hours}>
                {w.label}
              </option>
            ))}
          </select>
          <button type="button" onClick={reload} disabled={events.loading}>
            Refresh events
          </button>
        </>
      }
    >
      <ErrorMessages error={summary.error} />
      {summary.data && (
        <EventSummary
          summary={summary.data}
          active={filters}
          onPick={(filter) => setFilters((current) => toggleFilter(current, filter))}
        />
      )}
      {filters.length > 0 && (
        <div className="row small" role="group" aria-label="Active filters">
          <span>Showing only:</span>
          {filters.map((f) => (
            <button
              key={f.kind}
              type="button"
              className="chip"
              aria-label={`Remove filter ${filterName(f)}`}
              onClick={() => setFilters((current) => current.filter((c) => c.kind !== f.kind))}
            >
              {filterName(f)} ×
            </button>
          ))}
          <button type="button" className="link" onClick={() => setFilters([])}>
            Clear filters
          </button>
        </div>
      )}
      <ErrorMessages error={events.error} />
      {events.loading && !events.data ? (
        <Loading what="events" />
      ) : (events.data ?? []).length === 0 ? (
        <p className="muted">
          {filters.length > 0
            ? 'No event matches these filters in this window.'
            : 'No rule has matched a request in this window.'}
        </p>
      ) : (
        <EventTable events={events.data ?? []} />
      )}
    </Section>
  );
}
