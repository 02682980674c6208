// CRLs of uploaded CAs: verify against the CA, store, fetch by URL and refresh before they go stale.
import { encodePem, isPkiError, parseCrl } from '@portcullis/pki';
import type { Crl, MtlsCertificate } from '@portcullis/model';
import type { CrlInput, Store, StoreRepositories } from '@portcullis/store';
import { ApiError } from '../errors.js';
import { pemBlocks } from './pem.js';

/** Largest CRL fetched from a URL, in bytes (32 MiB ≈ 800 000 serials). */
export const maxFetchedCrlBytes = 32 * 1024 * 1024;
/** How long a CRL download may take. */
export const crlFetchTimeoutMs = 15_000;
/** Default and bounds of `refresh_seconds`. */
export const crlRefresh = { default: 3600, min: 60, max: 7 * 86_400 } as const;

/** Parses `crl` (PEM text or DER) and checks it was signed by a certificate of `ca`'s bundle and is current. */
export function verifiedCrl(
  crl: string | Uint8Array,
  ca: MtlsCertificate,
  now: Date,
  source: { source: 'upload' | 'url'; url: string | null; refresh_seconds: number | null },
): CrlInput {
  let parsed: ReturnType<typeof parseCrl> | undefined;
  let lastError = 'crl is not signed by this CA';
  for (const certificate of pemBlocks(ca.certificates).filter((b) => b.label === 'CERTIFICATE')) {
    try {
      const candidate = parseCrl(crl, certificate.text);
      if (candidate.verified) {
        parsed = candidate;
        break;
      }
    } catch (error) {
      if (!isPkiError(error)) throw error;
      lastError = error.code === 'PKI_CRL_SIGNATURE_INVALID' ? 'crl is not signed by this CA' : error.message;
      if (error.code !== 'PKI_CRL_SIGNATURE_INVALID') break;
    }
  }
  if (parsed === undefined) throw new ApiError('API_INVALID_CRL', `invalid crl: ${lastError}`);
  if (parsed.nextUpdate !== null && parsed.nextUpdate.getTime() <= now.getTime()) {
    throw new ApiError(
      'API_INVALID_CRL',
      `invalid crl: it expired at its next update ${parsed.nextUpdate.toISOString()}`,
    );
  }
  const pem = typeof crl === 'string' ? crl : encodePem('X509 CRL', crl);
  return {
    ...source,
    crl_pem: pem,
    crl_number: parsed.crlNumber === null ? null : parsed.crlNumber.toString(),
    this_update: parsed.thisUpdate.toISOString(),
    next_update: parsed.nextUpdate === null ? null : parsed.nextUpdate.toISOString(),
    revoked_serials: [...parsed.revokedSerials],
    fetched_at: source.source === 'url' ? now.toISOString() : null,
  };
}

/** Downloads a CRL (PEM or DER), bounded in time and size. Throws with a message fit for `last_error`. */
export async function downloadCrl(fetchImpl: typeof fetch, url: string): Promise<string | Uint8Array> {
  let response: Response;
  try {
    response = await fetchImpl(url, { signal: AbortSignal.timeout(crlFetchTimeoutMs), redirect: 'follow' });
  } catch (error) {
    throw new Error(`could not fetch ${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!response.ok) throw new Error(`could not fetch ${url}: HTTP ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxFetchedCrlBytes)
    throw new Error(`crl at ${url} is larger than ${maxFetchedCrlBytes} bytes`);
  const reader = response.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader !== undefined) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxFetchedCrlBytes) {
        await reader.cancel();
        throw new Error(`crl at ${url} is larger than ${maxFetchedCrlBytes} bytes`);
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(64, bytes.length)));
  return text.includes('-----BEGIN') ? new TextDecoder().decode(bytes) : bytes;
}

/** Checks a CRL URL: http or https only. */
export function checkCrlUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ApiError('API_VALIDATION', 'body.url is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ApiError('API_VALIDATION', 'body.url must use http or https');
  }
  if (url.username !== '' || url.password !== '')
    throw new ApiError('API_VALIDATION', 'body.url must not contain credentials');
  return url.toString();
}

/** Outcome of one {@link refreshDueCrls} run. */
export interface CrlRefreshReport {
  refreshed: string[];
  failed: { id: string; error: string }[];
}

/** Options of {@link refreshDueCrls}. */
export interface CrlRefreshOptions {
  /** fetch, for tests. */
  readonly fetch?: typeof fetch;
  /** Clock, for tests. */
  readonly now?: () => Date;
  /** Look this far ahead for due CRLs, so a list is replaced before its nextUpdate (default 5 minutes). */
  readonly aheadMs?: number;
  /** Once aborted, no further CRL is fetched (the one in progress finishes). */
  readonly signal?: AbortSignal;
}

/** Default of {@link CrlRefreshOptions.aheadMs}. */
export const crlRefreshAheadMs = 5 * 60_000;

/**
 * Fetches every URL-sourced CRL that is due (never fetched, refresh period over, or next
 * update reached within `aheadMs`), PEM or DER, verifies it against its CA and stores it; a
 * failure is recorded on the CRL (`last_error`) and the previous list stays in force. Rejects
 * only when the due CRLs cannot be listed. For the serve loop to call periodically.
 *
 * @example
 * ```ts
 * setInterval(() => void refreshDueCrls(store, { fetch }), 60_000);
 * ```
 */
export async function refreshDueCrls(
  store: Store,
  options: CrlRefreshOptions = {},
): Promise<CrlRefreshReport> {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const now = options.now ?? (() => new Date());
  const horizon = new Date(now().getTime() + (options.aheadMs ?? crlRefreshAheadMs));
  const report: CrlRefreshReport = { refreshed: [], failed: [] };
  const due = await store.mtlsCertificates.listDueCrls(horizon.toISOString());
  for (const { account_id: accountId, crl } of due) {
    if (options.signal?.aborted === true) break;
    const id = crl.mtls_certificate_id;
    try {
      const ca = await store.mtlsCertificates.get(accountId, id);
      if (ca === undefined || crl.url === null) continue;
      const body = await downloadCrl(fetchImpl, crl.url);
      const input = verifiedCrl(body, ca, now(), {
        source: 'url',
        url: crl.url,
        refresh_seconds: crl.refresh_seconds,
      });
      await store.transaction(async (tx) => {
        await tx.mtlsCertificates.setCrl(accountId, id, input);
        await systemAudit(tx, accountId, id, 'crl_refresh', {
          entries: input.revoked_serials.length,
          crl_number: input.crl_number,
        });
      });
      report.refreshed.push(id);
    } catch (error) {
      const message = errorMessage(error);
      try {
        await store.transaction(async (tx) => {
          await tx.mtlsCertificates.recordCrlError(accountId, id, message, now().toISOString());
          await systemAudit(tx, accountId, id, 'crl_refresh_failed', { error: message });
        });
        report.failed.push({ id, error: message });
      } catch (recordError) {
        // The other due CRLs are still tried; the next run retries this one.
        report.failed.push({ id, error: `${message} (not recorded: ${errorMessage(recordError)})` });
      }
    }
  }
  return report;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function systemAudit(
  tx: StoreRepositories,
  accountId: string,
  id: string,
  action: string,
  details: Record<string, unknown>,
): Promise<void> {
  await tx.auditLog.append({
    actor: { type: 'system', id: null, name: 'crl-refresh', ip: null },
    action,
    resource: { type: 'crl', id },
    account_id: accountId,
    zone_id: null,
    details,
  });
}

/** The CRL status of `ca` or a 404. */
export async function requireCrl(repos: StoreRepositories, accountId: string, id: string): Promise<Crl> {
  const crl = await repos.mtlsCertificates.getCrl(accountId, id);
  if (crl === undefined) throw new ApiError('API_NOT_FOUND', `mtls certificate ${id} has no crl`);
  return crl;
}
