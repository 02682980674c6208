// PEM text ⇄ DER bytes (RFC 7468), strict: every block's base64 must decode exactly, sizes are capped first.
import { PkiError } from './errors.js';

/** One `-----BEGIN label-----` … `-----END label-----` block, decoded. */
export interface PemBlock {
  readonly label: string;
  readonly der: Uint8Array;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]{1,64})-----([^-]*)-----END ([A-Z0-9 ]{1,64})-----/g;
const BASE64_BODY = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Decodes every PEM block in `text`. Text outside blocks (comments, `openssl x509 -text` output) is
 * ignored, as OpenSSL does. Encapsulated headers (`Proc-Type: 4,ENCRYPTED`) are refused.
 * @throws PkiError `PKI_TOO_LARGE` over `maxBytes`, `PKI_PEM_INVALID` for anything malformed.
 */
export function decodePemBlocks(text: string, maxBytes: number, what: string): PemBlock[] {
  if (typeof text !== 'string') throw new PkiError('PKI_PEM_INVALID', `${what} must be PEM text`);
  if (text.length > maxBytes) {
    throw new PkiError('PKI_TOO_LARGE', `${what} is ${text.length} bytes, over the limit of ${maxBytes}`);
  }
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(BLOCK)) {
    const [, begin = '', body = '', end = ''] = match;
    if (begin !== end) {
      throw new PkiError(
        'PKI_PEM_INVALID',
        `${what}: PEM block begins with "${begin}" but ends with "${end}"`,
      );
    }
    if (body.includes(':')) {
      throw new PkiError(
        'PKI_PEM_INVALID',
        `${what}: PEM block "${begin}" has headers (encrypted PEM is not supported)`,
      );
    }
    const compact = body.replace(/[\s]+/g, '');
    if (compact.length === 0 || compact.length % 4 !== 0 || !BASE64_BODY.test(compact)) {
      throw new PkiError(
        'PKI_PEM_INVALID',
        `${what}: PEM block "${begin}" is not valid base64 (truncated or corrupted)`,
      );
    }
    blocks.push({ label: begin, der: new Uint8Array(Buffer.from(compact, 'base64')) });
  }
  if (blocks.length === 0) {
    const hint = text.includes('-----BEGIN') ? ' (a block is truncated: no matching END line)' : '';
    throw new PkiError('PKI_PEM_INVALID', `${what} contains no PEM block${hint}`);
  }
  return blocks;
}

/**
 * Returns the DER of `input`: bytes are taken as DER, text must hold exactly one PEM block whose
 * label is one of `labels`.
 */
export function toDer(
  input: string | Uint8Array,
  labels: readonly string[],
  maxBytes: number,
  what: string,
): Uint8Array {
  if (input instanceof Uint8Array) {
    if (input.byteLength > maxBytes) {
      throw new PkiError(
        'PKI_TOO_LARGE',
        `${what} is ${input.byteLength} bytes, over the limit of ${maxBytes}`,
      );
    }
    if (input.byteLength === 0) throw new PkiError('PKI_DER_INVALID', `${what} is empty`);
    return input;
  }
  const blocks = decodePemBlocks(input, maxBytes, what);
  if (blocks.length !== 1) {
    throw new PkiError(
      'PKI_PEM_INVALID',
      `${what} must contain exactly one PEM block, found ${blocks.length}`,
    );
  }
  const [block] = blocks as [PemBlock];
  if (!labels.includes(block.label)) {
    throw new PkiError(
      'PKI_PEM_INVALID',
      `${what} must be a PEM "${labels[0] ?? ''}" block, got "${block.label}"`,
    );
  }
  return block.der;
}

/** Encodes DER as PEM with 64-character lines and a final newline. */
export function encodePem(label: string, der: Uint8Array): string {
  // Lines are cut by copying octets of the base64 text (a 40 MiB CRL has 870,000 lines).
  const b64 = Buffer.from(
    Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('base64'),
    'latin1',
  );
  const lines = Math.ceil(b64.length / 64);
  const body = Buffer.allocUnsafe(b64.length + lines);
  let at = 0;
  for (let i = 0; i < b64.length; i += 64) {
    at += b64.copy(body, at, i, Math.min(i + 64, b64.length));
    body[at++] = 0x0a;
  }
  return `-----BEGIN ${label}-----\n${body.toString('latin1', 0, at)}-----END ${label}-----\n`;
}
