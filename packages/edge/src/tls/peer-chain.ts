// The client's certificate chain as it was sent, read before Node reads it. Node hands the sent
// intermediates (`issuerCertificate`) only to the first getPeerX509Certificate() call of a
// connection; later calls see the leaf alone. Since nodejs/node#64677 (Node 24.x, 26.8) Node's own
// 'secure' handler makes that first call and drops the result (nodejs/node#65579), so the edge
// would never see an intermediate: a leaf sent with its intermediate could not be verified and
// the RFC 9440 chain would be empty. A 'secure' listener prepended ahead of Node's takes the
// first read instead.
import type { X509Certificate } from 'node:crypto';
import type tls from 'node:tls';

const peers = new WeakMap<tls.TLSSocket, X509Certificate | null>();
const hooked = new WeakSet<tls.TLSSocket>();

/**
 * Makes `server` keep each connection's first peer-certificate read. 'keylog' is the one server
 * event that hands over the TLS socket before the handshake completes (it fires as soon as the
 * handshake secrets exist, before 'secure'); the key material it carries is ignored.
 */
export function capturePeerChains(server: tls.Server): void {
  server.on('keylog', (_line: Buffer, socket: tls.TLSSocket) => {
    if (hooked.has(socket)) return;
    hooked.add(socket);
    socket.prependOnceListener('secure', () => peers.set(socket, socket.getPeerX509Certificate() ?? null));
  });
}

/** The peer certificate with the chain the client sent; falls back to a direct (possibly leaf-only) read. */
export function peerCertificate(socket: tls.TLSSocket): X509Certificate | undefined {
  const captured = peers.get(socket);
  if (captured !== undefined) {
    peers.delete(socket);
    return captured ?? undefined;
  }
  return socket.getPeerX509Certificate();
}
