// The security-event view's filters: what a click on a summary bar sets, and how each is named on screen.
import type { SecurityEventListOptions } from '@portcullis/client';

/** One active filter of the event list. */
export interface EventFilter {
  readonly kind: 'rule_id' | 'host' | 'cert_fingerprint_sha256';
  readonly value: string;
  /** What the user clicked (a rule's description, a host, a certificate's CN). */
  readonly label: string;
}

/** The time windows offered; the summary and the list share the chosen one. */
export const WINDOWS = [
  { hours: 1, label: 'Last hour' },
  { hours: 24, label: 'Last 24 hours' },
  { hours: 24 * 7, label: 'Last 7 days' },
  { hours: 24 * 30, label: 'Last 30 days' },
] as const;

const KIND_NAMES: Record<EventFilter['kind'], string> = {
  rule_id: 'Rule',
  host: 'Host',
  cert_fingerprint_sha256: 'Certificate',
};

export function filterName(filter: EventFilter): string {
  return `${KIND_NAMES[filter.kind]}: ${filter.label}`;
}

/** Sets `next` (replacing a filter of the same kind), or removes it when it was already set. */
export function toggleFilter(filters: readonly EventFilter[], next: EventFilter): EventFilter[] {
  const same = filters.find((f) => f.kind === next.kind);
  const rest = filters.filter((f) => f.kind !== next.kind);
  return same?.value === next.value ? rest : [...rest, next];
}

/** The list call's query for the filters. */
export function filterQuery(filters: readonly EventFilter[]): SecurityEventListOptions {
  const query: Record<string, string> = {};
  for (const f of filters) query[f.kind] = f.value;
  return query;
}
