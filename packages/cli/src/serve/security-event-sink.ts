// Batches the edge's security events into the store, off the request path, bounded in memory.
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
  readonly logger?: Logger;
}

/**
 * Collects events from the edge and appends them to the store in batches. `push` never blocks and
 * never throws: when the store is unreachable events queue up to `maxQueued`, then the oldest are
 * dropped and counted, so the edge keeps serving whatever happens to the database.
 */
export class SecurityEventSink {
  readonly #repository: SecurityEventsRepository;
  readonly #flushIntervalMs: number;
  readonly #batchSize: number;
  readonly #maxQueued: number;
  readonly #logger: Logger | undefined;
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
  }

  /** Queues one event. */
  push(event: NewSecurityEvent): void {
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
  stats(): { queued: number; written: number; dropped: number } {
    return { queued: this.#queue.length, written: this.#written, dropped: this.#dropped };
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
      if (this.#failing) this.#logger?.info('security events are being written again');
      this.#failing = false;
    }
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
