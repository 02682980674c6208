// Starts the real API on 127.0.0.1 (port 0) over a fresh store and talks to it over real HTTP.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Store } from '@portcullis/store';
import type { Account } from '@portcullis/model';
import { bootstrap, buildApp } from '../../src/index.js';
import type { BuildAppOptions } from '../../src/index.js';
import type { Backend } from './backends.js';

/** A running API and what a test needs to call it. */
export interface RunningApi {
  baseUrl: string;
  adminToken: string;
  account: Account;
  store: Store;
  app: FastifyInstance;
  masterKey: Uint8Array;
  /** Calls the API; `token: null` sends no Authorization header. */
  call<T = unknown>(method: string, path: string, options?: CallOptions): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

/** Options of {@link RunningApi.call}. */
export interface CallOptions {
  body?: unknown;
  /** A raw body sent as is (for malformed JSON and size tests). */
  raw?: string | Uint8Array;
  token?: string | null;
  headers?: Record<string, string>;
}

/** A parsed response. */
export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  body: {
    success: boolean;
    errors: { code: number; message: string; type?: string }[];
    messages: unknown[];
    result: T;
    result_info?: { page: number; per_page: number; count: number; total_count: number; total_pages: number };
  };
  text: string;
}

/** Starts the API over a fresh store of `backend`. */
export async function startApi(
  backend: Backend,
  options: Partial<BuildAppOptions> = {},
): Promise<RunningApi> {
  const { store, cleanup } = await backend.open();
  const masterKey = new Uint8Array(randomBytes(32));
  const first = await bootstrap(store, { masterKey });
  if (first.adminToken === undefined) throw new Error('bootstrap did not create an admin token');
  const app = await buildApp({ store, masterKey, settleIntervalMs: 0, ...options });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  const baseUrl = `http://127.0.0.1:${address.port}/client/v4`;
  const adminToken = first.adminToken;
  return {
    baseUrl,
    adminToken,
    account: first.account,
    store,
    app,
    masterKey,
    async call<T>(method: string, path: string, call: CallOptions = {}): Promise<ApiResponse<T>> {
      const headers: Record<string, string> = { ...call.headers };
      const token = call.token === undefined ? adminToken : call.token;
      if (token !== null) headers['authorization'] = `Bearer ${token}`;
      let body: string | Uint8Array | undefined;
      if (call.raw !== undefined) {
        body = call.raw;
        headers['content-type'] ??= 'application/json';
      } else if (call.body !== undefined) {
        body = JSON.stringify(call.body);
        headers['content-type'] = 'application/json';
      }
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
      });
      const text = await response.text();
      let parsed: ApiResponse<T>['body'];
      try {
        parsed = JSON.parse(text) as ApiResponse<T>['body'];
      } catch {
        parsed = { success: false, errors: [], messages: [], result: undefined as T };
      }
      return { status: response.status, headers: response.headers, body: parsed, text };
    },
    async close() {
      await app.close();
      await cleanup();
    },
  };
}

/** Asserts-free helper: the result of a successful call, or throws with the envelope's errors. */
export async function must<T>(response: Promise<ApiResponse<T>>): Promise<T> {
  const r = await response;
  if (r.status >= 300 || !r.body.success)
    throw new Error(`expected success, got ${r.status}: ${r.text.slice(0, 500)}`);
  return r.body.result;
}
