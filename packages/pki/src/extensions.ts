// The X.509 extensions Portcullis writes, encoded by @peculiar/asn1-x509.
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  BasicConstraints,
  CRLDistributionPoints,
  DistributionPoint,
  DistributionPointName,
  ExtendedKeyUsage,
  GeneralName,
  KeyUsage,
  KeyUsageFlags,
  SubjectAlternativeName,
  id_kp_clientAuth,
  id_kp_serverAuth,
} from '@peculiar/asn1-x509';
import * as asn1js from 'asn1js';
import { extensionOids } from './certificate.js';
import { PkiError } from './errors.js';

/** An extension ready to encode. */
export interface ExtensionSpec {
  readonly oid: string;
  readonly critical: boolean;
  readonly value: Uint8Array;
}

const der = (value: object): Uint8Array => new Uint8Array(AsnConvert.serialize(value));

// The extensions every client certificate carries never change: encoded once.
const CA_FALSE = der(new BasicConstraints({ cA: false }));
const CLIENT_AUTH = der(new ExtendedKeyUsage([id_kp_clientAuth]));
const SERVER_AUTH = der(new ExtendedKeyUsage([id_kp_serverAuth]));
const keyUsageCache = new Map<number, Uint8Array>();

/** basicConstraints, always critical. */
export function basicConstraintsExtension(ca: boolean, pathLen?: number): ExtensionSpec {
  if (!ca) return { oid: extensionOids.basicConstraints, critical: true, value: CA_FALSE };
  const value = ca
    ? new BasicConstraints({ cA: true, ...(pathLen === undefined ? {} : { pathLenConstraint: pathLen }) })
    : new BasicConstraints({ cA: false });
  return { oid: extensionOids.basicConstraints, critical: true, value: der(value) };
}

/** keyUsage, always critical. */
export function keyUsageExtension(flags: KeyUsageFlags[]): ExtensionSpec {
  const combined = flags.reduce((acc, flag) => acc | flag, 0);
  let value = keyUsageCache.get(combined);
  if (value === undefined) {
    value = der(new KeyUsage(combined));
    keyUsageCache.set(combined, value);
  }
  return { oid: extensionOids.keyUsage, critical: true, value };
}

/** extendedKeyUsage = clientAuth (non-critical, as public client certificates carry it). */
export function clientAuthEkuExtension(): ExtensionSpec {
  return { oid: extensionOids.extendedKeyUsage, critical: false, value: CLIENT_AUTH };
}

/** extendedKeyUsage = serverAuth (non-critical, as public TLS server certificates carry it). */
export function serverAuthEkuExtension(): ExtensionSpec {
  return { oid: extensionOids.extendedKeyUsage, critical: false, value: SERVER_AUTH };
}

/** subjectAltName with dNSName entries (non-critical: the subject carries a CN). The caller validates the names. */
export function dnsSubjectAltNameExtension(dnsNames: readonly string[]): ExtensionSpec {
  const value = der(new SubjectAlternativeName(dnsNames.map((dNSName) => new GeneralName({ dNSName }))));
  return { oid: extensionOids.subjectAltName, critical: false, value };
}

/** subjectKeyIdentifier. */
export function skiExtension(ski: Uint8Array): ExtensionSpec {
  // KeyIdentifier ::= OCTET STRING
  return {
    oid: extensionOids.subjectKeyIdentifier,
    critical: false,
    value: new Uint8Array(new asn1js.OctetString({ valueHex: ski }).toBER()),
  };
}

/** authorityKeyIdentifier with the issuer's key identifier only. */
export function akiExtension(issuerSki: Uint8Array): ExtensionSpec {
  return {
    oid: extensionOids.authorityKeyIdentifier,
    critical: false,
    // SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING }
    value: new Uint8Array(
      new asn1js.Sequence({
        value: [new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: issuerSki })],
      }).toBER(),
    ),
  };
}

/** cRLDistributionPoints with one http(s) URL. */
export function crlDistributionPointExtension(url: string): ExtensionSpec {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new PkiError('PKI_INVALID_ARGUMENT', `crl distribution url ${JSON.stringify(url)} is not a URL`);
  }
  if (
    (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') ||
    url.length > 2048 ||
    !/^[\x21-\x7e]+$/.test(url)
  ) {
    throw new PkiError(
      'PKI_INVALID_ARGUMENT',
      `crl distribution url ${JSON.stringify(url)} must be an ASCII http(s) URL`,
    );
  }
  const point = new DistributionPoint({
    distributionPoint: new DistributionPointName({
      fullName: [new GeneralName({ uniformResourceIdentifier: url })],
    }),
  });
  return {
    oid: extensionOids.crlDistributionPoints,
    critical: false,
    value: der(new CRLDistributionPoints([point])),
  };
}

/** The Extensions SEQUENCE as an asn1js node. */
export function extensionsNode(specs: readonly ExtensionSpec[]): asn1js.Sequence {
  return new asn1js.Sequence({
    value: specs.map(
      (spec) =>
        new asn1js.Sequence({
          value: [
            new asn1js.ObjectIdentifier({ value: spec.oid }),
            ...(spec.critical ? [new asn1js.Boolean({ value: true })] : []),
            new asn1js.OctetString({ valueHex: spec.value }),
          ],
        }),
    ),
  });
}

export { KeyUsageFlags };
