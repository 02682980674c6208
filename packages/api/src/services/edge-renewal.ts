// Renews auto-issued edge certificates before they expire, for the serve loop to call daily.
import { sealSecret } from '@portcullis/pki';
import type { Store } from '@portcullis/store';
import { createContext } from '../context.js';
import { issueEdgeCertificate } from './edge-ca.js';

/** Outcome of one {@link renewEdgeCertificates} run. */
export interface EdgeRenewalReport {
  renewed: string[];
  failed: { hostname: string; error: string }[];
}

/**
 * Re-issues every `managed` edge certificate that expires within `withinDays` (default 30) from
 * the edge CA, in one transaction per hostname with an audit entry. Uploaded certificates are
 * left alone (their owner renews them).
 *
 * @example
 * ```ts
 * setInterval(() => void renewEdgeCertificates(store, { masterKey }), 86_400_000);
 * ```
 */
export async function renewEdgeCertificates(
  store: Store,
  options: {
    masterKey: Uint8Array;
    previousMasterKeys?: readonly Uint8Array[];
    now?: () => Date;
    withinDays?: number;
  },
): Promise<EdgeRenewalReport> {
  const context = createContext({
    store,
    masterKey: options.masterKey,
    ...(options.previousMasterKeys ? { previousMasterKeys: options.previousMasterKeys } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const now = context.now();
  const horizon = now.getTime() + (options.withinDays ?? 30) * 86_400_000;
  const report: EdgeRenewalReport = { renewed: [], failed: [] };
  for (const host of await store.hostnames.listAll()) {
    if (host.edge_certificate.source !== 'managed') continue;
    if (new Date(host.edge_certificate.expires_on).getTime() > horizon) continue;
    try {
      const issued = await issueEdgeCertificate(context, host.hostname);
      const sealed = await sealSecret(options.masterKey, issued.privateKeyPem);
      await store.transaction(async (tx) => {
        await tx.hostnames.update(host.zone_id, host.id, {
          edge_certificate: { ...issued.info, private_key_sealed: sealed },
        });
        await tx.auditLog.append({
          actor: { type: 'system', id: null, name: 'edge-renewal', ip: null },
          action: 'renew_edge_certificate',
          resource: { type: 'hostname', id: host.id },
          account_id: null,
          zone_id: host.zone_id,
          details: { hostname: host.hostname, expires_on: issued.info.expires_on },
        });
      });
      report.renewed.push(host.hostname);
    } catch (error) {
      report.failed.push({
        hostname: host.hostname,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  await context.close();
  return report;
}
