// Reads the server name (SNI) from a TLS ClientHello before any TLS object exists, so that the
// connection can be handed to the right host's TLS settings from its very first byte.

/** Outcome of feeding the first bytes of a connection to {@link parseClientHello}. */
export type ClientHelloResult =
  | { readonly kind: 'incomplete' }
  | { readonly kind: 'hello'; readonly serverName: string | undefined; readonly info: ClientHelloInfo }
  | { readonly kind: 'not-tls'; readonly looksLikeHttp: boolean }
  | { readonly kind: 'invalid'; readonly reason: string };

/** ClientHello facts kept for the `cf.tls_client_*` fields (small copies, not the whole message). */
export interface ClientHelloInfo {
  /** Length of the ClientHello handshake message in bytes. */
  readonly length: number;
  readonly random: Buffer;
  /** The cipher_suites vector as sent. */
  readonly cipherSuites: Buffer;
  /** Extension types in the order sent. */
  readonly extensionTypes: readonly number[];
}

/** Largest ClientHello we buffer (handshake message, reassembled over records). */
export const MAX_CLIENT_HELLO_BYTES = 64 * 1024;

const RECORD_HANDSHAKE = 0x16;
const HANDSHAKE_CLIENT_HELLO = 0x01;
const EXT_SERVER_NAME = 0x0000;
const NAME_TYPE_HOST = 0x00;
const HTTP_METHOD_START = /^[A-Z]{3,7} /;

/**
 * Parses as much of the connection's first bytes as needed to find the SNI host name.
 * Handles a ClientHello split over several TLS records; never throws on any input.
 */
export function parseClientHello(data: Buffer): ClientHelloResult {
  if (data.length === 0) return { kind: 'incomplete' };
  if (data[0] !== RECORD_HANDSHAKE) {
    const head = data.subarray(0, 8).toString('latin1');
    return { kind: 'not-tls', looksLikeHttp: HTTP_METHOD_START.test(head) };
  }
  // Reassemble the handshake layer from consecutive handshake records.
  const parts: Buffer[] = [];
  let offset = 0;
  let collected = 0;
  let needed = -1;
  while (true) {
    if (data.length < offset + 5) return { kind: 'incomplete' };
    if (data[offset] !== RECORD_HANDSHAKE)
      return { kind: 'invalid', reason: 'unexpected record type before the ClientHello ended' };
    if (data[offset + 1] !== 0x03) return { kind: 'invalid', reason: 'unsupported record version' };
    const length = data.readUInt16BE(offset + 3);
    if (length === 0 || length > 16384 + 2048) return { kind: 'invalid', reason: 'bad record length' };
    if (data.length < offset + 5 + length) {
      if (offset + 5 + length > MAX_CLIENT_HELLO_BYTES + 5 * 8)
        return { kind: 'invalid', reason: 'ClientHello too large' };
      return { kind: 'incomplete' };
    }
    const fragment = data.subarray(offset + 5, offset + 5 + length);
    parts.push(fragment);
    collected += fragment.length;
    offset += 5 + length;
    if (needed < 0 && collected >= 4) {
      const head = parts.length === 1 ? fragment : Buffer.concat(parts);
      if (head[0] !== HANDSHAKE_CLIENT_HELLO)
        return { kind: 'invalid', reason: 'first handshake message is not a ClientHello' };
      needed = 4 + ((head[1]! << 16) | (head[2]! << 8) | head[3]!);
      if (needed > MAX_CLIENT_HELLO_BYTES) return { kind: 'invalid', reason: 'ClientHello too large' };
    }
    if (needed >= 0 && collected >= needed) break;
  }
  const message = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  return readHello(message.subarray(4, needed), needed);
}

function readHello(body: Buffer, length: number): ClientHelloResult {
  let p = 2 + 32; // legacy_version, random
  if (body.length < p + 1) return { kind: 'invalid', reason: 'truncated ClientHello' };
  p += 1 + body[p]!; // session id
  if (body.length < p + 2) return { kind: 'invalid', reason: 'truncated ClientHello' };
  const suitesEnd = p + 2 + body.readUInt16BE(p);
  if (body.length < suitesEnd + 1) return { kind: 'invalid', reason: 'truncated ClientHello' };
  const random = Buffer.from(body.subarray(2, 34));
  const cipherSuites = Buffer.from(body.subarray(p + 2, suitesEnd));
  const extensionTypes: number[] = [];
  const info: ClientHelloInfo = { length, random, cipherSuites, extensionTypes };
  p = suitesEnd;
  p += 1 + body[p]!; // compression methods
  if (body.length === p) return { kind: 'hello', serverName: undefined, info }; // no extensions at all
  if (body.length < p + 2) return { kind: 'invalid', reason: 'truncated ClientHello' };
  const end = p + 2 + body.readUInt16BE(p);
  if (end > body.length) return { kind: 'invalid', reason: 'truncated extensions' };
  p += 2;
  let serverName: string | undefined;
  while (p + 4 <= end) {
    const type = body.readUInt16BE(p);
    const extLength = body.readUInt16BE(p + 2);
    p += 4;
    if (p + extLength > end) return { kind: 'invalid', reason: 'truncated extension' };
    extensionTypes.push(type);
    if (type === EXT_SERVER_NAME) {
      const name = readNameList(body.subarray(p, p + extLength));
      if (name === false) return { kind: 'invalid', reason: 'bad server_name extension' };
      serverName = name;
    }
    p += extLength;
  }
  return { kind: 'hello', serverName, info };
}

/** The host_name entry of a server_name extension; undefined when none, false when malformed. */
function readNameList(ext: Buffer): string | undefined | false {
  if (ext.length < 2) return false;
  const end = Math.min(ext.length, 2 + ext.readUInt16BE(0));
  let p = 2;
  while (p + 3 <= end) {
    const type = ext[p]!;
    const length = ext.readUInt16BE(p + 1);
    p += 3;
    if (p + length > end) return false;
    if (type === NAME_TYPE_HOST) return ext.toString('latin1', p, p + length);
    p += length;
  }
  return undefined;
}
