// Batches the edge's security events into the store, off the request path, bounded in memory;
// a flood of identical matches (same rule, client and certificate within a short window) is
// stored as one event with the number of matches it stands for.
import type { Logger } from 'pino';
import type { NewSecurityEvent, SecurityEventsRepository } from '@portcullis/store';

/** Options of {@link SecurityEventSink}. */
export interface SecurityEventSinkOptions {
  /** Longest wait before a batch is written (default 250 ms). */
  readonly flushIntervalMs?: number;
  /** Largest batch (default 200). */
  readonly batchSize?: number;
  /** Events held while the store is slow or down; the oldest are dropped beyond (default 10 000). */
  readonly maxQueued?: number;
  /**
   * Matches of the same rule and action, on the same host, from the same client address with the
   * same certificate (fingerprint and presented/verified/revoked), within this many ms of the first
   * one are folded into that first event, which is stored when the window ends with `count` = the
   * matches (default 1000; 0 stores every event, each with count 1).
   */
  readonly aggregateWindowMs?: number;
  /** Events held open for folding at most; beyond, the oldest is stored at once (default 10 000). */
  readonly maxAggregateKeys?: number;
  /** Clock for the folding window (tests). */
  readonly now?: () => number;
  readonly logger?: Logger;
}

/** Counters of a {@link SecurityEventSink}. */
export interface SecurityEventSinkStats {
  /** Events waiting to be written. */
  readonly queued: number;
  /** Events held open while their folding window lasts (not yet queued). */
  readonly held: number;
  /** Events written to the store. */
  readonly written: number;
  /** Events lost because the queue was full (store slow or down); each may stand for many matches. */
  readonly dropped: number;
  /** Matches folded into an earlier event of the same key (counted in its `count`, not stored on their own). */
  readonly aggregated: number;
}

/** An event held open for folding: the first match of its key's window and the matches so far. */
interface Held {
  readonly event: NewSecurityEvent;
  readonly opened: number;
  count: number;
}

/** The folding key of an event: rule, action, host, client address and certificate facts. */
function aggregationKey(event: NewSecurityEvent): string {
  const a = event.client_auth;
  return `${event.zone_id ?? ''}\u0000${event.rule_id ?? ''}\u0000${event.action}\u0000${event.host}\u0000${event.client_ip}\u0000${a.cert_fingerprint_sha256}\u0000${a.cert_presented ? 1 : 0}${a.cert_verified ? 1 : 0}${a.cert_revoked ? 1 : 0}`;
}

/**
 * Collects events from the edge and appends them to the store in batches. `push` never blocks and
 * never throws: when the store is unreachable events queue up to `maxQueued`, then the oldest are
 * dropped and counted, so the edge keeps serving whatever happens to the database.
 *
 * A flood of identical matches (one client hammering a blocked path) is folded: the first match of
 * a key is held for `aggregateWindowMs`, each identical match meanwhile adds to its `count`, and it
 * is queued with its final count when the window ends (swept on the flush timer), on `flush()` or
 * `close()`, or when the held table is full (the oldest first). An event thus reaches the store up
 * to one window plus one flush interval after its first match. The edge's
 * `portcullis_edge_security_events_total` metric counts every match as it happens.
 */
export class SecurityEventSink {
  readonly #repository: SecurityEventsRepository;
  readonly #flushIntervalMs: number;
  readonly #batchSize: number;
  readonly #maxQueued: number;
  readonly #logger: Logger | undefined;
  readonly #windowMs: number;
  readonly #maxKeys: number;
  readonly #now: () => number;
  /** Key → its held event; insertion order is the order the windows opened (oldest first). */
  readonly #held = new Map<string, Held>();
  #aggregated = 0;
  #queue: NewSecurityEvent[] = [];
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> | undefined;
  #dropped = 0;
  #written = 0;
  #failing = false;

  constructor(repository: SecurityEventsRepository, options: SecurityEventSinkOptions = {}) {
    this.#repository = repository;
    this.#flushIntervalMs = options.flushIntervalMs ?? 250;
    this.#batchSize = options.batchSize ?? 200;
    this.#maxQueued = options.maxQueued ?? 10_000;
    this.#logger = options.logger;
    this.#windowMs = options.aggregateWindowMs ?? 1000;
    this.#maxKeys = Math.max(1, options.maxAggregateKeys ?? 10_000);
    this.#now = options.now ?? Date.now;
  }

  /** Queues one event, holds it open for folding, or folds it into the held event of its key. O(1). */
  push(event: NewSecurityEvent): void {
    if (this.#windowMs <= 0) {
      this.#enqueue(event);
      return;
    }
    const key = aggregationKey(event);
    const now = this.#now();
    const held = this.#held.get(key);
    if (held !== undefined) {
      if (now - held.opened < this.#windowMs && now >= held.opened) {
        const matches = event.count ?? 1;
        held.count += matches;
        this.#aggregated += matches;
        return;
      }
      // The key's window ended before the sweep came: store it, and this match opens the next one.
      this.#release(key, held);
    } else if (this.#held.size >= this.#maxKeys) {
      const oldest = this.#held.entries().next().value;
      if (oldest !== undefined) this.#release(oldest[0], oldest[1]);
    }
    this.#held.set(key, { event, opened: now, count: event.count ?? 1 });
    this.#arm();
  }

  /** Counters for /healthz and metrics. */
  stats(): SecurityEventSinkStats {
    return {
      queued: this.#queue.length,
      held: this.#held.size,
      written: this.#written,
      dropped: this.#dropped,
      aggregated: this.#aggregated,
    };
  }

  /** Queues every held event with its count so far and writes what is queued (one batch at a time); never rejects. */
  async flush(): Promise<void> {
    for (const [key, held] of this.#held) this.#release(key, held);
    return this.#write();
  }

  /** Flushes (held events included) and stops the timer. */
  async close(): Promise<void> {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.flush();
  }

  /** Writes what is queued now (one drain at a time). */
  async #write(): Promise<void> {
    if (this.#flushing !== undefined) return this.#flushing;
    this.#flushing = this.#drain().finally(() => {
      this.#flushing = undefined;
      if ((this.#queue.length > 0 || this.#held.size > 0) && !this.#failing) this.#arm();
    });
    return this.#flushing;
  }

  /** The timer's work: queue the held events whose window ended, then write. */
  #tick(): void {
    this.#sweep(this.#now());
    void this.#write();
  }

  /** Queues held events whose window ended, oldest first (stops at the first still open). */
  #sweep(now: number): void {
    for (const [key, held] of this.#held) {
      if (now - held.opened < this.#windowMs && now >= held.opened) break;
      this.#release(key, held);
    }
  }

  /** Stops holding an event and queues it with its final count. */
  #release(key: string, held: Held): void {
    this.#held.delete(key);
    this.#enqueue(held.count === (held.event.count ?? 1) ? held.event : { ...held.event, count: held.count });
  }

  #enqueue(event: NewSecurityEvent): void {
    this.#queue.push(event);
    if (this.#queue.length > this.#maxQueued) {
      const excess = this.#queue.length - this.#maxQueued;
      this.#queue.splice(0, excess);
      this.#dropped += excess;
    }
    if (this.#queue.length >= this.#batchSize) void this.#write();
    else this.#arm();
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue.slice(0, this.#batchSize);
      try {
        await this.#repository.append(batch);
      } catch (error) {
        if (!this.#failing)
          this.#logger?.warn(
            { err: error, queued: this.#queue.length },
            'cannot write security events; keeping them queued',
          );
        this.#failing = true;
        // Retry later rather than spinning on a down database.
        if (this.#timer !== undefined) clearTimeout(this.#timer);
        this.#timer = setTimeout(
          () => {
            this.#timer = undefined;
            this.#failing = false;
            this.#tick();
          },
          Math.max(this.#flushIntervalMs, 1000),
        );
        this.#timer.unref();
        return;
      }
      this.#queue.splice(0, batch.length);
      this.#written += batch.length;
      if (this.#failing) this.#logger?.info('security events are being written again');
      this.#failing = false;
    }
  }

  #arm(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#tick();
    }, this.#flushIntervalMs);
    this.#timer.unref();
  }
}
