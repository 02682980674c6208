// Tests of the security-event sink: batching, retry while the store is down, bounded queue.
import type { NewSecurityEvent, SecurityEventsRepository } from '@portcullis/store';
import { describe, expect, it } from 'vitest';
import { SecurityEventSink } from './security-event-sink.js';

function event(n: number, over: Partial<NewSecurityEvent> = {}, fingerprint = ''): NewSecurityEvent {
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
    client_auth: {
      cert_presented: fingerprint !== '',
      cert_verified: false,
      cert_revoked: false,
      cert_serial: '',
      cert_issuer_ski: '',
      cert_fingerprint_sha256: fingerprint,
    },
    ...over,
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
    const sink = new SecurityEventSink(repository(state), { batchSize: 2, flushIntervalMs: 10, aggregateWindowMs: 0 });
    for (let i = 0; i < 5; i += 1) sink.push(event(i));
    await sink.close();
    expect(state.batches.map((b) => b.length)).toEqual([2, 2, 1]);
    expect(sink.stats()).toEqual({ queued: 0, written: 5, dropped: 0, aggregated: 0 });
  });

  it('keeps events while the store is down and drops the oldest beyond the bound', async () => {
    const state = { down: true, batches: [] as NewSecurityEvent[][] };
    const sink = new SecurityEventSink(repository(state), { batchSize: 100, maxQueued: 3, flushIntervalMs: 10 });
    for (let i = 0; i < 5; i += 1) sink.push(event(i, { client_ip: `192.0.2.${i}` }));
    await sink.flush();
    expect(sink.stats()).toEqual({ queued: 3, written: 0, dropped: 2, aggregated: 0 });
    state.down = false;
    await sink.close();
    expect(state.batches.flat().map((e) => e.ray_id)).toEqual(['ray2', 'ray3', 'ray4']);
  });

  it('stores a flood of identical matches once per window and counts the rest', async () => {
    const state = { down: false, batches: [] as NewSecurityEvent[][] };
    let now = 1_000_000;
    const sink = new SecurityEventSink(repository(state), { flushIntervalMs: 10, aggregateWindowMs: 1000, now: () => now });
    for (let i = 0; i < 50; i += 1) sink.push(event(i));
    await sink.flush();
    expect(state.batches.flat().map((e) => e.ray_id)).toEqual(['ray0']);
    expect(sink.stats()).toEqual({ queued: 0, written: 1, dropped: 0, aggregated: 49 });
    now += 999;
    sink.push(event(50));
    now += 1; // the window of ray0 closed: a new stored event opens the next one
    sink.push(event(51));
    sink.push(event(52));
    await sink.close();
    expect(state.batches.flat().map((e) => e.ray_id)).toEqual(['ray0', 'ray51']);
    expect(sink.stats()).toEqual({ queued: 0, written: 2, dropped: 0, aggregated: 51 });
  });

  it('keeps distinct certificates, clients, rules and actions apart', async () => {
    const state = { down: false, batches: [] as NewSecurityEvent[][] };
    const sink = new SecurityEventSink(repository(state), { flushIntervalMs: 10, now: () => 0 });
    const distinct = [
      event(0),
      event(1, {}, 'aa'),
      event(2, {}, 'bb'),
      event(3, { client_ip: '192.0.2.1' }),
      event(4, { rule_id: 'r2' }),
      event(5, { action: 'log' }),
      event(6, { host: 'other.example.test' }),
      event(7, { client_auth: { ...event(0).client_auth, cert_presented: true, cert_verified: true, cert_revoked: true } }),
    ];
    for (const e of distinct) {
      sink.push(e);
      sink.push({ ...e, ray_id: `${e.ray_id}-again` });
    }
    await sink.close();
    expect(state.batches.flat().map((e) => e.ray_id)).toEqual(distinct.map((e) => e.ray_id));
    expect(sink.stats()).toMatchObject({ written: distinct.length, aggregated: distinct.length });
  });

  it('bounds the keys it remembers', async () => {
    const state = { down: false, batches: [] as NewSecurityEvent[][] };
    const sink = new SecurityEventSink(repository(state), { flushIntervalMs: 10, maxAggregateKeys: 3, now: () => 0 });
    for (let i = 0; i < 5; i += 1) sink.push(event(i, { client_ip: `192.0.2.${i}` }));
    // all five stored; the key of the first was forgotten when the table filled, so it is stored again
    sink.push(event(5, { client_ip: '192.0.2.0' }));
    sink.push(event(6, { client_ip: '192.0.2.4' }));
    await sink.close();
    expect(state.batches.flat().map((e) => e.ray_id)).toEqual(['ray0', 'ray1', 'ray2', 'ray3', 'ray4', 'ray5']);
    expect(sink.stats()).toMatchObject({ aggregated: 1 });
  });
});
