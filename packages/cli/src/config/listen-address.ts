// Parses `host:port` listen addresses (IPv6 in brackets) as the config spells them.

/** A parsed listen address. */
export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

/**
 * Parses `host:port`, `[v6]:port` or `:port` (all interfaces); returns a message instead of
 * throwing so the config loader can name the key.
 */
export function parseListenAddress(text: string): ListenAddress | { error: string } {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s]*)):(\d{1,5})$/.exec(text.trim());
  if (!match) return { error: `must be host:port, [ipv6]:port or :port (got "${text}")` };
  const port = Number(match[3]);
  if (port > 65_535) return { error: `port ${port} is out of range 0-65535` };
  const host = match[1] ?? (match[2] === '' ? '0.0.0.0' : match[2]!);
  return { host, port };
}

/** Formats an address for URLs: IPv6 hosts in brackets. */
export function formatHostPort(address: ListenAddress): string {
  return address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}

/** The host a local client should dial for a listener bound to `host` (wildcards become loopback). */
export function dialableHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::' || host === '[::]') return '::1';
  return host;
}
