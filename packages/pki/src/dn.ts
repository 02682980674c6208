// Distinguished names: reading a Name and formatting it exactly as OpenSSL does, in RFC 2253 form
// (X509_NAME_print_ex with XN_FLAG_RFC2253, Cloudflare's default and _rfc2253 fields) and in the
// legacy slash form (X509_NAME_oneline, Cloudflare's _legacy fields).
import { derTags, readChildren, readTlv } from './der-reader.js';
import { PkiError } from './errors.js';
import { oidFromTlv, registerOids } from './oid.js';

/** One AttributeTypeAndValue of a Name, in encoding order. */
export interface NameAttribute {
  readonly oid: string;
  /** Index of the RDN (SET) it belongs to; equal for the parts of a multi-valued RDN. */
  readonly rdn: number;
  /** The value's tag octet (0x0C UTF8String, 0x13 PrintableString, 0x1E BMPString, …). */
  readonly tag: number;
  /** The value's content octets. */
  readonly content: Uint8Array;
  /** The value's whole TLV (for `#` hex dumps). */
  readonly raw: Uint8Array;
}

/** Short names OpenSSL prints for attribute types (OBJ_nid2sn); others print as dotted OIDs. */
export const attributeShortNames: ReadonlyMap<string, string> = new Map([
  ['2.5.4.3', 'CN'],
  ['2.5.4.4', 'SN'],
  ['2.5.4.5', 'serialNumber'],
  ['2.5.4.6', 'C'],
  ['2.5.4.7', 'L'],
  ['2.5.4.8', 'ST'],
  ['2.5.4.9', 'street'],
  ['2.5.4.10', 'O'],
  ['2.5.4.11', 'OU'],
  ['2.5.4.12', 'title'],
  ['2.5.4.13', 'description'],
  ['2.5.4.15', 'businessCategory'],
  ['2.5.4.17', 'postalCode'],
  ['2.5.4.41', 'name'],
  ['2.5.4.42', 'GN'],
  ['2.5.4.43', 'initials'],
  ['2.5.4.44', 'generationQualifier'],
  ['2.5.4.45', 'x500UniqueIdentifier'],
  ['2.5.4.46', 'dnQualifier'],
  ['2.5.4.65', 'pseudonym'],
  ['2.5.4.72', 'role'],
  ['2.5.4.97', 'organizationIdentifier'],
  ['1.2.840.113549.1.9.1', 'emailAddress'],
  ['0.9.2342.19200300.100.1.1', 'UID'],
  ['0.9.2342.19200300.100.1.25', 'DC'],
  ['1.3.6.1.4.1.311.60.2.1.1', 'jurisdictionL'],
  ['1.3.6.1.4.1.311.60.2.1.2', 'jurisdictionST'],
  ['1.3.6.1.4.1.311.60.2.1.3', 'jurisdictionC'],
]);

registerOids(attributeShortNames.keys());

/** Reads the attributes of a DER Name in encoding order. */
export function readName(nameDer: Uint8Array, what = 'name'): NameAttribute[] {
  const attributes: NameAttribute[] = [];
  const root = readTlv(nameDer, 0, nameDer.length, what);
  if (root.tag !== derTags.sequence || root.end !== nameDer.length)
    throw new PkiError('PKI_DER_INVALID', `${what} is not a DER sequence`);
  readChildren(nameDer, root, what).forEach((rdn, index) => {
    if (rdn.tag !== 0x31) throw new PkiError('PKI_DER_INVALID', `${what} has an RDN that is not a set`);
    const atvs = readChildren(nameDer, rdn, `${what} RDN`);
    if (atvs.length === 0) throw new PkiError('PKI_DER_INVALID', `${what} has an empty RDN`);
    for (const atv of atvs) {
      const parts = atv.tag === derTags.sequence ? readChildren(nameDer, atv, `${what} attribute`) : [];
      const [type, value] = parts;
      if (parts.length !== 2 || type === undefined || value === undefined || type.tag !== 0x06) {
        throw new PkiError('PKI_DER_INVALID', `${what} has a malformed attribute`);
      }
      attributes.push({
        oid: oidFromTlv(nameDer.subarray(type.start, type.end), `${what} attribute type`),
        rdn: index,
        tag: value.tag,
        content: nameDer.subarray(value.contentStart, value.end),
        raw: nameDer.subarray(value.start, value.end),
      });
    }
  });
  return attributes;
}

// ASN.1 universal tags by how OpenSSL's do_print_ex reads their bytes (its tag2nbyte table):
// 1 = one byte per character (Latin-1), 2 = BMP (UCS-2), 4 = Universal (UCS-4), 0 = UTF-8.
const charWidth: ReadonlyMap<number, 0 | 1 | 2 | 4> = new Map([
  [12, 0],
  [18, 1],
  [19, 1],
  [20, 1],
  [22, 1],
  [23, 1],
  [24, 1],
  [26, 1],
  [28, 4],
  [30, 2],
]);

function pushUtf8(out: number[], codePoint: number): void {
  if (codePoint < 0x80) out.push(codePoint);
  else if (codePoint < 0x800) out.push(0xc0 | (codePoint >> 6), 0x80 | (codePoint & 0x3f));
  else if (codePoint < 0x10000) {
    out.push(0xe0 | (codePoint >> 12), 0x80 | ((codePoint >> 6) & 0x3f), 0x80 | (codePoint & 0x3f));
  } else {
    out.push(
      0xf0 | (codePoint >> 18),
      0x80 | ((codePoint >> 12) & 0x3f),
      0x80 | ((codePoint >> 6) & 0x3f),
      0x80 | (codePoint & 0x3f),
    );
  }
}

/** The value as UTF-8 bytes (OpenSSL's ASN1_STRFLGS_UTF8_CONVERT), or null to dump it as DER. */
function utf8Of(attribute: NameAttribute): Uint8Array | null {
  // Universal, primitive string tags only (constructed or context tags are dumped).
  const width = attribute.tag < 0x20 ? charWidth.get(attribute.tag) : undefined;
  const content = attribute.content;
  if (width === undefined) return null;
  if (width === 0) return content;
  if (content.length % width !== 0) return null;
  const out: number[] = [];
  for (let i = 0; i < content.length; i += width) {
    let codePoint = 0;
    for (let j = 0; j < width; j++) codePoint = codePoint * 256 + (content[i + j] ?? 0);
    if (codePoint > 0x10ffff) return null;
    pushUtf8(out, codePoint);
  }
  return Uint8Array.from(out);
}

const HEX = '0123456789ABCDEF';
const hex2 = (byte: number): string => (HEX[byte >> 4] ?? '') + (HEX[byte & 15] ?? '');
const RFC2253_SPECIAL = new Set([...',+"\\<>;'].map((c) => c.charCodeAt(0)));

/** Escapes one value as RFC 2253 with OpenSSL's ESC_2253 | ESC_CTRL | ESC_MSB flags. */
function escapeRfc2253(bytes: Uint8Array): string {
  let out = '';
  const last = bytes.length - 1;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] ?? 0;
    if (byte > 0x7e || byte < 0x20) out += '\\' + hex2(byte);
    else if (RFC2253_SPECIAL.has(byte)) out += '\\' + String.fromCharCode(byte);
    else if ((i === 0 && (byte === 0x23 || byte === 0x20)) || (i === last && byte === 0x20)) {
      out += '\\' + String.fromCharCode(byte);
    } else out += String.fromCharCode(byte);
  }
  return out;
}

function dumpDer(attribute: NameAttribute): string {
  let out = '#';
  for (const byte of attribute.raw) out += hex2(byte);
  return out;
}

/**
 * Formats a Name as `openssl x509 -nameopt RFC2253` does: RDNs in reverse order separated by `,`,
 * multi-valued RDN parts by `+`, special characters backslash-escaped, control and non-ASCII
 * octets (of the UTF-8 form) as `\XX`, unknown attribute types and non-string values as `#` + DER hex.
 */
export function formatRfc2253(attributes: readonly NameAttribute[]): string {
  let out = '';
  for (let i = attributes.length - 1; i >= 0; i--) {
    const attribute = attributes[i] as NameAttribute;
    if (i !== attributes.length - 1) out += attributes[i + 1]?.rdn === attribute.rdn ? '+' : ',';
    const shortName = attributeShortNames.get(attribute.oid);
    const utf8 = shortName === undefined ? null : utf8Of(attribute);
    out += `${shortName ?? attribute.oid}=${utf8 === null ? dumpDer(attribute) : escapeRfc2253(utf8)}`;
  }
  return out;
}

/**
 * Formats a Name as OpenSSL's X509_NAME_oneline (`openssl x509 -nameopt compat`): `/C=US/ST=…`,
 * encoding order, raw value octets with bytes outside printable ASCII written `\xHH`, and `/` and
 * `+` inside values backslash-escaped (as OpenSSL 3 does).
 */
export function formatLegacy(attributes: readonly NameAttribute[]): string {
  let out = '';
  attributes.forEach((attribute, i) => {
    out += i > 0 && attributes[i - 1]?.rdn === attribute.rdn ? '+' : '/';
    out += `${attributeShortNames.get(attribute.oid) ?? attribute.oid}=`;
    const content = attribute.content;
    let keep = [true, true, true, true];
    if (attribute.tag === 0x1b && content.length % 4 === 0) {
      // OpenSSL's GeneralString heuristic: UCS-4 text stored as GeneralString prints only its low octets.
      const nonZero = [false, false, false, false];
      content.forEach((byte, j) => {
        if (byte !== 0) nonZero[j & 3] = true;
      });
      if (!(nonZero[0] || nonZero[1] || nonZero[2])) keep = [false, false, false, true];
    }
    content.forEach((byte, j) => {
      if (!keep[j & 3]) return;
      if (byte < 0x20 || byte > 0x7e) out += '\\x' + hex2(byte);
      else if (byte === 0x2f || byte === 0x2b)
        out += '\\' + String.fromCharCode(byte); // OpenSSL 3 escapes '/' and '+'
      else out += String.fromCharCode(byte);
    });
  });
  return out;
}

/** Subject fields in Cloudflare's API spelling (CLOUDFLARE.md §1.2); '' when absent. */
export interface SubjectFields {
  common_name: string;
  organization: string;
  organizational_unit: string;
  country: string;
  state: string;
  location: string;
}

const subjectFieldOids: Readonly<Record<keyof SubjectFields, string>> = {
  common_name: '2.5.4.3',
  organization: '2.5.4.10',
  organizational_unit: '2.5.4.11',
  country: '2.5.4.6',
  state: '2.5.4.8',
  location: '2.5.4.7',
};

/** The decoded text of a string value (lossy for non-string values, which yield ''). */
export function attributeText(attribute: NameAttribute): string {
  const utf8 = utf8Of(attribute);
  return utf8 === null ? '' : new TextDecoder('utf-8', { fatal: false }).decode(utf8);
}

/** Cloudflare's subject fields: the first value of each attribute type, '' when absent. */
export function subjectFields(attributes: readonly NameAttribute[]): SubjectFields {
  const fields = {
    common_name: '',
    organization: '',
    organizational_unit: '',
    country: '',
    state: '',
    location: '',
  };
  for (const key of Object.keys(subjectFieldOids) as (keyof SubjectFields)[]) {
    const found = attributes.find((attribute) => attribute.oid === subjectFieldOids[key]);
    if (found) fields[key] = attributeText(found);
  }
  return fields;
}
