// Batches the edge's security events into the store, off the request path, bounded in memory;
// a flood of identical matches (same rule, client and certificate within a short window) is
// stored once.
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
   * one are folded into that first stored event (default 1000; 0 stores every event).
   */
  readonly aggregateWindowMs?: number;
  /** Distinct keys tracked for folding; beyond, folding restarts (default 10 000). */
  readonly maxAggregateKeys?: number;
  /** Clock for the folding window (tests). */
  readonly now?: () => number;
  readonly logger?: Logger;
}

/** Counters of a {@link SecurityEventSink}. */
export interface SecurityEventSinkStats {
  /** Events waiting to be written. */
  readonly queued: number;
  /** Events written to the store. */
  readonly written: number;
  /** Events lost because the queue was full (store slow or down). */
  readonly dropped: number;
  /** Matches folded into an earlier stored event of the same key (not stored on their own). */
  readonly aggregated: number;
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
 * A flood of identical matches (one client hammering a blocked path) is stored as the first event
 * of each `aggregateWindowMs` window per key; the others are counted in `stats().aggregated`. The
 * edge's `portcullis_edge_security_events_total` metric still counts every match.
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
  /** Key → time its stored event opened the window. */
  #windows = new Map<string, number>();
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
    this.#maxKeys = options.maxAggregateKeys ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  /** Queues one event, or folds it into the stored event of its key's open window. */
  push(event: NewSecurityEvent): void {
    if (this.#windowMs > 0) {
      const key = aggregationKey(event);
      const now = this.#now();
      const opened = this.#windows.get(key);
      if (opened !== undefined && now - opened < this.#windowMs && now >= opened) {
        this.#aggregated += 1;
        return;
      }
      if (opened === undefined && this.#windows.size >= this.#maxKeys) this.#expireWindows(now);
      this.#windows.set(key, now);
    }
    this.#queue.push(event);
    if (this.#queue.length > this.#maxQueued) {
      const excess = this.#queue.length - this.#maxQueued;
      this.#queue.splice(0, excess);
      this.#dropped += excess;
    }
    if (this.#queue.length >= this.#batchSize) void this.flush();
    else this.#arm();
  }

  /** Counters for /healthz and metrics. */
  stats(): SecurityEventSinkStats {
    return { queued: this.#queue.length, written: this.#written, dropped: this.#dropped, aggregated: this.#aggregated };
  }

  /** Writes what is queued now (one batch at a time); never rejects. */
  async flush(): Promise<void> {
    if (this.#flushing !== undefined) return this.#flushing;
    this.#flushing = this.#drain().finally(() => {
      this.#flushing = undefined;
      if (this.#queue.length > 0 && !this.#failing) this.#arm();
    });
    return this.#flushing;
  }

  /** Flushes and stops the timer. */
  async close(): Promise<void> {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.flush();
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue.slice(0, this.#batchSize);
      try {
        await this.#repository.append(batch);
      } catch (error) {
        if (!this.#failing) this.#logger?.warn({ err: error, queued: this.#queue.length }, 'cannot write security events; keeping them queued');
        this.#failing = true;
        // Retry later rather than spinning on a down database.
        this.#timer = setTimeout(() => {
          this.#timer = undefined;
          this.#failing = false;
          void this.flush();
        }, Math.max(this.#flushIntervalMs, 1000));
        this.#timer.unref();
        return;
      }
      this.#queue.splice(0, batch.length);
      this.#written += batch.length;
      this.#expireWindows(this.#now());
      if (this.#failing) this.#logger?.info('security events are being written again');
      this.#failing = false;
    }
  }

  /** Forgets closed windows; if every key is still open, forgets them all (bounded memory). */
  #expireWindows(now: number): void {
    for (const [key, opened] of this.#windows) if (now - opened >= this.#windowMs || now < opened) this.#windows.delete(key);
    if (this.#windows.size >= this.#maxKeys) this.#windows.clear();
  }

  #arm(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.flush();
    }, this.#flushIntervalMs);
    this.#timer.unref();
  }
}
