// The cf.tls_client_auth.* values of a client certificate, computed lazily: the edge calls
// clientAuthFacts once per TLS connection and rules usually read only one or two fields.
import { basicConstraints, parseCertificateDer, type ParsedCertificate } from './certificate.js';
import { formatLegacy, formatRfc2253, readName, type NameAttribute } from './dn.js';
import { PkiError } from './errors.js';
import { fingerprintSha1, fingerprintSha256 } from './fingerprint.js';
import { hexUpper } from './hex.js';
import { limits } from './limits.js';
import { rfc9440Chain, rfc9440Leaf } from './rfc9440.js';
import { serialToHex } from './serial.js';
import { computeSki, readAkiKeyId, readSki } from './ski.js';
import { formatOpensslTime } from './time.js';

/**
 * A client certificate's values in exactly the formats of Cloudflare's `cf.tls_client_auth.*`
 * fields (CLOUDFLARE.md §4.1). Each getter computes on first access and caches.
 */
export interface ClientAuthFacts {
  /** `cert_issuer_dn`: RFC 2253 (OpenSSL `-nameopt RFC2253`), e.g. `CN=Access Testing CA,OU=TX,O=Access Testing,L=Austin,ST=Texas,C=US`. */
  readonly issuerDn: string;
  /** `cert_subject_dn`. */
  readonly subjectDn: string;
  /** `cert_issuer_dn_rfc2253` (same form as `issuerDn`). */
  readonly issuerDnRfc2253: string;
  /** `cert_subject_dn_rfc2253`. */
  readonly subjectDnRfc2253: string;
  /** `cert_issuer_dn_legacy`: OpenSSL's oneline form, `/C=US/ST=Texas/…`. */
  readonly issuerDnLegacy: string;
  /** `cert_subject_dn_legacy`. */
  readonly subjectDnLegacy: string;
  /** `cert_serial`: uppercase hex. */
  readonly serial: string;
  /** `cert_issuer_serial`: the direct issuer's serial (the validated one when given), uppercase hex; '' when unknown. */
  readonly issuerSerial: string;
  /** `cert_fingerprint_sha256`: lowercase hex. */
  readonly fingerprintSha256: string;
  /** `cert_fingerprint_sha1`: lowercase hex. */
  readonly fingerprintSha1: string;
  /** `cert_not_before`: `Mar 21 13:35:00 2022 GMT`. */
  readonly notBefore: string;
  /** `cert_not_after`. */
  readonly notAfter: string;
  /** `cert_ski`: uppercase hex; '' when the certificate has no SKI extension. */
  readonly ski: string;
  /**
   * `cert_issuer_ski`, uppercase hex: the SKI of the validated issuer when `options.issuerDer` names
   * it (THREATS T8: never trust the leaf's own claim over the issuer that was checked), else the
   * leaf's AKI keyIdentifier (the seed document's openssl recipe), else a chain issuer's SKI, else ''.
   */
  readonly issuerSki: string;
  /** `cert_rfc9440`: `:base64(DER):`, '' when over 10 KiB. */
  readonly rfc9440: string;
  /** `cert_rfc9440_too_large`. */
  readonly rfc9440TooLarge: boolean;
  /** `cert_chain_rfc9440`: the chain as sent (leaf and self-issued roots excluded), '' when none or over 16 KiB. */
  readonly chainRfc9440: string;
  /** `cert_chain_rfc9440_too_large`. */
  readonly chainRfc9440TooLarge: boolean;
  /** basicConstraints CA:TRUE (Portcullis refuses such leaves). */
  readonly isCa: boolean;
  readonly notBeforeDate: Date;
  readonly notAfterDate: Date;
}

/** Options of {@link clientAuthFacts}. */
export interface ClientAuthFactsOptions {
  /** The direct issuer's DER when the caller knows it (e.g. the trusted CA that verified the leaf). */
  readonly issuerDer?: Uint8Array;
}

class LazyFacts implements ClientAuthFacts {
  readonly #leaf: ParsedCertificate;
  readonly #chain: readonly Uint8Array[];
  readonly #issuerDer: Uint8Array | undefined;
  readonly #cache = new Map<string, unknown>();

  constructor(leaf: ParsedCertificate, chain: readonly Uint8Array[], issuerDer: Uint8Array | undefined) {
    this.#leaf = leaf;
    this.#chain = chain;
    this.#issuerDer = issuerDer;
  }

  #memo<T>(key: string, compute: () => T): T {
    if (this.#cache.has(key)) return this.#cache.get(key) as T;
    const value = compute();
    this.#cache.set(key, value);
    return value;
  }

  // Getters never throw (the rules engine reads them lazily mid-evaluation): a name that does not
  // parse formats as ''. The TLS stack has already parsed the certificate, so this is theoretical.
  #issuerName(): NameAttribute[] {
    return this.#memo('issuerName', () => readNameSafe(this.#leaf.issuerDer));
  }

  #subjectName(): NameAttribute[] {
    return this.#memo('subjectName', () => readNameSafe(this.#leaf.subjectDer));
  }

  /** The issuer the caller validated (`options.issuerDer`), trusted as given. */
  #validatedIssuer(): ParsedCertificate | null {
    return this.#memo('validatedIssuer', () => {
      if (this.#issuerDer === undefined) return null;
      try {
        return parseCertificateDer(this.#issuerDer, 'issuer certificate');
      } catch {
        return null;
      }
    });
  }

  /** The direct issuer among the given certificates: subject = our issuer, and SKI = our AKI when both exist. */
  #issuer(): ParsedCertificate | null {
    return this.#memo('issuer', () => {
      const aki = readAkiSafe(this.#leaf);
      for (const der of this.#chain) {
        let candidate: ParsedCertificate;
        try {
          candidate = parseCertificateDer(der, 'chain certificate');
        } catch {
          continue;
        }
        if (Buffer.compare(candidate.subjectDer, this.#leaf.issuerDer) !== 0) continue;
        const ski = readSkiSafe(candidate);
        if (aki !== null && ski !== null && Buffer.compare(aki, ski) !== 0) continue;
        return candidate;
      }
      return null;
    });
  }

  get issuerDn(): string {
    return this.issuerDnRfc2253;
  }
  get subjectDn(): string {
    return this.subjectDnRfc2253;
  }
  get issuerDnRfc2253(): string {
    return this.#memo('issuerDnRfc2253', () => formatRfc2253(this.#issuerName()));
  }
  get subjectDnRfc2253(): string {
    return this.#memo('subjectDnRfc2253', () => formatRfc2253(this.#subjectName()));
  }
  get issuerDnLegacy(): string {
    return this.#memo('issuerDnLegacy', () => formatLegacy(this.#issuerName()));
  }
  get subjectDnLegacy(): string {
    return this.#memo('subjectDnLegacy', () => formatLegacy(this.#subjectName()));
  }
  get serial(): string {
    return this.#memo('serial', () => serialToHex(this.#leaf.serial));
  }
  get issuerSerial(): string {
    return this.#memo('issuerSerial', () => {
      const issuer = this.#validatedIssuer() ?? this.#issuer();
      return issuer === null ? '' : serialToHex(issuer.serial);
    });
  }
  get fingerprintSha256(): string {
    return this.#memo('fingerprintSha256', () => fingerprintSha256(this.#leaf.der));
  }
  get fingerprintSha1(): string {
    return this.#memo('fingerprintSha1', () => fingerprintSha1(this.#leaf.der));
  }
  get notBefore(): string {
    return this.#memo('notBefore', () => formatOpensslTime(this.#leaf.notBefore));
  }
  get notAfter(): string {
    return this.#memo('notAfter', () => formatOpensslTime(this.#leaf.notAfter));
  }
  get ski(): string {
    return this.#memo('ski', () => {
      const ski = readSkiSafe(this.#leaf);
      return ski === null ? '' : hexUpper(ski);
    });
  }
  get issuerSki(): string {
    return this.#memo('issuerSki', () => {
      // THREATS T8: when the caller names the issuer it validated, its SKI wins over the leaf's AKI claim.
      const validated = this.#validatedIssuer();
      if (validated !== null) return hexUpper(readSkiSafe(validated) ?? computeSki(validated.publicKeyBits));
      const aki = readAkiSafe(this.#leaf);
      if (aki !== null) return hexUpper(aki);
      const issuer = this.#issuer();
      const ski = issuer === null ? null : readSkiSafe(issuer);
      return ski === null ? '' : hexUpper(ski);
    });
  }
  get rfc9440(): string {
    return this.#memo('rfc9440', () => rfc9440Leaf(this.#leaf.der)).value;
  }
  get rfc9440TooLarge(): boolean {
    return this.#memo('rfc9440', () => rfc9440Leaf(this.#leaf.der)).tooLarge;
  }
  #chainEncoding(): { value: string; tooLarge: boolean } {
    return this.#memo('chainRfc9440', () =>
      rfc9440Chain(
        this.#chain.filter((der) => {
          if (Buffer.compare(der, this.#leaf.der) === 0) return false;
          try {
            const cert = parseCertificateDer(der, 'chain certificate');
            return Buffer.compare(cert.subjectDer, cert.issuerDer) !== 0; // "the root certificate is not included"
          } catch {
            return true; // sent by the client; reported as sent, without validation
          }
        }),
      ),
    );
  }
  get chainRfc9440(): string {
    return this.#chainEncoding().value;
  }
  get chainRfc9440TooLarge(): boolean {
    return this.#chainEncoding().tooLarge;
  }
  get isCa(): boolean {
    return this.#memo('isCa', () => {
      try {
        return basicConstraints(this.#leaf)?.ca === true;
      } catch {
        return false;
      }
    });
  }
  get notBeforeDate(): Date {
    return new Date(this.#leaf.notBefore.getTime());
  }
  get notAfterDate(): Date {
    return new Date(this.#leaf.notAfter.getTime());
  }
}

function readNameSafe(der: Uint8Array): NameAttribute[] {
  try {
    return readName(der);
  } catch {
    return [];
  }
}

function readAkiSafe(cert: ParsedCertificate): Uint8Array | null {
  try {
    return readAkiKeyId(cert);
  } catch {
    return null;
  }
}

function readSkiSafe(cert: ParsedCertificate): Uint8Array | null {
  try {
    return readSki(cert);
  } catch {
    return null;
  }
}

/**
 * The `cf.tls_client_auth.*` values of a client certificate. The leaf is parsed once here (so a
 * malformed certificate fails now, not on a later field read); every field is formatted on first
 * access and cached. `chainDers` is the chain the client sent after its leaf, in order.
 * @throws PkiError `PKI_DER_INVALID` / `PKI_TOO_LARGE` for a leaf that is not a certificate
 * @example
 * const facts = clientAuthFacts(socket.getPeerCertificate(true).raw);
 * ctx.setLazy('cf.tls_client_auth.cert_issuer_ski', () => facts.issuerSki);
 */
export function clientAuthFacts(
  leafDer: Uint8Array,
  chainDers: readonly Uint8Array[] = [],
  options: ClientAuthFactsOptions = {},
): ClientAuthFacts {
  if (!(leafDer instanceof Uint8Array))
    throw new PkiError('PKI_DER_INVALID', 'client certificate must be DER bytes');
  if (leafDer.byteLength > limits.certificateBytes) {
    throw new PkiError(
      'PKI_TOO_LARGE',
      `client certificate is ${leafDer.byteLength} bytes, over the limit of ${limits.certificateBytes}`,
    );
  }
  return new LazyFacts(parseCertificateDer(leafDer, 'client certificate'), chainDers, options.issuerDer);
}
