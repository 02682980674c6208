// Produces the API's OpenAPI document without a network listener: a throwaway SQLite store and Fastify's inject.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { buildApp } from '@portcullis/api';
import { openStore } from '@portcullis/store';
import type { OpenApiDocument } from './api-reference.js';

/** Builds the API on a temporary store and returns `/client/v4/openapi.json`. */
export async function loadOpenApiDocument(): Promise<OpenApiDocument> {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-openapi-'));
  const store = await openStore({ kind: 'sqlite', file: join(dir, 'portcullis.db') });
  try {
    const app = await buildApp({ store, masterKey: new Uint8Array(randomBytes(32)) });
    try {
      const response = await app.inject({ method: 'GET', url: '/client/v4/openapi.json' });
      if (response.statusCode !== 200) throw new Error(`openapi.json answered ${response.statusCode}`);
      return response.json<OpenApiDocument>();
    } finally {
      await app.close();
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
