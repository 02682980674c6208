// Object identifiers by their DER content octets: known OIDs are encoded once by asn1js at load,
// so hot paths compare bytes instead of decoding; unknown ones are decoded by asn1js on demand.
import * as asn1js from 'asn1js';
import { decodeDer, oid as oidOf } from './asn1.js';
import { hexLower } from './hex.js';

const known = new Map<string, string>();

/** Registers dotted OIDs so {@link oidFromTlv} resolves them without decoding. */
export function registerOids(oids: Iterable<string>): void {
  for (const dotted of oids) {
    const der = new Uint8Array(new asn1js.ObjectIdentifier({ value: dotted }).toBER());
    known.set(hexLower(der), dotted);
  }
}

/** The dotted form of the OBJECT IDENTIFIER TLV `der` (the whole TLV, tag 0x06). */
export function oidFromTlv(der: Uint8Array, what: string): string {
  return known.get(hexLower(der)) ?? oidOf(decodeDer(der, what), what);
}
