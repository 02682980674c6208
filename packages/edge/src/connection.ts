// Per-connection state, attached to the TLS socket once the handshake finished and read by every
// request of that connection (HTTP/1.1 keep-alive and every HTTP/2 stream).
import type { TLSSocket } from 'node:tls';
import type { ConnectionClientAuth } from './client-auth.js';
import type { ConnectionInfo } from './fields.js';
import type { MtlsMode } from './config.js';

/** Where the state lives on the socket (readable through HTTP/2's socket proxy too). */
export const kConnection: unique symbol = Symbol('portcullis.edge.connection');

/** What a connection was authenticated for. */
export interface ConnectionState {
  /** The host the TLS server name selected (normalised). */
  readonly hostname: string;
  /** Session binding of that host when the handshake ran (mode + trust store). */
  readonly binding: string;
  readonly mode: MtlsMode;
  readonly clientAuth: ConnectionClientAuth;
  readonly info: ConnectionInfo;
  /** The last Host header seen on this connection and its normalised form (clients repeat it). */
  hostCache: { raw: string; host: string | undefined } | undefined;
}

/** Reads the state of a socket (or HTTP/2 socket proxy). */
export function connectionOf(socket: unknown): ConnectionState | undefined {
  return socket ? (socket as { [kConnection]?: ConnectionState })[kConnection] : undefined;
}

/** Attaches the state to a TLS socket. */
export function attachConnection(socket: TLSSocket, state: ConnectionState): void {
  (socket as TLSSocket & { [kConnection]?: ConnectionState })[kConnection] = state;
}
