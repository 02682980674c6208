// Logs never carry tokens or private keys, and a 500 shows the client only a request id.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Zone } from '@portcullis/model';
import { backends } from './support/backends.js';
import { must, startApi, type RunningApi } from './support/api.js';

describe('logging and internal errors', () => {
  const lines: string[] = [];
  let api: RunningApi;
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    api = await startApi(backends[0]!, { logger: pino({ level: 'trace' }, sink) });
  });
  afterAll(async () => api?.close());

  it('keeps generated private keys and tokens out of the log, even when someone logs them', async () => {
    const zone = await must(
      api.call<Zone>('POST', '/zones', { body: { name: 'log.test', account: { id: api.account.id } } }),
    );
    const created = await must(
      api.call<{ private_key: string }>('POST', `/zones/${zone.id}/client_certificates`, {
        body: { validity_days: 1, generate_key: {} },
      }),
    );
    expect(created.private_key).toContain('PRIVATE KEY');
    api.app.log.info(
      {
        req: { headers: { authorization: `Bearer ${api.adminToken}` } },
        body: { private_key: created.private_key },
      },
      'careless',
    );
    const text = lines.join('');
    expect(text).toContain('careless');
    expect(text).not.toContain('PRIVATE KEY');
    expect(text).not.toContain(api.adminToken);
    expect(text).toContain('[redacted]');
  });

  it('answers an internal failure with a generic message and the request id only', async () => {
    const broken = api.store.zones.list.bind(api.store.zones);
    api.store.zones.list = async () => {
      throw new Error('SELECT secret FROM zones -- connection string postgres://u:p@db');
    };
    try {
      const response = await api.call('GET', '/zones');
      expect(response.status).toBe(500);
      const requestId = response.headers.get('x-request-id');
      expect(response.body.errors[0]!.message).toBe(`internal server error (request id ${requestId})`);
      expect(response.text).not.toContain('SELECT');
      expect(lines.join('')).toContain('SELECT secret');
    } finally {
      api.store.zones.list = broken;
    }
  });
});
