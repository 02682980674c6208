// Keeps URL-sourced CRLs of uploaded CAs fresh: fetches each before its nextUpdate or refresh period.
import type { Logger } from 'pino';
import type { Store, StoreRepositories } from '@portcullis/store';
import { parseCrl } from '@portcullis/pki';

/** Options of {@link CrlRefresher}. */
export interface CrlRefresherOptions {
  /** How often to look for due CRLs. */
  readonly checkIntervalMs: number;
  /** Fetch a CRL this long before its nextUpdate, so the list never lapses (default 5 minutes). */
  readonly aheadMs?: number;
  /** Per-fetch timeout (default 10 s). */
  readonly fetchTimeoutMs?: number;
  /** Largest CRL accepted (default 20 MiB). */
  readonly maxBytes?: number;
  readonly logger?: Logger;
  /** Clock, for tests. */
  readonly now?: () => Date;
  /** fetch, for tests. */
  readonly fetch?: typeof fetch;
}

/**
 * Periodically asks the store which URL-sourced CRLs are due, fetches them, verifies them against
 * their CA and stores the new list (which reaches the edges through the change feed). A failed
 * fetch is recorded on the CRL (`last_error`) and the previous list stays in force.
 */
export class CrlRefresher {
  readonly #store: Store;
  readonly #options: Required<Omit<CrlRefresherOptions, 'logger'>> & { logger?: Logger };
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #closed = false;

  constructor(store: Store, options: CrlRefresherOptions) {
    this.#store = store;
    this.#options = {
      checkIntervalMs: options.checkIntervalMs,
      aheadMs: options.aheadMs ?? 5 * 60_000,
      fetchTimeoutMs: options.fetchTimeoutMs ?? 10_000,
      maxBytes: options.maxBytes ?? 20 * 1024 * 1024,
      now: options.now ?? (() => new Date()),
      fetch: options.fetch ?? fetch,
      ...(options.logger ? { logger: options.logger } : {}),
    };
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

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    await this.#running;
  }

  #schedule(delay: number): void {
    if (this.#closed) return;
    this.#timer = setTimeout(() => {
      void this.runOnce().finally(() => this.#schedule(this.#options.checkIntervalMs));
    }, delay);
    this.#timer.unref();
  }

  async #check(): Promise<void> {
    const horizon = new Date(this.#options.now().getTime() + this.#options.aheadMs).toISOString();
    let due;
    try {
      due = await this.#store.mtlsCertificates.listDueCrls(horizon);
    } catch (error) {
      this.#options.logger?.warn({ err: error }, 'cannot list CRLs due for refresh');
      return;
    }
    for (const { account_id: accountId, crl } of due) {
      if (this.#closed) return;
      if (crl.url === null) continue;
      await this.#refreshOne(accountId, crl.mtls_certificate_id, crl.url, crl.refresh_seconds);
    }
  }

  async #refreshOne(accountId: string, id: string, url: string, refreshSeconds: number | null): Promise<void> {
    const at = this.#options.now().toISOString();
    try {
      const ca = await this.#store.mtlsCertificates.get(accountId, id);
      if (ca === undefined) return;
      const bytes = await this.#download(url);
      const issuerPem = firstPem(ca.certificates);
      // Distribution points serve DER (RFC 5280) or, often enough, PEM: accept both.
      const text = Buffer.from(bytes).toString('latin1');
      const parsed = parseCrl(text.includes('-----BEGIN X509 CRL-----') ? text : bytes, issuerPem);
      if (!parsed.verified) throw new Error('the CRL is not signed by this CA');
      if (parsed.nextUpdate !== null && parsed.nextUpdate.getTime() < this.#options.now().getTime()) {
        throw new Error(`the CRL at ${url} is stale (nextUpdate ${parsed.nextUpdate.toISOString()})`);
      }
      const serials = [...parsed.revokedSerials].map((serial) => serial.toUpperCase());
      const crlNumber = parsed.crlNumber === null ? null : String(parsed.crlNumber);
      await this.#store.transaction(async (tx) => {
        await tx.mtlsCertificates.setCrl(accountId, id, {
          source: 'url',
          url,
          refresh_seconds: refreshSeconds,
          crl_pem: toPem(bytes),
          crl_number: crlNumber,
          this_update: parsed.thisUpdate.toISOString(),
          next_update: parsed.nextUpdate?.toISOString() ?? null,
          revoked_serials: serials,
          fetched_at: at,
        });
        await audit(tx, accountId, id, 'crl_refresh', { entries: serials.length, crl_number: crlNumber });
      });
      this.#options.logger?.info({ mtls_certificate_id: id, url, entries: parsed.revokedSerials.size }, 'CRL refreshed');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#options.logger?.warn({ mtls_certificate_id: id, url, err: error }, 'CRL refresh failed; the previous list stays in force');
      try {
        await this.#store.transaction(async (tx) => {
          await tx.mtlsCertificates.recordCrlError(accountId, id, message, at);
          await audit(tx, accountId, id, 'crl_refresh_failed', { error: message });
        });
      } catch (recordError) {
        this.#options.logger?.warn({ err: recordError }, 'cannot record the CRL error');
      }
    }
  }

  async #download(url: string): Promise<Uint8Array> {
    const response = await this.#options.fetch(url, { signal: AbortSignal.timeout(this.#options.fetchTimeoutMs), redirect: 'follow' });
    if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > this.#options.maxBytes) throw new Error(`the CRL at ${url} is larger than ${this.#options.maxBytes} bytes`);
    const body = new Uint8Array(await response.arrayBuffer());
    if (body.length > this.#options.maxBytes) throw new Error(`the CRL at ${url} is larger than ${this.#options.maxBytes} bytes`);
    return body;
  }
}

/** Records the refresh in the audit log, as the API does for a CRL set by hand. */
async function audit(tx: StoreRepositories, accountId: string, id: string, action: string, details: Record<string, unknown>): Promise<void> {
  await tx.auditLog.append({
    actor: { type: 'system', id: null, name: 'crl-refresh', ip: null },
    action,
    resource: { type: 'crl', id },
    account_id: accountId,
    zone_id: null,
    details,
  });
}

function firstPem(bundle: string): string {
  const match = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(bundle);
  return match ? `${match[0]}\n` : bundle;
}

function toPem(bytes: Uint8Array): string {
  const text = Buffer.from(bytes).toString('latin1');
  if (text.includes('-----BEGIN X509 CRL-----')) return text;
  const base64 = Buffer.from(bytes).toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN X509 CRL-----\n${base64.trimEnd()}\n-----END X509 CRL-----\n`;
}
