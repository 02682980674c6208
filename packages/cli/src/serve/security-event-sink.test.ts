// Tests of the security-event sink: batching, retry while the store is down, bounded queue, folding with counts.
import type { NewSecurityEvent, SecurityEventsRepository } from '@portcullis/store';
import { describe, expect, it, vi } from 'vitest';
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
    count: 1,
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
    const sink = new SecurityEventSink(repository(state), {
      batchSize: 2,
      flushIntervalMs: 10,
      aggregateWindowMs: 0,
    });
    for (let i = 0; i < 5; i += 1) sink.push(event(i));
    await sink.close();
    expect(state.batches.map((b) => b.length)).toEqual([2, 2, 1]);
    expect(sink.stats()).toEqual({ queued: 0, held: 0, written: 5, dropped: 0, aggregated: 0 });
  });

  it('keeps events while the store is down and drops the oldest beyond the bound', async () => {
    const state = { down: true, batches: [] as NewSecurityEvent[][] };
    const sink = new SecurityEventSink(repository(state), {
      batchSize: 100,
      maxQueued: 3,
      flushIntervalMs: 10,
    });
    for (let i = 0; i < 5; i += 1) sink.push(event(i, { client_ip: `192.0.2.${i}` }));
    await sink.flush();
    expect(sink.stats()).toEqual({ queued: 3, held: 0, written: 0, dropped: 2, aggregated: 0 });
    state.down = false;
    await sink.close();
    expect(state.batches.flat().map((e) => e.ray_id)).toEqual(['ray2', 'ray3', 'ray4']);
  });

  it('stores a flood of identical matches as one event with their count when the window ends', async () => {
    const state = { down: false, batches: [] as NewSecurityEvent[][] };
    let now = 1_000_000;
    const sink = new SecurityEventSink(repository(state), {
      flushIntervalMs: 10,
      aggregateWindowMs: 1000,
      now: () => now,
    });
    for (let i = 0; i < 50; i += 1) sink.push(event(i));
    expect(sink.stats()).toEqual({ queued: 0, held: 1, written: 0, dropped: 0, aggregated: 49 });
    now += 1000; // the window ends: the flush timer's sweep queues the held event with its count
    await vi.waitFor(() => expect(state.batches.flat()).toHaveLength(1), { timeout: 5000, interval: 5 });
    expect(state.batches.flat().map((e) => [e.ray_id, e.count])).toEqual([['ray0', 50]]);
    expect(sink.stats()).toEqual({ queued: 0, held: 0, written: 1, dropped: 0, aggregated: 49 });
    await sink.close();
  });

  it('starts a new event with the first match after the window, storing the closed one with its count', async () => {
    const state = { down: false, batches: [] as NewSecurityEvent[][] };
    let now = 1_000_000;
    const sink = new SecurityEventSink(repository(state), {
      flushIntervalMs: 60_000,
      aggregateWindowMs: 1000,
      now: () => now,
    });
    for (let i = 0; i < 3; i += 1) sink.push(event(i));
    now += 999;
    sink.push(event(3));
    now += 1; // ray0's window closed: ray4 opens the next one
    sink.push(event(4));
    sink.push(event(5));
    expect(sink.stats()).toMatchObject({ queued: 1, held: 1, aggregated: 4 });
    await sink.close();
    expect(state.batches.flat().map((e) => [e.ray_id, e.count])).toEqual([
      ['ray0', 4],
      ['ray4', 2],
    ]);
    expect(sink.stats()).toEqual({ queued: 0, held: 0, written: 2, dropped: 0, aggregated: 4 });
  });

  it('stores every event with count 1 when the window is 0', async () => {
    const state = { down: false, batches: [] as NewSecurityEvent[][] };
    const sink = new SecurityEventSink(repository(state), {
      flushIntervalMs: 10,
      aggregateWindowMs: 0,
      now: () => 0,
    });
    for (let i = 0; i < 4; i += 1) sink.push(event(i));
    expect(sink.stats()).toMatchObject({ queued: 4, held: 0 });
    await sink.close();
    expect(state.batches.flat().map((e) => [e.ray_id, e.count])).toEqual(
      [0, 1, 2, 3].map((i) => [`ray${i}`, 1]),
    );
    expect(sink.stats()).toEqual({ queued: 0, held: 0, written: 4, dropped: 0, aggregated: 0 });
  });

  it('keeps distinct certificates, clients, rules and actions apart; close() stores held events with their counts', async () => {
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
      event(7, {
        client_auth: {
          ...event(0).client_auth,
          cert_presented: true,
          cert_verified: true,
          cert_revoked: true,
        },
      }),
    ];
    for (const [i, e] of distinct.entries()) {
      sink.push(e);
      for (let n = 0; n < i; n += 1) sink.push({ ...e, ray_id: `${e.ray_id}-again` });
    }
    expect(sink.stats()).toMatchObject({ queued: 0, held: distinct.length });
    await sink.close();
    expect(state.batches.flat().map((e) => [e.ray_id, e.count])).toEqual(
      distinct.map((e, i) => [e.ray_id, i + 1]),
    );
    expect(sink.stats()).toMatchObject({
      held: 0,
      written: distinct.length,
      aggregated: (distinct.length * (distinct.length - 1)) / 2,
    });
  });

  it('bounds the events it holds: when the table is full the oldest is queued at once', async () => {
    const state = { down: false, batches: [] as NewSecurityEvent[][] };
    const sink = new SecurityEventSink(repository(state), {
      flushIntervalMs: 60_000,
      maxAggregateKeys: 3,
      now: () => 0,
    });
    for (let i = 0; i < 5; i += 1) sink.push(event(i, { client_ip: `192.0.2.${i}` }));
    // ray0 and ray1 were queued (count 1) to make room for ray3 and ray4
    expect(sink.stats()).toMatchObject({ queued: 2, held: 3 });
    sink.push(event(5, { client_ip: '192.0.2.0' })); // a new window for .0; ray2, now the oldest, goes
    sink.push(event(6, { client_ip: '192.0.2.4' })); // folds into ray4
    expect(sink.stats()).toMatchObject({ queued: 3, held: 3, aggregated: 1 });
    await sink.close();
    expect(state.batches.flat().map((e) => [e.ray_id, e.count])).toEqual([
      ['ray0', 1],
      ['ray1', 1],
      ['ray2', 1],
      ['ray3', 1],
      ['ray4', 2],
      ['ray5', 1],
    ]);
  });

  it('never throws from push, even when the store is down and the event is odd', async () => {
    const state = { down: true, batches: [] as NewSecurityEvent[][] };
    const sink = new SecurityEventSink(repository(state), {
      flushIntervalMs: 10,
      batchSize: 1,
      maxQueued: 2,
      now: () => 0,
    });
    const { count: _count, ...noCount } = event(0);
    expect(() => {
      for (let i = 0; i < 10; i += 1) sink.push({ ...noCount, client_ip: `192.0.2.${i}` });
    }).not.toThrow();
    await sink.flush();
    expect(sink.stats()).toMatchObject({ queued: 2, held: 0, dropped: 8 });
    state.down = false;
    await sink.close();
    expect(state.batches.flat().map((e) => e.count ?? 1)).toEqual([1, 1]);
  });
});
