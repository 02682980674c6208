// Tests of the security-event table: the "×N" badge of folded matches and the row facts.
import { afterEach, describe, expect, it } from 'vitest';
import type { SecurityEvent } from '@portcullis/model';
import { EventTable } from './EventTable';
import { render, type Rendered } from '../../test-support/render';

let view: Rendered | undefined;
afterEach(() => view?.unmount());

function event(n: number, count: number): SecurityEvent {
  return {
    id: `e${n}`,
    occurred_at: '2026-06-01T00:00:00.000Z',
    ray_id: `ray${n}`,
    zone_id: 'z'.repeat(32),
    host: 'api.example.test',
    method: 'GET',
    path: `/p/${n}`,
    client_ip: '192.0.2.1',
    ruleset_id: null,
    rule_id: null,
    action: 'block',
    client_auth: {
      cert_presented: true,
      cert_verified: true,
      cert_revoked: false,
      cert_serial: '0A',
      cert_issuer_ski: '',
      cert_fingerprint_sha256: 'a'.repeat(64),
    },
    count,
  };
}

describe('EventTable', () => {
  it('shows ×N on an event that stands for N > 1 folded matches, and nothing on a single match', () => {
    view = render(<EventTable events={[event(1, 2500), event(2, 1)]} />);
    const rows = [...view.container.querySelectorAll('tbody tr')];
    expect(rows).toHaveLength(2);
    const folded = rows[0]?.querySelector('.badge-count');
    expect(folded?.textContent).toBe('×2500');
    expect(folded?.getAttribute('title')).toContain('2500 identical matches');
    expect(rows[1]?.querySelector('.badge-count')).toBeNull();
    expect(rows[1]?.textContent).not.toContain('×');
    expect(rows[0]?.textContent).toContain('GET api.example.test/p/1');
    expect(rows[0]?.textContent).toContain('verified');
  });
});
