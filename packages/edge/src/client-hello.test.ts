import net from 'node:net';
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { parseClientHello } from './client-hello.js';

/** Captures the first bytes a real Node TLS client sends. */
async function captureHello(options: tls.ConnectionOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const server = net.createServer((socket) => {
      const chunks: Buffer[] = [];
      socket.on('data', (c: Buffer) => {
        chunks.push(c);
        const all = Buffer.concat(chunks);
        if (all.length >= 5 && all.length >= 5 + all.readUInt16BE(3)) {
          resolve(all);
          socket.destroy();
          server.close();
        }
      });
    });
    server.listen(0, '127.0.0.1', () => {
      const client = tls.connect({
        port: (server.address() as net.AddressInfo).port,
        host: '127.0.0.1',
        ...options,
      });
      client.on('error', () => undefined);
    });
    server.on('error', reject);
  });
}

/** Splits a single-record ClientHello into several records (legal, rarely done). */
function fragment(hello: Buffer, size: number): Buffer {
  const body = hello.subarray(5);
  const parts: Buffer[] = [];
  for (let i = 0; i < body.length; i += size) {
    const chunk = body.subarray(i, i + size);
    const head = Buffer.from([0x16, 0x03, 0x01, 0, 0]);
    head.writeUInt16BE(chunk.length, 3);
    parts.push(head, chunk);
  }
  return Buffer.concat(parts);
}

describe('parseClientHello', () => {
  it('reads the SNI of a real ClientHello, byte by byte', async () => {
    const hello = await captureHello({ servername: 'api.example.test' });
    for (let n = 0; n < hello.length; n++)
      expect(parseClientHello(hello.subarray(0, n)).kind).toBe('incomplete');
    const result = parseClientHello(hello);
    expect(result).toMatchObject({ kind: 'hello', serverName: 'api.example.test' });
    if (result.kind === 'hello') {
      expect(result.info.random.length).toBe(32);
      expect(result.info.extensionTypes).toContain(0);
      expect(result.info.length).toBe(hello.length - 5);
    }
  });

  it('reassembles a ClientHello fragmented over records', async () => {
    const hello = await captureHello({ servername: 'frag.example.test' });
    const split = fragment(hello, 37);
    expect(parseClientHello(split.subarray(0, split.length - 1)).kind).toBe('incomplete');
    expect(parseClientHello(split)).toMatchObject({ kind: 'hello', serverName: 'frag.example.test' });
  });

  it('reports a missing SNI', async () => {
    const hello = await captureHello({ servername: '' });
    expect(parseClientHello(hello)).toMatchObject({ kind: 'hello', serverName: undefined });
  });

  it('tells plain HTTP from garbage', () => {
    expect(parseClientHello(Buffer.from('GET / HTTP/1.1\r\n'))).toEqual({
      kind: 'not-tls',
      looksLikeHttp: true,
    });
    expect(parseClientHello(Buffer.from([0x80, 0x2e, 0x01]))).toEqual({
      kind: 'not-tls',
      looksLikeHttp: false,
    });
    expect(parseClientHello(Buffer.from([0x16, 0x03, 0x01, 0x00, 0x04, 0x02, 0, 0, 0]))).toMatchObject({
      kind: 'invalid',
    });
    expect(parseClientHello(Buffer.from([0x16, 0x03, 0x01, 0xff, 0xff]))).toMatchObject({ kind: 'invalid' });
  });

  it('never throws on mutated input', async () => {
    const hello = await captureHello({ servername: 'fuzz.example.test' });
    let seed = 7;
    const rand = (n: number): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    for (let i = 0; i < 3000; i++) {
      const copy = Buffer.from(hello);
      for (let k = 0; k < 1 + rand(4); k++) copy[rand(copy.length)] = rand(256);
      expect(() => parseClientHello(copy.subarray(0, rand(copy.length + 1)))).not.toThrow();
    }
  });
});
