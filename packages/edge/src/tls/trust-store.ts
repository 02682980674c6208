// A host's client-certificate trust store, parsed once per snapshot: the PEMs OpenSSL loads and
// the parsed certificates our own checks use to find the issuer that was actually validated.
import { X509Certificate, createHash } from 'node:crypto';
import { EdgeError } from '../errors.js';
import type { EdgeTrustedCa } from '../config.js';

/** One trusted CA certificate (a bundle yields several entries with the same CA id). */
export interface TrustedCertificate {
  readonly caId: string;
  readonly pem: string;
  readonly x509: X509Certificate;
  readonly der: Buffer;
  /** Upper-case hex, Cloudflare's `cert_issuer_ski` format. */
  readonly skiUpper: string;
  /** Upper-case hex serial, Cloudflare's `cert_issuer_serial` format. */
  readonly serialUpper: string;
}

/** The parsed trust store of one host. */
export interface TrustStore {
  readonly certificates: readonly TrustedCertificate[];
  readonly pems: readonly string[];
  /** sha256 over CA ids and certificates: part of the session binding. */
  readonly hash: string;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Caches so that a CA PEM is parsed once and an unchanged CA list yields the same store, across hosts and snapshots. */
export interface TrustCache {
  readonly certificates: Map<string, TrustedCertificate[]>;
  readonly stores: Map<
    string,
    { readonly pems: readonly string[]; readonly keys: readonly string[]; readonly store: TrustStore }
  >;
  /** Keys used by the build in progress; {@link pruneTrustCache} drops the rest. */
  readonly usedStores: Set<string>;
  readonly usedCertificates: Set<string>;
}

/** Creates empty trust caches. */
export function createTrustCache(): TrustCache {
  return { certificates: new Map(), stores: new Map(), usedStores: new Set(), usedCertificates: new Set() };
}

/** Forgets what the last build did not use (removed CAs and hosts), then starts a new round. */
export function pruneTrustCache(cache: TrustCache): void {
  for (const key of cache.stores.keys()) if (!cache.usedStores.has(key)) cache.stores.delete(key);
  for (const key of cache.certificates.keys())
    if (!cache.usedCertificates.has(key)) cache.certificates.delete(key);
  cache.usedStores.clear();
  cache.usedCertificates.clear();
}

/** Reads the SKI extension (2.5.29.14) from a DER certificate; '' when absent. */
export function subjectKeyIdentifier(der: Buffer): string {
  // OID 2.5.29.14 = 06 03 55 1D 0E, then optional critical flag, then OCTET STRING wrapping OCTET STRING.
  const oid = Buffer.from([0x06, 0x03, 0x55, 0x1d, 0x0e]);
  let at = der.indexOf(oid);
  if (at < 0) return '';
  at += oid.length;
  if (der[at] === 0x01) at += 3; // BOOLEAN critical
  if (der[at] !== 0x04) return '';
  at += 2; // outer OCTET STRING (short length: SKIs are small)
  if (der[at] !== 0x04) return '';
  const length = der[at + 1]!;
  return der
    .subarray(at + 2, at + 2 + length)
    .toString('hex')
    .toUpperCase();
}

function parseCa(ca: EdgeTrustedCa): TrustedCertificate[] {
  const blocks = ca.certificatePem.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0)
    throw new EdgeError('EDGE_CONFIG_INVALID', `trusted CA ${ca.id}: no certificate in PEM`);
  return blocks.map((pem) => {
    let x509: X509Certificate;
    try {
      x509 = new X509Certificate(pem);
    } catch (cause) {
      throw new EdgeError('EDGE_CONFIG_INVALID', `trusted CA ${ca.id}: unreadable certificate`, { cause });
    }
    if (!x509.ca)
      throw new EdgeError(
        'EDGE_CONFIG_INVALID',
        `trusted CA ${ca.id}: certificate ${x509.subject.replace(/\n/g, ', ')} is not a CA`,
      );
    return {
      caId: ca.id,
      pem,
      x509,
      der: x509.raw,
      skiUpper: subjectKeyIdentifier(x509.raw),
      serialUpper: x509.serialNumber.toUpperCase(),
    };
  });
}

/** Builds a host's trust store; throws EDGE_CONFIG_INVALID when a CA cannot be loaded (fail closed). */
export function buildTrustStore(cas: readonly EdgeTrustedCa[], cache: TrustCache): TrustStore {
  const listKey = cas.map((ca) => ca.id).join('\0');
  const known = cache.stores.get(listKey);
  if (
    known &&
    known.pems.length === cas.length &&
    cas.every((ca, i) => ca.certificatePem === known.pems[i])
  ) {
    cache.usedStores.add(listKey);
    for (const key of known.keys) cache.usedCertificates.add(key);
    return known.store;
  }
  const certificates: TrustedCertificate[] = [];
  const keys: string[] = [];
  const hash = createHash('sha256');
  for (const ca of cas) {
    const key = `${ca.id}\n${ca.certificatePem}`;
    keys.push(key);
    cache.usedCertificates.add(key);
    let parsed = cache.certificates.get(key);
    if (!parsed) {
      parsed = parseCa(ca);
      cache.certificates.set(key, parsed);
    }
    certificates.push(...parsed);
    hash.update(ca.id).update('\0').update(ca.certificatePem).update('\0');
  }
  const store: TrustStore = {
    certificates,
    pems: certificates.map((c) => c.pem),
    hash: hash.digest('hex'),
  };
  cache.stores.set(listKey, { pems: cas.map((ca) => ca.certificatePem), keys, store });
  cache.usedStores.add(listKey);
  return store;
}
