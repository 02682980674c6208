// Edge (TLS server) certificates from the local edge CA: serverAuth EKU, SAN, signed through pki's Signer.
// pki offers client certificates only (signCsr); contracts.md asks it for issueServerCertificate,
// which edge-ca.ts prefers as soon as it exists. Until then this small DER writer fills the gap.
import { createHash, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { certificateInfo, createKeySigner, encodePem } from '@portcullis/pki';
import type { SigningCa } from '../context.js';

/** A new server certificate and its key. */
export interface ServerCertificate {
  certificatePem: string;
  privateKeyPem: string;
}

/**
 * Issues a P-256 server certificate for `dnsNames` (the first is the CN) signed by `ca`:
 * CA:FALSE, keyUsage digitalSignature (critical), EKU serverAuth, SAN dNSName, SKI, AKI.
 * Valid from a minute ago for `validityDays`, never beyond the CA's own expiry.
 */
export async function issueServerCertificate(options: {
  ca: SigningCa;
  dnsNames: readonly string[];
  validityDays: number;
  now: Date;
}): Promise<ServerCertificate> {
  const { ca, dnsNames } = options;
  if (dnsNames.length === 0) throw new Error('a server certificate needs at least one DNS name');
  const caCert = new X509Certificate(ca.certificatePem);
  const caInfo = certificateInfo(ca.certificatePem);
  const signer = createKeySigner(ca.privateKeyPem);
  const algorithm = signatureAlgorithm(signer.algorithm);

  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
  const notBefore = new Date(Math.floor(options.now.getTime() / 1000) * 1000 - 60_000);
  const requested = new Date(notBefore.getTime() + options.validityDays * 86_400_000);
  const caExpiry = new Date(caCert.validTo);
  const notAfter = requested.getTime() > caExpiry.getTime() ? caExpiry : requested;
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x01;

  const extensions = seq(
    extension('2.5.29.19', true, seq()),
    extension('2.5.29.15', true, tlv(0x03, Uint8Array.of(0x07, 0x80))),
    extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'))),
    extension('2.5.29.17', false, seq(...dnsNames.map((name) => tlv(0x82, ascii(name))))),
    extension('2.5.29.14', false, tlv(0x04, subjectKeyId(spki))),
    extension('2.5.29.35', false, seq(tlv(0x80, hex(caInfo.skiHex)))),
  );
  const tbs = seq(
    tlv(0xa0, integer(Uint8Array.of(2))),
    integer(serial),
    algorithm,
    subjectOf(new Uint8Array(caCert.raw)),
    seq(time(notBefore), time(notAfter)),
    seq(tlv(0x31, seq(oid('2.5.4.3'), tlv(0x0c, new TextEncoder().encode(dnsNames[0]!))))),
    spki,
    tlv(0xa3, extensions),
  );
  const signature = await signer.sign(tbs);
  const der = seq(tbs, algorithm, tlv(0x03, concat(Uint8Array.of(0), signature)));
  return {
    certificatePem: encodePem('CERTIFICATE', der),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

function signatureAlgorithm(name: string): Uint8Array {
  switch (name) {
    case 'ECDSAWithSHA256':
      return seq(oid('1.2.840.10045.4.3.2'));
    case 'ECDSAWithSHA384':
      return seq(oid('1.2.840.10045.4.3.3'));
    case 'ECDSAWithSHA512':
      return seq(oid('1.2.840.10045.4.3.4'));
    case 'SHA256WithRSA':
      return seq(oid('1.2.840.113549.1.1.11'), Uint8Array.of(0x05, 0x00));
    default:
      throw new Error(`unsupported edge CA signature algorithm ${name}`);
  }
}

/** RFC 5280 method 1: SHA-1 of the subjectPublicKey bits. */
function subjectKeyId(spki: Uint8Array): Uint8Array {
  const outer = read(spki, 0);
  const algorithm = read(spki, outer.start);
  const bits = read(spki, algorithm.end);
  return new Uint8Array(createHash('sha1').update(spki.subarray(bits.start + 1, bits.end)).digest());
}

/** The subject Name of a certificate, as DER, to be the issuer of what it signs. */
function subjectOf(certificate: Uint8Array): Uint8Array {
  const cert = read(certificate, 0);
  const tbs = read(certificate, cert.start);
  let field = read(certificate, tbs.start);
  if (field.tag === 0xa0) field = read(certificate, field.end); // version
  const signature = read(certificate, field.end); // field is the serial here
  const issuer = read(certificate, signature.end);
  const validity = read(certificate, issuer.end);
  const subject = read(certificate, validity.end);
  return certificate.subarray(subject.headerStart, subject.end);
}

interface Tlv {
  tag: number;
  headerStart: number;
  start: number;
  end: number;
}

function read(der: Uint8Array, offset: number): Tlv {
  const tag = der[offset]!;
  let length = der[offset + 1]!;
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    length = 0;
    for (let i = 0; i < count; i += 1) length = length * 256 + der[start + i]!;
    start += count;
  }
  if (start + length > der.length) throw new Error('truncated DER');
  return { tag, headerStart: offset, start, end: start + length };
}

function tlv(tag: number, content: Uint8Array): Uint8Array {
  const length = content.length;
  let header: number[];
  if (length < 0x80) header = [tag, length];
  else {
    const bytes: number[] = [];
    for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
    header = [tag, 0x80 | bytes.length, ...bytes];
  }
  return concat(Uint8Array.from(header), content);
}

function seq(...parts: Uint8Array[]): Uint8Array {
  return tlv(0x30, concat(...parts));
}

function integer(bytes: Uint8Array): Uint8Array {
  return tlv(0x02, bytes[0]! & 0x80 ? concat(Uint8Array.of(0), bytes) : bytes);
}

function oid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(Number);
  const out: number[] = [arcs[0]! * 40 + arcs[1]!];
  for (const arc of arcs.slice(2)) {
    const chunk: number[] = [arc & 0x7f];
    for (let n = Math.floor(arc / 128); n > 0; n = Math.floor(n / 128)) chunk.unshift((n & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Uint8Array.from(out));
}

function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return seq(oid(id), ...(critical ? [Uint8Array.of(0x01, 0x01, 0xff)] : []), tlv(0x04, value));
}

function time(date: Date): Uint8Array {
  const iso = date.toISOString();
  const digits = iso.slice(0, 19).replace(/[-:T]/g, '');
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050 ? tlv(0x17, ascii(`${digits.slice(2)}Z`)) : tlv(0x18, ascii(`${digits}Z`));
}

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0x7f);
}

function hex(text: string): Uint8Array {
  return Uint8Array.from(text.match(/../g) ?? [], (b) => parseInt(b, 16));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
