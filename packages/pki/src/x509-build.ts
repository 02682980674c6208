// Assembles and signs a certificate: TBSCertificate from parts (raw names and key kept byte for
// byte), signed through a Signer. Encoding is asn1js's.
import * as asn1js from 'asn1js';
import { signatureAlgorithmDer } from './algorithms.js';
import { tags, tlv } from './der-writer.js';
import { extensionsNode, type ExtensionSpec } from './extensions.js';
import type { Signer } from './signer.js';

/** The parts of a certificate to issue. */
export interface CertificateParts {
  readonly serial: Uint8Array;
  readonly issuerDer: Uint8Array;
  readonly subjectDer: Uint8Array;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly spki: Uint8Array;
  readonly extensions: readonly ExtensionSpec[];
}

/** RFC 5280 §4.1.2.5: UTCTime for 1950–2049, GeneralizedTime outside (a two-digit year cannot say 1940 or 2050). */
export function timeNode(date: Date): asn1js.UTCTime | asn1js.GeneralizedTime {
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050
    ? new asn1js.UTCTime({ valueDate: date })
    : new asn1js.GeneralizedTime({ valueDate: date });
}

const toBytes = (node: asn1js.AsnType): Uint8Array => new Uint8Array(node.toBER());

/** `[0] EXPLICIT INTEGER 2` (version 3), encoded once. */
const VERSION_3 = toBytes(
  new asn1js.Constructed({
    idBlock: { tagClass: 3, tagNumber: 0 },
    value: [new asn1js.Integer({ value: 2 })],
  }),
);

/**
 * Builds the TBSCertificate, signs it with `signer` and returns the certificate DER. New parts are
 * encoded by asn1js; the issuer, subject and key are spliced in byte for byte (der-writer framing).
 */
export async function buildCertificate(parts: CertificateParts, signer: Signer): Promise<Uint8Array> {
  const algorithm = signatureAlgorithmDer(signer.algorithm);
  const tbs = tlv(
    tags.sequence,
    VERSION_3,
    toBytes(new asn1js.Integer({ valueHex: parts.serial })),
    algorithm,
    parts.issuerDer,
    toBytes(new asn1js.Sequence({ value: [timeNode(parts.notBefore), timeNode(parts.notAfter)] })),
    parts.subjectDer,
    parts.spki,
    toBytes(
      new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 3 },
        value: [extensionsNode(parts.extensions)],
      }),
    ),
  );
  const signature = await signer.sign(tbs);
  return tlv(tags.sequence, tbs, algorithm, toBytes(new asn1js.BitString({ valueHex: signature })));
}
