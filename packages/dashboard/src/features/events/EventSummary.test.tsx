import { afterEach, describe, expect, it } from 'vitest';
import type { SecurityEventSummary } from '@portcullis/client';
import { EventSummary } from './EventSummary';
import { filterQuery, toggleFilter, type EventFilter } from './event-filters';
import { button, click, render, type Rendered } from '../../test-support/render';

let view: Rendered | undefined;
afterEach(() => view?.unmount());

const summary: SecurityEventSummary = {
  since: '2026-06-01T00:00:00.000Z',
  until: null,
  // Match counts: sensor-1's 4 matches may be one event that folded them.
  total: 7,
  by_rule: [
    { rule_id: 'r'.repeat(32), description: 'require a certificate', count: 6 },
    { rule_id: null, description: null, count: 1 },
  ],
  by_host: [{ host: 'api.example.test', count: 7 }],
  by_certificate: [
    { fingerprint_sha256: 'a'.repeat(64), serial: '0A', common_name: 'sensor-1', count: 4 },
    { fingerprint_sha256: 'b'.repeat(64), serial: '0B', common_name: null, count: 2 },
  ],
};

describe('EventSummary', () => {
  it('draws one bar per group, proportional to the largest, and reports the filter a click sets', () => {
    const picked: EventFilter[] = [];
    view = render(<EventSummary summary={summary} active={[]} onPick={(f) => picked.push(f)} />);
    const { container } = view;
    expect(container.querySelector('[aria-label="Matches by rule"]')?.querySelectorAll('li')).toHaveLength(2);
    const widths = [...container.querySelectorAll('[aria-label="Top client certificates"] .bar-fill')].map(
      (el) => (el as HTMLElement).style.width,
    );
    expect(widths).toEqual(['100%', '50%']);
    expect(container.textContent).toContain('7 matches in this window');
    // The edge-decision group has no rule to filter on: it is shown, not clickable.
    expect(() => button(container, 'No rule (edge decision): 1 match')).toThrow();
    click(button(container, 'sensor-1: 4 matches'));
    click(button(container, 'serial 0B: 2 matches'));
    click(button(container, 'require a certificate: 6 matches'));
    expect(picked).toEqual([
      { kind: 'cert_fingerprint_sha256', value: 'a'.repeat(64), label: 'sensor-1' },
      { kind: 'cert_fingerprint_sha256', value: 'b'.repeat(64), label: 'serial 0B' },
      { kind: 'rule_id', value: 'r'.repeat(32), label: 'require a certificate' },
    ]);
  });

  it('marks the active filter as pressed', () => {
    const active: EventFilter[] = [{ kind: 'host', value: 'api.example.test', label: 'api.example.test' }];
    view = render(<EventSummary summary={summary} active={active} onPick={() => undefined} />);
    expect(button(view.container, 'api.example.test: 7 matches').getAttribute('aria-pressed')).toBe('true');
    expect(button(view.container, 'sensor-1: 4 matches').getAttribute('aria-pressed')).toBe('false');
  });
});

describe('event filters', () => {
  it('toggles one filter per kind and turns them into the list query', () => {
    const host: EventFilter = { kind: 'host', value: 'a.test', label: 'a.test' };
    const other: EventFilter = { kind: 'host', value: 'b.test', label: 'b.test' };
    const rule: EventFilter = { kind: 'rule_id', value: 'r1', label: 'r1' };
    let filters = toggleFilter([], host);
    filters = toggleFilter(filters, rule);
    expect(filterQuery(filters)).toEqual({ host: 'a.test', rule_id: 'r1' });
    filters = toggleFilter(filters, other);
    expect(filterQuery(filters)).toEqual({ host: 'b.test', rule_id: 'r1' });
    expect(toggleFilter(filters, other)).toEqual([rule]);
  });
});
