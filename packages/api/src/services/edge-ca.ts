// The local edge CA: made at first start, issues hostnames' edge certificates when none is uploaded.
import { createCa, openSecret, sealSecret, certificateInfo } from '@portcullis/pki';
import type { EdgeCertificateInfo } from '@portcullis/model';
import type { StoreRepositories } from '@portcullis/store';
import type { ApiContext, SigningCa } from '../context.js';
import { ApiError } from '../errors.js';
import { pemBlocks } from './pem.js';
import { issueServerCertificate } from './server-certificate.js';

/** Settings keys of the edge CA. */
export const edgeCaKeys = { certificate: 'edge_ca.certificate', key: 'edge_ca.private_key_sealed' } as const;
/** Lifetime of issued edge certificates, in days. */
export const edgeCertificateDays = 397;

/**
 * Returns the edge CA stored in `repos`, creating it (key sealed with the ring's first, current key)
 * when absent; a stored key opens with any key of `masterKeys`.
 * Safe when two processes start at once: the first stored CA wins and is returned to both.
 */
export async function ensureEdgeCa(
  repos: StoreRepositories,
  masterKeys: readonly Uint8Array[],
  now: Date,
): Promise<{ ca: SigningCa; created: boolean }> {
  const [masterKey] = masterKeys;
  if (masterKey === undefined) throw new Error('no master key given');
  const existing = await loadStoredEdgeCa(repos, masterKeys);
  if (existing !== undefined) return { ca: existing, created: false };
  const made = await createCa({ commonName: 'Portcullis Local Edge CA', validityDays: 3650, now });
  const sealed = await sealSecret(masterKey, made.privateKeyPem);
  // The key first: a certificate is only ever visible together with its key.
  await repos.settings.setIfAbsent(edgeCaKeys.key, sealed);
  const storedKey = await repos.settings.get(edgeCaKeys.key);
  const created = storedKey === sealed;
  if (created) await repos.settings.set(edgeCaKeys.certificate, made.certificatePem);
  const ca = await loadStoredEdgeCa(repos, masterKeys);
  if (ca === undefined) throw new Error('edge CA could not be stored');
  return { ca, created };
}

async function loadStoredEdgeCa(
  repos: StoreRepositories,
  masterKeys: readonly Uint8Array[],
): Promise<SigningCa | undefined> {
  const certificatePem = await repos.settings.get(edgeCaKeys.certificate);
  const sealed = await repos.settings.get(edgeCaKeys.key);
  if (certificatePem === undefined || sealed === undefined) return undefined;
  return { certificatePem, privateKeyPem: await openSecret(masterKeys, sealed) };
}

/** The edge CA the app was given, else the stored one; 503 when there is none (bootstrap not run). */
export async function edgeCa(context: ApiContext): Promise<SigningCa> {
  if (context.edgeCa !== undefined) return context.edgeCa;
  const stored = await loadStoredEdgeCa(context.store, context.masterKeys);
  if (stored === undefined) throw new ApiError('API_UNAVAILABLE', 'no edge CA: run bootstrap first');
  return stored;
}

/** The edge CA certificate PEM, without unsealing its key. */
export async function edgeCaCertificate(context: ApiContext): Promise<string | undefined> {
  return context.edgeCa?.certificatePem ?? (await context.store.settings.get(edgeCaKeys.certificate));
}

/** A newly issued edge certificate: public facts, key PEM (to be sealed by the caller). */
export interface IssuedEdgeCertificate {
  info: EdgeCertificateInfo;
  privateKeyPem: string;
}

/** Issues an edge (server) certificate for `hostname` from the edge CA. */
export async function issueEdgeCertificate(
  context: ApiContext,
  hostname: string,
): Promise<IssuedEdgeCertificate> {
  const ca = await edgeCa(context);
  const issued = await issueServerCertificate({
    ca,
    dnsNames: [hostname],
    validityDays: edgeCertificateDays,
    now: context.now(),
  });
  return { info: edgeInfo('managed', issued.certificatePem), privateKeyPem: issued.privateKeyPem };
}

/** Public facts of an edge certificate chain (leaf first). */
export function edgeInfo(source: EdgeCertificateInfo['source'], chainPem: string): EdgeCertificateInfo {
  const leaf = pemBlocks(chainPem).find((b) => b.label === 'CERTIFICATE');
  if (leaf === undefined)
    throw new ApiError('API_INVALID_CERTIFICATE', 'edge certificate has no CERTIFICATE block');
  const info = certificateInfo(leaf.text);
  return {
    source,
    certificate: chainPem,
    issuer: info.issuerDn,
    serial_number: info.serialDecimal,
    fingerprint_sha256: info.fingerprintSha256,
    expires_on: info.notAfter.toISOString(),
  };
}
