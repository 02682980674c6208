// Assembles and signs a certificate: TBSCertificate from parts (raw names and key kept byte for
// byte), signed through a Signer. Encoding is asn1js's.
import * as asn1js from 'asn1js';
import { signatureAlgorithmDer } from './algorithms.js';
import { decodeDer } from './asn1.js';
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

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
export function timeNode(date: Date): asn1js.UTCTime | asn1js.GeneralizedTime {
  return date.getUTCFullYear() < 2050 ? new asn1js.UTCTime({ valueDate: date }) : new asn1js.GeneralizedTime({ valueDate: date });
}

/** Re-reads DER into an asn1js node so it can be embedded unchanged. */
export function embed(der: Uint8Array, what: string): asn1js.AsnType {
  return decodeDer(der, what);
}

/** Builds the TBSCertificate, signs it with `signer` and returns the certificate DER. */
export async function buildCertificate(parts: CertificateParts, signer: Signer): Promise<Uint8Array> {
  const algorithm = embed(signatureAlgorithmDer(signer.algorithm), 'signature algorithm');
  const tbs = new asn1js.Sequence({
    value: [
      new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.Integer({ value: 2 })] }),
      new asn1js.Integer({ valueHex: parts.serial }),
      algorithm,
      embed(parts.issuerDer, 'issuer'),
      new asn1js.Sequence({ value: [timeNode(parts.notBefore), timeNode(parts.notAfter)] }),
      embed(parts.subjectDer, 'subject'),
      embed(parts.spki, 'subject public key info'),
      new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 3 }, value: [extensionsNode(parts.extensions)] }),
    ],
  });
  const tbsDer = new Uint8Array(tbs.toBER());
  const signature = await signer.sign(tbsDer);
  const certificate = new asn1js.Sequence({
    value: [
      embed(tbsDer, 'TBSCertificate'),
      embed(signatureAlgorithmDer(signer.algorithm), 'signature algorithm'),
      new asn1js.BitString({ valueHex: signature }),
    ],
  });
  return new Uint8Array(certificate.toBER());
}
