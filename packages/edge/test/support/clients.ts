// Real TLS clients for the tests: undici (per request or kept-alive), node:https, raw TLS bytes,
// node:http2 and curl.
import { execFile } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import https from 'node:https';
import type { Readable } from 'node:stream';
import tls from 'node:tls';
import { Agent, request } from 'undici';
import type { CertKey } from './openssl-pki.js';

export interface ClientOptions {
  readonly cert?: CertKey;
  readonly servername?: string;
  readonly ca: string;
  readonly host?: string;
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer | Readable;
}

export interface SimpleResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/**
 * The TLS options that present `cert`. A key below OpenSSL's default security level (RSA-1024
 * under OpenSSL 3.5: "ee key too small") is loaded at level 0, as an attacker's client would,
 * so that the tests see the edge refuse it rather than our own client.
 */
function presented(cert: CertKey | undefined): { cert?: string; key?: string; ciphers?: string } {
  if (!cert) return {};
  const key = createPrivateKey(cert.keyPem);
  const weak =
    key.asymmetricKeyType?.startsWith('rsa') === true &&
    (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048;
  return { cert: cert.certPem, key: cert.keyPem, ...(weak ? { ciphers: 'DEFAULT:@SECLEVEL=0' } : {}) };
}

/** One request over a fresh undici connection. */
export async function undiciRequest(
  port: number,
  path: string,
  options: ClientOptions,
): Promise<SimpleResponse> {
  const servername = options.servername ?? options.host ?? 'api.example.test';
  const agent = new Agent({
    connect: {
      ca: options.ca,
      servername,
      ...presented(options.cert),
    },
  });
  try {
    const response = await request(`https://127.0.0.1:${port}${path}`, {
      dispatcher: agent,
      method: (options.method ?? 'GET') as 'GET',
      headers: { host: options.host ?? servername, ...options.headers },
      body: options.body,
    });
    return { status: response.statusCode, headers: response.headers, body: await response.body.text() };
  } finally {
    await agent.close();
  }
}

/** A node:https client on one kept-alive socket; `reused` tells whether the socket was reused. */
export function keepAliveClient(
  port: number,
  options: ClientOptions,
): {
  get(path: string): Promise<SimpleResponse & { reused: boolean }>;
  close(): void;
} {
  const servername = options.servername ?? 'api.example.test';
  const agent = new https.Agent({
    keepAlive: true,
    maxSockets: 1,
    ca: options.ca,
    servername,
    ...presented(options.cert),
  });
  return {
    get: (path) =>
      new Promise((resolve, reject) => {
        const req = https.request(
          { host: '127.0.0.1', port, path, agent, servername, headers: { host: options.host ?? servername } },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => (body += c));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, headers: res.headers, body, reused: req.reusedSocket }),
            );
          },
        );
        req.on('error', reject);
        req.end();
      }),
    close: () => agent.destroy(),
  };
}

/** Sends raw request bytes over TLS and returns everything until the server closes or `until` matches. */
export function rawTls(
  port: number,
  payload: string,
  options: { servername?: string; ca: string; cert?: CertKey; session?: Buffer; tls12?: boolean },
): Promise<{ text: string; reused: boolean; session: Buffer | undefined }> {
  return new Promise((resolve, reject) => {
    let session: Buffer | undefined;
    const socket = tls.connect({
      host: '127.0.0.1',
      port,
      ca: options.ca,
      ...(options.servername
        ? { servername: options.servername }
        : { servername: '', checkServerIdentity: () => undefined }),
      ...presented(options.cert),
      ...(options.session ? { session: options.session } : {}),
      ALPNProtocols: ['http/1.1'],
      ...(options.tls12 ? { maxVersion: 'TLSv1.2' as const } : { minVersion: 'TLSv1.3' as const }),
    });
    let text = '';
    let reused = false;
    socket.on('session', (s: Buffer) => (session = s));
    socket.on('secureConnect', () => {
      reused = socket.isSessionReused();
      socket.write(payload);
    });
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (text += d));
    socket.on('error', reject);
    socket.on('close', () => resolve({ text, reused, session }));
  });
}

/** Status code of the first response in raw HTTP text. */
export function statusOf(text: string): number {
  const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
  return m ? Number(m[1]) : 0;
}

/** Runs curl and returns its status code line and body. */
export function curl(args: readonly string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    execFile('curl', ['-sS', '--max-time', '10', ...args], { encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ stdout, stderr, code: error ? Number((error as { code?: number }).code ?? 1) : 0 });
    });
  });
}
