// Building a signed CRL (RFC 5280 v2) for a managed CA: CRL number, AKI, this/next update, and
// revoked entries with reason codes. Entries are encoded once per distinct date and reason by
// asn1js and spliced into a single buffer, so 1,000,000 serials take seconds, not minutes.
import * as asn1js from 'asn1js';
import { signatureAlgorithmDer } from './algorithms.js';
import { openCa, type CaInput } from './ca-key.js';
import { keyUsage } from './certificate.js';
import { derTimeSize, tags, tlv, tlvSize, writeDerTime, writeHeader } from './der-writer.js';
import { PkiError } from './errors.js';
import { akiExtension, extensionsNode } from './extensions.js';
import { extensionOids } from './certificate.js';
import { encodePem } from './pem.js';
import { normaliseSerialHex } from './serial.js';
import { computeSki, readSki } from './ski.js';
import { wholeSeconds } from './time.js';
import { timeNode } from './x509-build.js';

/** RFC 5280 CRLReason values (7 is unused). */
export const revocationReasons = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
  removeFromCRL: 8,
  privilegeWithdrawn: 9,
  aACompromise: 10,
} as const;

/** A revocation reason name. */
export type RevocationReason = keyof typeof revocationReasons;

/** One revoked certificate. */
export interface CrlEntry {
  /** Serial, hex (any case, colons allowed). */
  readonly serialHex: string;
  readonly revokedAt: Date;
  /** Reason code; `unspecified` (or none) writes no reasonCode extension, as RFC 5280 §5.3.1 asks. */
  readonly reason?: RevocationReason;
}

/** Options of {@link buildCrl}. */
export interface BuildCrlOptions {
  /** The issuing CA; its key must have cRLSign. */
  readonly ca: CaInput;
  readonly entries: readonly CrlEntry[];
  /** Monotonically increasing CRL number (0 to 2^159). */
  readonly crlNumber: bigint | number;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date;
}

const toBytes = (node: asn1js.AsnType): Uint8Array => new Uint8Array(node.toBER());

/**
 * Writes the INTEGER content octets of `serialHex` into `scratch` (which has 22 free octets at
 * `offset`) and returns where they start and end. No allocation per entry: a million serials fit
 * in one buffer.
 */
function writeSerial(
  scratch: Buffer,
  offset: number,
  serialHex: string,
  index: number,
  starts: Int32Array,
  ends: Int32Array,
): void {
  let written = -1;
  // Fast path for plain even-length hex (what the store keeps): Buffer#write stops at the first non-hex digit.
  if (
    typeof serialHex === 'string' &&
    serialHex.length % 2 === 0 &&
    serialHex.length > 0 &&
    serialHex.length <= 42
  ) {
    written = scratch.write(serialHex, offset + 1, 'hex');
    if (written * 2 !== serialHex.length) written = -1;
  }
  if (written < 0) {
    const hex = normaliseSerialHex(String(serialHex));
    if (hex === null || hex.length > 42) {
      throw new PkiError(
        'PKI_INVALID_ARGUMENT',
        `entry ${index}: serial ${JSON.stringify(serialHex)} is not a hex serial of at most 20 octets`,
      );
    }
    written = scratch.write(hex, offset + 1, 'hex');
  }
  let start = offset + 1;
  const end = start + written;
  while (start < end - 1 && scratch[start] === 0) start++;
  if (end - start > 20)
    throw new PkiError(
      'PKI_INVALID_ARGUMENT',
      `entry ${index}: serial ${serialHex} is longer than 20 octets`,
    );
  // INTEGER is two's complement: a positive serial whose first octet has the high bit needs a zero octet.
  if ((scratch[start] as number) & 0x80) scratch[--start] = 0;
  starts[index] = start;
  ends[index] = end;
}

/** FNV-1a over the octets, for the open-addressing duplicate table. */
function hashOctets(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ (bytes[i] as number), 0x01000193);
  return hash >>> 0;
}

function sameOctets(bytes: Uint8Array, a: number, aEnd: number, b: number, bEnd: number): boolean {
  if (aEnd - a !== bEnd - b) return false;
  for (let i = 0; i < aEnd - a; i++) if (bytes[a + i] !== bytes[b + i]) return false;
  return true;
}

// Years 1 to 9999: what GeneralizedTime can say.
const MIN_TIME = Date.parse('0001-01-01T00:00:00Z');
const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59);

function checkDate(date: Date, what: string): Date {
  if (!(date instanceof Date) || Number.isNaN(date.getTime()))
    throw new PkiError('PKI_INVALID_ARGUMENT', `${what} is not a valid date`);
  const time = wholeSeconds(date);
  if (time.getUTCFullYear() < 1 || time.getTime() > MAX_TIME)
    throw new PkiError('PKI_INVALID_ARGUMENT', `${what} is outside the years 1 to 9999`);
  return time;
}

/**
 * Builds and signs a CRL.
 * @throws PkiError `PKI_INVALID_ARGUMENT` for a bad serial, date, reason, duplicate serial or CRL
 *   number; `PKI_NOT_A_CA` when the CA certificate lacks cRLSign; `PKI_PRIVATE_KEY_INVALID` when the
 *   key does not match.
 * @example
 * const { pem } = await buildCrl({ ca, entries: [{ serialHex: '1F…', revokedAt }], crlNumber: 7,
 *   thisUpdate: now, nextUpdate: new Date(now.getTime() + 7 * 86_400_000) });
 */
export async function buildCrl(options: BuildCrlOptions): Promise<{ pem: string; der: Uint8Array }> {
  const { cert, signer } = openCa(options.ca);
  if (keyUsage(cert)?.has('cRLSign') === false)
    throw new PkiError('PKI_NOT_A_CA', 'the ca certificate does not allow cRLSign');
  const thisUpdate = checkDate(options.thisUpdate, 'thisUpdate');
  const nextUpdate = checkDate(options.nextUpdate, 'nextUpdate');
  if (nextUpdate.getTime() <= thisUpdate.getTime())
    throw new PkiError('PKI_INVALID_ARGUMENT', 'nextUpdate must be after thisUpdate');
  const crlNumber = BigInt(options.crlNumber);
  if (crlNumber < 0n || crlNumber >= 1n << 159n)
    throw new PkiError('PKI_INVALID_ARGUMENT', `crl number ${crlNumber} is out of range`);
  const entries: readonly CrlEntry[] = options.entries;
  if (!Array.isArray(entries as unknown))
    throw new PkiError('PKI_INVALID_ARGUMENT', 'entries must be an array');

  // Pass 1: serial octets into one scratch buffer; sizes; duplicate check. The reasonCode extension
  // is encoded once per code by asn1js; dates are written per entry by der-writer (1M distinct dates
  // would otherwise mean 1M asn1js objects).
  const count = entries.length;
  const scratch = Buffer.allocUnsafe(count * 22);
  const starts = new Int32Array(count);
  const ends = new Int32Array(count);
  const whens = new Float64Array(count);
  const codes = new Uint8Array(count);
  const reasonExtensions = new Map<number, Uint8Array>();
  // Duplicate check in an open-addressing table of entry indexes: no object per entry.
  let mask = 1023;
  while (mask < count * 2) mask = mask * 2 + 1;
  const table = new Int32Array(mask + 1).fill(-1);
  let revokedLength = 0;
  for (let index = 0; index < count; index++) {
    const entry = entries[index] as CrlEntry;
    writeSerial(scratch, index * 22, entry.serialHex, index, starts, ends);
    const start = starts[index] as number;
    const end = ends[index] as number;
    let slot = hashOctets(scratch, start, end) & mask;
    for (let other = table[slot] as number; other !== -1; other = table[slot] as number) {
      if (sameOctets(scratch, starts[other] as number, ends[other] as number, start, end)) {
        throw new PkiError(
          'PKI_INVALID_ARGUMENT',
          `entry ${index}: serial ${entry.serialHex} is listed twice`,
        );
      }
      slot = (slot + 1) & mask;
    }
    table[slot] = index;
    const reason = entry.reason ?? 'unspecified';
    const code = Object.hasOwn(revocationReasons, reason) ? revocationReasons[reason] : undefined;
    if (code === undefined)
      throw new PkiError(
        'PKI_INVALID_ARGUMENT',
        `entry ${index}: unknown revocation reason ${JSON.stringify(reason)}`,
      );
    let extension = reasonExtensions.get(code);
    if (extension === undefined) {
      extension =
        code === 0
          ? new Uint8Array(0) // RFC 5280 §5.3.1: unspecified is expressed by leaving reasonCode out
          : toBytes(
              extensionsNode([
                {
                  oid: extensionOids.reasonCode,
                  critical: false,
                  value: toBytes(new asn1js.Enumerated({ value: code })),
                },
              ]),
            );
      reasonExtensions.set(code, extension);
    }
    const revokedAt = entry.revokedAt;
    let when = revokedAt instanceof Date ? Math.floor(revokedAt.getTime() / 1000) * 1000 : Number.NaN;
    if (!(when >= MIN_TIME && when <= MAX_TIME))
      when = checkDate(revokedAt, `entry ${index}: revokedAt`).getTime();
    whens[index] = when;
    codes[index] = code;
    revokedLength += tlvSize(tlvSize(end - start) + derTimeSize(when) + extension.length);
  }

  // Pass 2: write the revokedCertificates SEQUENCE into one buffer.
  let revoked = new Uint8Array(0);
  if (count > 0) {
    revoked = new Uint8Array(tlvSize(revokedLength));
    let offset = writeHeader(revoked, 0, tags.sequence, revokedLength);
    for (let i = 0; i < count; i++) {
      const start = starts[i] as number;
      const length = (ends[i] as number) - start;
      const when = whens[i] as number;
      const extension = reasonExtensions.get(codes[i] as number) as Uint8Array;
      offset = writeHeader(
        revoked,
        offset,
        tags.sequence,
        tlvSize(length) + derTimeSize(when) + extension.length,
      );
      offset = writeHeader(revoked, offset, tags.integer, length);
      for (let k = 0; k < length; k++) revoked[offset + k] = scratch[start + k] as number; // ≤ 21 octets: a loop beats a copy call
      offset += length;
      offset = writeDerTime(revoked, offset, when);
      revoked.set(extension, offset);
      offset += extension.length;
    }
  }

  const algorithm = signatureAlgorithmDer(signer.algorithm);
  const caSki = readSki(cert) ?? computeSki(cert.publicKeyBits);
  const head = [
    toBytes(new asn1js.Integer({ value: 1 })),
    algorithm,
    cert.subjectDer,
    toBytes(timeNode(thisUpdate)),
    toBytes(timeNode(nextUpdate)),
  ];
  const crlExtensions = toBytes(
    new asn1js.Constructed({
      idBlock: { tagClass: 3, tagNumber: 0 },
      value: [
        extensionsNode([
          akiExtension(caSki),
          {
            oid: extensionOids.cRLNumber,
            critical: false,
            value: toBytes(asn1js.Integer.fromBigInt(crlNumber)),
          },
        ]),
      ],
    }),
  );
  const tbs = tlv(tags.sequence, ...head, revoked, crlExtensions);
  const signature = await signer.sign(tbs);
  const der = tlv(tags.sequence, tbs, algorithm, toBytes(new asn1js.BitString({ valueHex: signature })));
  return { pem: encodePem('X509 CRL', der), der };
}
