// Building subject Names we create (CA names, generated CSRs) from Cloudflare's subject fields or an
// OpenSSL-style `/CN=device-1/O=Acme` string, with RFC 5280 upper bounds and string types.
import * as asn1js from 'asn1js';
import { attributeShortNames, type SubjectFields } from './dn.js';
import { PkiError } from './errors.js';

/** One attribute to put in a Name we build. */
export interface SubjectAttribute {
  /** Short name as OpenSSL spells it: CN, O, OU, C, ST, L, emailAddress, serialNumber, DC, UID, … */
  readonly type: string;
  readonly value: string;
}

/** What callers may pass as a subject: Cloudflare's fields, a slash string, or attributes in order. */
export type SubjectInput = Partial<SubjectFields> | string | readonly SubjectAttribute[];

const oidByShortName = new Map(
  [...attributeShortNames].map(([attributeOid, name]) => [name, attributeOid] as const),
);

// RFC 5280 Appendix A upper bounds (ub-*) by short name.
const maxLength: Readonly<Record<string, number>> = {
  CN: 64,
  O: 64,
  OU: 64,
  L: 128,
  ST: 128,
  C: 2,
  emailAddress: 255,
  serialNumber: 64,
  title: 64,
};

/**
 * Parses an OpenSSL `-subj` string: `/CN=device-1/O=Acme`. A backslash escapes the next character
 * (`\/`, `\+`, `\\`); `+` joins a multi-valued RDN, which is not supported here and refused.
 */
export function parseSlashSubject(text: string): SubjectAttribute[] {
  if (typeof text !== 'string' || !text.startsWith('/')) {
    throw new PkiError(
      'PKI_INVALID_ARGUMENT',
      `subject ${JSON.stringify(text)} must look like /CN=name/O=organisation`,
    );
  }
  const parts: string[] = [];
  let current = '';
  for (let i = 1; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '\\' && i + 1 < text.length) current += text[++i];
    else if (ch === '/') {
      parts.push(current);
      current = '';
    } else if (ch === '+') {
      throw new PkiError(
        'PKI_INVALID_ARGUMENT',
        'multi-valued RDNs (+) are not supported in a subject; escape a literal + as \\+',
      );
    } else current += ch;
  }
  parts.push(current);
  return parts.map((part) => {
    const eq = part.indexOf('=');
    if (eq <= 0)
      throw new PkiError('PKI_INVALID_ARGUMENT', `subject part ${JSON.stringify(part)} must be TYPE=value`);
    return { type: part.slice(0, eq).trim(), value: part.slice(eq + 1) };
  });
}

/** Subject attributes in OpenSSL's customary order (C, ST, L, O, OU, CN) from Cloudflare's fields. */
export function attributesFromFields(fields: Partial<SubjectFields>): SubjectAttribute[] {
  const order: [keyof SubjectFields, string][] = [
    ['country', 'C'],
    ['state', 'ST'],
    ['location', 'L'],
    ['organization', 'O'],
    ['organizational_unit', 'OU'],
    ['common_name', 'CN'],
  ];
  const attributes: SubjectAttribute[] = [];
  for (const [key, type] of order) {
    const value = fields[key];
    if (value !== undefined && value !== '') attributes.push({ type, value });
  }
  return attributes;
}

/** Normalises any {@link SubjectInput} to attributes and validates them. */
export function subjectAttributes(input: SubjectInput): SubjectAttribute[] {
  const attributes =
    typeof input === 'string'
      ? parseSlashSubject(input)
      : Array.isArray(input)
        ? [...(input as SubjectAttribute[])]
        : attributesFromFields(input as Partial<SubjectFields>);
  if (attributes.length === 0)
    throw new PkiError('PKI_INVALID_ARGUMENT', 'subject must have at least one attribute');
  for (const { type, value } of attributes) {
    if (!oidByShortName.has(type))
      throw new PkiError('PKI_INVALID_ARGUMENT', `unknown subject attribute type ${JSON.stringify(type)}`);
    if (typeof value !== 'string' || value.length === 0)
      throw new PkiError('PKI_INVALID_ARGUMENT', `subject attribute ${type} is empty`);
    if ([...value].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) {
      throw new PkiError('PKI_INVALID_ARGUMENT', `subject attribute ${type} contains a control character`);
    }
    const max = maxLength[type] ?? 128;
    if ([...value].length > max)
      throw new PkiError(
        'PKI_INVALID_ARGUMENT',
        `subject attribute ${type} is longer than ${max} characters`,
      );
    if ((type === 'emailAddress' || type === 'DC') && !/^[\x20-\x7e]+$/.test(value)) {
      throw new PkiError('PKI_INVALID_ARGUMENT', `subject attribute ${type} must be ASCII`);
    }
    if (type === 'C' && !/^[A-Za-z]{2}$/.test(value)) {
      throw new PkiError(
        'PKI_INVALID_ARGUMENT',
        `country ${JSON.stringify(value)} must be a two-letter code`,
      );
    }
  }
  return attributes;
}

/** DER of a Name with one attribute per RDN; C, serialNumber as PrintableString, email/DC as IA5String, the rest UTF8String. */
export function encodeName(attributes: readonly SubjectAttribute[]): Uint8Array {
  const rdns = attributes.map(({ type, value }) => {
    const typeOid = oidByShortName.get(type);
    if (typeOid === undefined)
      throw new PkiError('PKI_INVALID_ARGUMENT', `unknown subject attribute type ${JSON.stringify(type)}`);
    const printable = /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(value);
    const encoded =
      (type === 'C' || type === 'serialNumber') && printable
        ? new asn1js.PrintableString({ value })
        : type === 'emailAddress' || type === 'DC'
          ? new asn1js.IA5String({ value })
          : new asn1js.Utf8String({ value });
    return new asn1js.Set({
      value: [new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: typeOid }), encoded] })],
    });
  });
  return new Uint8Array(new asn1js.Sequence({ value: rdns }).toBER());
}
