// Schedules the API's CRL refresh (refreshDueCrls): a first run at start, then one every interval, until closed.
import type { Logger } from 'pino';
import { refreshDueCrls } from '@portcullis/api';
import type { Store } from '@portcullis/store';

/** Options of {@link CrlRefresher}. */
export interface CrlRefresherOptions {
  /** How often to look for due CRLs. */
  readonly checkIntervalMs: number;
  /** Fetch a CRL this long before its nextUpdate, so the list never lapses (refreshDueCrls' default: 5 minutes). */
  readonly aheadMs?: number;
  readonly logger?: Logger;
  /** Clock, for tests. */
  readonly now?: () => Date;
  /** fetch, for tests. */
  readonly fetch?: typeof fetch;
}

/**
 * Periodically runs {@link refreshDueCrls}, which fetches the URL-sourced CRLs that are due,
 * verifies them against their CA and stores the new lists (they reach the edges through the change
 * feed); a failed fetch is recorded on the CRL (`last_error`) and the previous list stays in force.
 */
export class CrlRefresher {
  readonly #store: Store;
  readonly #options: CrlRefresherOptions;
  readonly #closing = new AbortController();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;

  constructor(store: Store, options: CrlRefresherOptions) {
    this.#store = store;
    this.#options = options;
  }

  /** Runs a first check now and then every `checkIntervalMs`. */
  start(): void {
    this.#schedule(0);
  }

  /** Checks once; resolves when every due CRL was tried. */
  async runOnce(): Promise<void> {
    if (this.#running !== undefined) return this.#running;
    this.#running = this.#check().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** Stops the timer and waits for a running check, which fetches no further CRL. */
  async close(): Promise<void> {
    this.#closing.abort();
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    await this.#running;
  }

  #schedule(delay: number): void {
    if (this.#closing.signal.aborted) return;
    this.#timer = setTimeout(() => {
      void this.runOnce().finally(() => this.#schedule(this.#options.checkIntervalMs));
    }, delay);
    this.#timer.unref();
  }

  async #check(): Promise<void> {
    const { logger, aheadMs, now, fetch } = this.#options;
    try {
      const report = await refreshDueCrls(this.#store, {
        signal: this.#closing.signal,
        ...(aheadMs === undefined ? {} : { aheadMs }),
        ...(now === undefined ? {} : { now }),
        ...(fetch === undefined ? {} : { fetch }),
      });
      for (const id of report.refreshed) logger?.info({ mtls_certificate_id: id }, 'CRL refreshed');
      for (const { id, error } of report.failed) {
        logger?.warn(
          { mtls_certificate_id: id, error },
          'CRL refresh failed; the previous list stays in force',
        );
      }
    } catch (error) {
      logger?.warn({ err: error }, 'cannot list CRLs due for refresh');
    }
  }
}
