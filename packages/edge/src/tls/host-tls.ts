// Snapshot host → its own TLS server settings (never listening; connections are handed to it
// after the ClientHello was read), with session tickets and the session cache bound to the host
// and its client-auth policy (THREATS T1).
import { createHmac } from 'node:crypto';
import tls from 'node:tls';
import type { MtlsMode } from '../config.js';
import { capturePeerChains } from './peer-chain.js';
import type { TrustStore } from './trust-store.js';

/** TLS limits shared by every host. */
export interface TlsLimits {
  /** Milliseconds from the first byte to a finished handshake. */
  readonly handshakeTimeoutMs: number;
}

/** Inputs of a host's TLS server; equal inputs share one server across snapshots. */
export interface HostTlsInput {
  readonly hostname: string;
  readonly mode: MtlsMode;
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  readonly trust: TrustStore;
}

/** Security level 2 refuses RSA < 2048 bits and SHA-1 signatures in client chains (Node defaults to 1). */
const CIPHERS = `${tls.DEFAULT_CIPHERS}:@SECLEVEL=2`;

/** The string that binds a TLS session to a host and its client-auth policy. */
export function sessionBinding(input: Pick<HostTlsInput, 'hostname' | 'mode' | 'trust'>): string {
  return `${input.hostname}\n${input.mode}\n${input.mode === 'off' ? '' : input.trust.hash}`;
}

/**
 * Creates the host's `tls.Server` (not listening). Ticket keys and the session id context are
 * derived from the edge secret and the session binding, so a ticket or session id from one host
 * (or from this host before its CA set or mode changed) never resumes on another.
 */
export function createHostTlsServer(input: HostTlsInput, secret: Buffer, limits: TlsLimits): tls.Server {
  const binding = sessionBinding(input);
  const ticketKeys = Buffer.concat([
    createHmac('sha256', secret).update(`ticket-a\n${binding}`).digest(),
    createHmac('sha256', secret).update(`ticket-b\n${binding}`).digest().subarray(0, 16),
  ]);
  const sessionIdContext = createHmac('sha256', secret).update(`sid\n${binding}`).digest('hex').slice(0, 32);
  const mtls = input.mode !== 'off';
  const server = tls.createServer({
    key: input.privateKeyPem,
    cert: input.certificatePem,
    // Always an array: without `ca`, Node would trust its bundled public roots (THREATS T8/T9).
    ca: mtls ? [...input.trust.pems] : [],
    requestCert: mtls,
    rejectUnauthorized: input.mode === 'required',
    ALPNProtocols: ['h2', 'http/1.1'],
    minVersion: 'TLSv1.2',
    ciphers: CIPHERS,
    honorCipherOrder: true,
    ticketKeys,
    sessionIdContext,
    handshakeTimeout: limits.handshakeTimeoutMs,
  });
  if (mtls) capturePeerChains(server);
  return server;
}
