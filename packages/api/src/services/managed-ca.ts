// Zone-managed client CAs: creation (key sealed at rest), signing material, and CRLs built on demand.
import { buildCrl, createCa, openSecret, sealSecret } from '@portcullis/pki';
import type { CertificateAuthority, Zone } from '@portcullis/model';
import type { Store, StoreRepositories } from '@portcullis/store';
import type { ApiContext, SigningCa } from '../context.js';
import { apiBasePath } from './urls.js';

/** How long a managed CA lives, in days (20 years; client certificates are capped to it). */
export const managedCaValidityDays = 7300;
/** `nextUpdate` of the CRLs we publish: relying parties re-fetch within this many hours. */
export const crlLifetimeHours = 24;

/** A freshly made managed CA, its key already sealed, ready to be stored with its zone. */
export interface MintedCa {
  name: string;
  certificatePem: string;
  privateKeySealed: string;
  skiHex: string;
  serialHex: string;
  notAfter: Date;
}

/**
 * Makes a zone's managed CA (one CA per zone, so `cert_verified` alone already means "issued
 * for this zone") and seals its key with the master key. Done before the store transaction so
 * that the key generation does not hold the database's write lock.
 */
export async function mintManagedCa(context: ApiContext, zoneName: string): Promise<MintedCa> {
  const name = `Portcullis Managed CA for ${zoneName}`;
  const ca = await createCa({ commonName: name, validityDays: managedCaValidityDays, now: context.now() });
  return {
    name,
    certificatePem: ca.certificatePem,
    privateKeySealed: await sealSecret(context.masterKey, ca.privateKeyPem),
    skiHex: ca.info.skiHex,
    serialHex: ca.info.serialHex,
    notAfter: ca.info.notAfter,
  };
}

/** Stores a minted CA as `zone`'s managed CA within `tx`. */
export function storeManagedCa(
  tx: StoreRepositories,
  zone: Zone,
  minted: MintedCa,
): Promise<CertificateAuthority> {
  return tx.certificateAuthorities.create({
    zone_id: zone.id,
    name: minted.name,
    certificate: minted.certificatePem,
    private_key_sealed: minted.privateKeySealed,
    ski: minted.skiHex,
    serial: minted.serialHex,
    expires_on: minted.notAfter.toISOString(),
  });
}

/** The CA's certificate and unsealed key, for signing; never logged nor returned. */
export async function signingMaterial(
  context: ApiContext,
  repos: StoreRepositories,
  ca: CertificateAuthority,
): Promise<SigningCa> {
  const sealed = await repos.certificateAuthorities.sealedKey(ca.id);
  if (sealed === undefined) throw new Error(`managed CA ${ca.id} has no key`);
  return { certificatePem: ca.certificate, privateKeyPem: await openSecret(context.masterKeys, sealed) };
}

/** The CRL distribution URL written into client certificates, when a public URL is configured. */
export function crlUrl(context: ApiContext, caId: string): string | undefined {
  if (context.publicBaseUrl === undefined) return undefined;
  return `${context.publicBaseUrl}${apiBasePath}/pki/ca/${caId}/crl.der`;
}

interface CachedCrl {
  version: number;
  builtAt: number;
  pem: string;
  der: Uint8Array;
}

/**
 * Builds (and caches until the next store change, or for an hour) the CRL of a managed CA,
 * listing every certificate that is not `active`. A revocation is in the very next CRL.
 */
export class CrlPublisher {
  readonly #cache = new Map<string, CachedCrl>();
  readonly #context: ApiContext;

  constructor(context: ApiContext) {
    this.#context = context;
  }

  /** The current CRL of `ca`. */
  async crl(ca: CertificateAuthority): Promise<{ pem: string; der: Uint8Array }> {
    const store: Store = this.#context.store;
    const version = await store.changes.version();
    const now = this.#context.now();
    const cached = this.#cache.get(ca.id);
    if (cached !== undefined && cached.version === version && now.getTime() - cached.builtAt < 3_600_000) {
      return cached;
    }
    const revoked = await store.clientCertificates.revokedSerials(ca.id);
    const signing = await signingMaterial(this.#context, store, ca);
    const crlNumber = await store.certificateAuthorities.nextCrlNumber(ca.id);
    const built = await buildCrl({
      ca: signing,
      entries: revoked.map((entry) => ({
        serialHex: entry.serial_hex,
        revokedAt: new Date(entry.revoked_at),
      })),
      crlNumber,
      thisUpdate: now,
      nextUpdate: new Date(now.getTime() + crlLifetimeHours * 3_600_000),
    });
    const entry: CachedCrl = { version, builtAt: now.getTime(), pem: built.pem, der: built.der };
    this.#cache.set(ca.id, entry);
    return entry;
  }
}
