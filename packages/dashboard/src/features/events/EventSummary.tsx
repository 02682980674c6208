// The security events of a window as match counts by rule, host and certificate (each event adds the
// identical matches folded into it), as bar lists; a click filters the event list.
import type { SecurityEventSummary } from '@portcullis/client';
import type { EventFilter } from './event-filters';

interface Bar {
  readonly key: string;
  readonly label: string;
  readonly title?: string;
  readonly count: number;
  /** The filter a click sets; absent when the group cannot be filtered on (no rule). */
  readonly filter?: EventFilter;
}

function BarList({
  name,
  bars,
  active,
  onPick,
}: {
  name: string;
  bars: readonly Bar[];
  active: readonly EventFilter[];
  onPick: (filter: EventFilter) => void;
}) {
  const max = Math.max(1, ...bars.map((b) => b.count));
  return (
    <div className="bar-group">
      <h3>{name}</h3>
      {bars.length === 0 ? (
        <p className="muted small">None in this window.</p>
      ) : (
        <ul className="bars" aria-label={name}>
          {bars.map((bar) => {
            const pressed =
              bar.filter !== undefined &&
              active.some((f) => f.kind === bar.filter?.kind && f.value === bar.filter.value);
            const content = (
              <>
                <span className="bar-label" title={bar.title}>
                  {bar.label}
                </span>
                <span className="bar-track" aria-hidden="true">
                  <span className="bar-fill" style={{ width: `${(100 * bar.count) / max}%` }} />
                </span>
                <span className="bar-count">{bar.count}</span>
              </>
            );
            return (
              <li key={bar.key}>
                {bar.filter ? (
                  <button
                    type="button"
                    className="bar"
                    aria-pressed={pressed}
                    aria-label={`${bar.label}: ${bar.count} match${bar.count === 1 ? '' : 'es'}`}
                    onClick={() => bar.filter && onPick(bar.filter)}
                  >
                    {content}
                  </button>
                ) : (
                  <div
                    className="bar"
                    aria-label={`${bar.label}: ${bar.count} match${bar.count === 1 ? '' : 'es'}`}
                  >
                    {content}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

export function EventSummary({
  summary,
  active,
  onPick,
}: {
  summary: SecurityEventSummary;
  active: readonly EventFilter[];
  onPick: (filter: EventFilter) => void;
}) {
  const rules: Bar[] = summary.by_rule.map((group) => {
    if (group.rule_id === null) return { key: 'none', label: 'No rule (edge decision)', count: group.count };
    const label = group.description || `rule ${group.rule_id.slice(0, 8)}`;
    return {
      key: group.rule_id,
      label,
      title: group.rule_id,
      count: group.count,
      filter: { kind: 'rule_id', value: group.rule_id, label },
    };
  });
  const hosts: Bar[] = summary.by_host.map((group) => ({
    key: group.host,
    label: group.host,
    count: group.count,
    filter: { kind: 'host', value: group.host, label: group.host },
  }));
  const certificates: Bar[] = summary.by_certificate.map((group) => {
    const label = group.common_name ?? `serial ${group.serial || '?'}`;
    return {
      key: group.fingerprint_sha256,
      label,
      title: `SHA-256 ${group.fingerprint_sha256}`,
      count: group.count,
      filter: { kind: 'cert_fingerprint_sha256', value: group.fingerprint_sha256, label },
    };
  });
  return (
    <div className="summary" role="group" aria-label="Event summary">
      <p className="small">
        {summary.total} match{summary.total === 1 ? '' : 'es'} in this window
      </p>
      <div className="bar-groups">
        <BarList name="Matches by rule" bars={rules} active={active} onPick={onPick} />
        <BarList name="Matches by host" bars={hosts} active={active} onPick={onPick} />
        <BarList name="Top client certificates" bars={certificates} active={active} onPick={onPick} />
      </div>
    </div>
  );
}
