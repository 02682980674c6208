// Tests of the security-event sink: batching, retry while the store is down, bounded queue.
import type { NewSecurityEvent, SecurityEventsRepository } from '@portcullis/store';
import { describe, expect, it } from 'vitest';
import { SecurityEventSink } from './security-event-sink.js';

function event(n: number): NewSecurityEvent {
  return {
    occurred_at: new Date(0).toISOString(),
    ray_id: `ray${n}`,
    zone_id: 'z',
    host: 'api.example.test',
    method: 'GET',
    path: '/admin',
    client_ip: '127.0.0.1',
    ruleset_id: 'rs',
    rule_id: 'r',
    action: 'block',
    client_auth: { cert_presented: false, cert_verified: false, cert_revoked: false, cert_serial: '', cert_issuer_ski: '', cert_fingerprint_sha256: '' },
  };
}

function repository(state: { down: boolean; batches: NewSecurityEvent[][] }): SecurityEventsRepository {
  return {
    append: async (events) => {
      if (state.down) throw new Error('connection refused');
      state.batches.push([...events]);
      return [];
    },
    list: async () => ({ items: [], page: 1, per_page: 20, total_count: 0 }),
    count: async () => 0,
  };
}

describe('SecurityEventSink', () => {
  it('writes events in batches', async () => {
    const state = { down: false, batches: [] as NewSecurityEvent[][] };
    const sink = new SecurityEventSink(repository(state), { batchSize: 2, flushIntervalMs: 10 });
    for (let i = 0; i < 5; i += 1) sink.push(event(i));
    await sink.close();
    expect(state.batches.map((b) => b.length)).toEqual([2, 2, 1]);
    expect(sink.stats()).toEqual({ queued: 0, written: 5, dropped: 0 });
  });

  it('keeps events while the store is down and drops the oldest beyond the bound', async () => {
    const state = { down: true, batches: [] as NewSecurityEvent[][] };
    const sink = new SecurityEventSink(repository(state), { batchSize: 100, maxQueued: 3, flushIntervalMs: 10 });
    for (let i = 0; i < 5; i += 1) sink.push(event(i));
    await sink.flush();
    expect(sink.stats()).toEqual({ queued: 3, written: 0, dropped: 2 });
    state.down = false;
    await sink.close();
    expect(state.batches.flat().map((e) => e.ray_id)).toEqual(['ray2', 'ray3', 'ray4']);
  });
});
