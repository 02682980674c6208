// Thin, strict helpers over asn1js for reading DER: typed navigation that throws PkiError, never TypeError.
import * as asn1js from 'asn1js';
import { PkiError } from './errors.js';

/** A decoded ASN.1 node. */
export type Node = asn1js.AsnType;

/** Decodes one DER element that must span all of `der` (no trailing bytes). */
export function decodeDer(der: Uint8Array, what: string): Node {
  let decoded: ReturnType<typeof asn1js.fromBER>;
  try {
    decoded = asn1js.fromBER(der);
  } catch (cause) {
    throw new PkiError('PKI_DER_INVALID', `${what} is not valid DER`, { cause });
  }
  if (decoded.offset === -1 || decoded.result.error) {
    throw new PkiError(
      'PKI_DER_INVALID',
      `${what} is not valid DER (${decoded.result.error || 'truncated'})`,
    );
  }
  if (decoded.offset !== der.byteLength) {
    throw new PkiError(
      'PKI_DER_INVALID',
      `${what} has ${der.byteLength - decoded.offset} trailing bytes after the DER element`,
    );
  }
  return decoded.result;
}

/** The raw TLV bytes of `node` as they appeared in the input. */
export function rawBytes(node: Node): Uint8Array {
  return node.valueBeforeDecodeView;
}

/** The elements of a SEQUENCE or SET (universal constructed). */
export function children(node: Node | undefined, what: string, minLength = 0): Node[] {
  if (!(node instanceof asn1js.Sequence) && !(node instanceof asn1js.Set)) {
    throw new PkiError('PKI_DER_INVALID', `${what} is not an ASN.1 sequence`);
  }
  const value = node.valueBlock.value;
  if (value.length < minLength) throw new PkiError('PKI_DER_INVALID', `${what} has too few elements`);
  return value;
}

/** True when `node` is a context-specific tag `[n]`. */
export function isContext(node: Node | undefined, n: number): boolean {
  return node !== undefined && node.idBlock.tagClass === 3 && node.idBlock.tagNumber === n;
}

/** The single element inside an EXPLICIT context tag `[n]`. */
export function explicitInner(node: Node, what: string): Node {
  const inner = (node as asn1js.Constructed).valueBlock?.value;
  if (!Array.isArray(inner) || inner.length !== 1 || inner[0] === undefined) {
    throw new PkiError('PKI_DER_INVALID', `${what} is not a valid explicit tag`);
  }
  return inner[0];
}

/** The dotted string of an OBJECT IDENTIFIER. */
export function oid(node: Node | undefined, what: string): string {
  if (!(node instanceof asn1js.ObjectIdentifier))
    throw new PkiError('PKI_DER_INVALID', `${what} is not an object identifier`);
  return node.valueBlock.toString();
}

/** The content octets of an INTEGER (two's complement, as encoded). */
export function integerBytes(node: Node | undefined, what: string): Uint8Array {
  if (!(node instanceof asn1js.Integer)) throw new PkiError('PKI_DER_INVALID', `${what} is not an integer`);
  return node.valueBlock.valueHexView;
}

/** The value of a small INTEGER as a number. */
export function smallInteger(node: Node | undefined, what: string): number {
  if (!(node instanceof asn1js.Integer)) throw new PkiError('PKI_DER_INVALID', `${what} is not an integer`);
  return Number(node.toBigInt());
}

/** The bytes of a BIT STRING with no unused bits (keys and signatures). */
export function bitStringBytes(node: Node | undefined, what: string): Uint8Array {
  if (!(node instanceof asn1js.BitString))
    throw new PkiError('PKI_DER_INVALID', `${what} is not a bit string`);
  if (node.valueBlock.unusedBits !== 0) throw new PkiError('PKI_DER_INVALID', `${what} has unused bits`);
  return node.valueBlock.valueHexView;
}

/** The content of an OCTET STRING. */
export function octetStringBytes(node: Node | undefined, what: string): Uint8Array {
  if (!(node instanceof asn1js.OctetString))
    throw new PkiError('PKI_DER_INVALID', `${what} is not an octet string`);
  return node.valueBlock.valueHexView;
}

/** The instant of a UTCTime or GeneralizedTime. */
export function time(node: Node | undefined, what: string): Date {
  if (node instanceof asn1js.UTCTime || node instanceof asn1js.GeneralizedTime) {
    const date = node.toDate();
    if (Number.isNaN(date.getTime())) throw new PkiError('PKI_DER_INVALID', `${what} is not a valid time`);
    return date;
  }
  throw new PkiError('PKI_DER_INVALID', `${what} is not a time`);
}

/** True when `node` is a BOOLEAN TRUE. */
export function isTrue(node: Node | undefined): boolean {
  return node instanceof asn1js.Boolean && node.valueBlock.value;
}
