// A SnapshotSource that rebuilds the edge's configuration on change notices and a periodic version check.
import type { Logger } from 'pino';
import { withTimeout } from './with-timeout.js';

/** The change-feed version a configuration was built from. */
export type FeedVersion = number | string | bigint;

/** What the source needs from the store side. */
export interface SnapshotInputs<T> {
  /** Reads everything the edge needs and returns it with the version it was read at. */
  build(): Promise<T>;
  /** The change feed's current version (cheap; polled). */
  version(): Promise<FeedVersion>;
  /** Calls `listener` on every committed change (in-process or LISTEN/NOTIFY); returns unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** The version a built configuration carries. */
  versionOf(config: T): FeedVersion;
}

/** Health of the source, for /healthz. */
export interface SnapshotStatus {
  readonly version: string;
  readonly builtAt: string;
  /** The last rebuild error since the last success, or null. */
  readonly lastError: string | null;
  readonly lastErrorAt: string | null;
  readonly rebuilds: number;
  readonly failures: number;
}

/**
 * Holds the last good configuration and rebuilds it off the hot path when the store announces a
 * change or the polled version moves. Rebuilds never overlap: notices arriving during one are
 * coalesced into a single follow-up. A failed rebuild (database unreachable) keeps the last good
 * configuration and is retried at the next notice or poll.
 */
export class RebuildingSnapshotSource<T> {
  readonly #inputs: SnapshotInputs<T>;
  readonly #pollIntervalMs: number;
  readonly #timeoutMs: number;
  readonly #logger: Logger | undefined;
  readonly #listeners = new Set<() => void>();
  #current: T | undefined;
  #builtAt = new Date(0);
  #lastError: { message: string; at: Date } | null = null;
  #rebuilds = 0;
  #failures = 0;
  #running: Promise<void> | undefined;
  #again = false;
  #timer: NodeJS.Timeout | undefined;
  #unsubscribe: (() => void) | undefined;
  #closed = false;

  /**
   * @param options.timeoutMs - longest wait for one build or version read (default 30 s): a database
   *   that stops answering must not stall every later reload.
   */
  constructor(
    inputs: SnapshotInputs<T>,
    options: { pollIntervalMs: number; timeoutMs?: number; logger?: Logger },
  ) {
    if (!(options.pollIntervalMs >= 10)) throw new RangeError('pollIntervalMs must be at least 10');
    this.#inputs = inputs;
    this.#pollIntervalMs = options.pollIntervalMs;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#logger = options.logger;
  }

  /** Builds the first configuration (failing loudly if it cannot) and starts listening and polling. */
  async start(): Promise<void> {
    this.#current = await this.#inputs.build();
    this.#builtAt = new Date();
    this.#unsubscribe = this.#inputs.subscribe(() => this.refresh());
    this.#schedulePoll();
  }

  /** The last good configuration. */
  current(): T {
    if (this.#current === undefined) throw new Error('snapshot source not started');
    return this.#current;
  }

  /** Registers an edge's change callback; returns unsubscribe. */
  subscribe(onChange: () => void): () => void {
    this.#listeners.add(onChange);
    return () => this.#listeners.delete(onChange);
  }

  /** Requests a rebuild now; resolves when the configuration is current (or the attempt failed). */
  refresh(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    if (this.#running !== undefined) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#rebuildLoop().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** Health for /healthz and metrics. */
  status(): SnapshotStatus {
    return {
      version: this.#current === undefined ? '' : String(this.#inputs.versionOf(this.#current)),
      builtAt: this.#builtAt.toISOString(),
      lastError: this.#lastError?.message ?? null,
      lastErrorAt: this.#lastError?.at.toISOString() ?? null,
      rebuilds: this.#rebuilds,
      failures: this.#failures,
    };
  }

  /** Stops polling and listening; waits for a rebuild in flight. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#unsubscribe?.();
    await this.#running;
  }

  async #rebuildLoop(): Promise<void> {
    do {
      this.#again = false;
      try {
        const next = await withTimeout(this.#inputs.build(), this.#timeoutMs, 'reading the configuration');
        if (this.#closed) return;
        this.#current = next;
        this.#builtAt = new Date();
        this.#rebuilds += 1;
        if (this.#lastError !== null)
          this.#logger?.info(
            { version: String(this.#inputs.versionOf(next)) },
            'configuration store reachable again',
          );
        this.#lastError = null;
        for (const listener of this.#listeners) {
          try {
            listener();
          } catch (error) {
            this.#logger?.error({ err: error }, 'snapshot listener failed');
          }
        }
      } catch (error) {
        this.#failures += 1;
        const message = error instanceof Error ? error.message : String(error);
        if (this.#lastError === null) {
          this.#logger?.warn(
            { err: error },
            'cannot rebuild the edge configuration; serving the last good one',
          );
        }
        this.#lastError = { message, at: new Date() };
        return;
      }
    } while (this.#again && !this.#closed);
  }

  #schedulePoll(): void {
    if (this.#closed) return;
    this.#timer = setTimeout(() => {
      void this.#poll().finally(() => this.#schedulePoll());
    }, this.#pollIntervalMs);
    this.#timer.unref();
  }

  async #poll(): Promise<void> {
    let latest: FeedVersion;
    try {
      latest = await withTimeout(this.#inputs.version(), this.#timeoutMs, 'reading the change-feed version');
    } catch (error) {
      this.#failures += 1;
      const message = error instanceof Error ? error.message : String(error);
      if (this.#lastError === null)
        this.#logger?.warn(
          { err: error },
          'configuration store unreachable; serving the last good configuration',
        );
      this.#lastError = { message, at: new Date() };
      return;
    }
    const built = this.#current === undefined ? undefined : String(this.#inputs.versionOf(this.#current));
    if (built !== String(latest) || this.#lastError !== null) await this.refresh();
  }
}
