// One HTTP exchange with the API over fetch: URL building, bearer auth, envelope unwrapping.
import type { EnvelopeMessage, ResultInfo } from '@portcullis/model';
import { PortcullisClientError } from './errors.js';

/** Query values the API understands; arrays repeat the key, undefined drops it. */
export type QueryValue = string | number | boolean | readonly string[] | undefined;

/** Options of {@link Transport}. */
export interface TransportOptions {
  /** Where the API is: `http://host:port` or the full `http://host:port/client/v4`. */
  baseUrl: string;
  /** An API token, sent as `Authorization: Bearer <token>`. */
  token?: string | undefined;
  /** A fetch implementation (default: the global one). */
  fetch?: typeof fetch | undefined;
  /** Extra headers for every request. */
  headers?: Record<string, string> | undefined;
}

/** A parsed success: the result and, for lists, the pagination block. */
export interface Unwrapped<T> {
  result: T;
  resultInfo: ResultInfo | undefined;
  messages: readonly EnvelopeMessage[];
}

/** Sends requests to the API and unwraps v4 envelopes; throws {@link PortcullisClientError}. */
export class Transport {
  readonly base: string;
  readonly #token: string | undefined;
  readonly #fetch: typeof fetch;
  readonly #headers: Record<string, string>;

  constructor(options: TransportOptions) {
    const trimmed = options.baseUrl.replace(/\/+$/, '');
    this.base = trimmed.endsWith('/client/v4') ? trimmed : `${trimmed}/client/v4`;
    this.#token = options.token;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#headers = { ...options.headers };
  }

  /** Builds the absolute URL of `path` (relative to `/client/v4`) with `query`. */
  url(path: string, query?: Record<string, QueryValue>): string {
    const url = new URL(this.base + path);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined) continue;
      if (Array.isArray(value))
        for (const item of value as readonly string[]) url.searchParams.append(key, item);
      else url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  /** Sends one request and returns the unwrapped envelope. */
  async request<T>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    options: { query?: Record<string, QueryValue>; body?: unknown } = {},
  ): Promise<Unwrapped<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...this.#headers };
    if (this.#token !== undefined) headers['authorization'] = `Bearer ${this.#token}`;
    const init: RequestInit = { method, headers };
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(options.body);
    }
    let response: Response;
    try {
      response = await this.#fetch(this.url(path, options.query), init);
    } catch (cause) {
      throw new PortcullisClientError(
        'network',
        `could not reach the API at ${this.base}: ${messageOf(cause)}`,
        { cause },
      );
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch (cause) {
      throw new PortcullisClientError(
        'invalid_response',
        `the API answered ${response.status} with a body that is not JSON`,
        {
          status: response.status,
          cause,
        },
      );
    }
    if (!isEnvelope(body)) {
      throw new PortcullisClientError(
        'invalid_response',
        `the API answered ${response.status} without a v4 envelope`,
        {
          status: response.status,
        },
      );
    }
    if (!response.ok || body.success !== true) {
      const errors = Array.isArray(body.errors) ? (body.errors as EnvelopeMessage[]) : [];
      const first = errors[0]?.message ?? `request failed with status ${response.status}`;
      throw new PortcullisClientError('api', first, { status: response.status, errors });
    }
    return {
      result: body.result as T,
      resultInfo: body.result_info as ResultInfo | undefined,
      messages: Array.isArray(body.messages) ? (body.messages as EnvelopeMessage[]) : [],
    };
  }

  /** Fetches a raw (non-envelope) resource such as a PEM or DER download. */
  async download(path: string): Promise<Uint8Array> {
    const headers: Record<string, string> = { ...this.#headers };
    if (this.#token !== undefined) headers['authorization'] = `Bearer ${this.#token}`;
    let response: Response;
    try {
      response = await this.#fetch(this.url(path), { headers });
    } catch (cause) {
      throw new PortcullisClientError(
        'network',
        `could not reach the API at ${this.base}: ${messageOf(cause)}`,
        { cause },
      );
    }
    if (!response.ok) {
      throw new PortcullisClientError('api', `download of ${path} failed with status ${response.status}`, {
        status: response.status,
      });
    }
    return new Uint8Array(await response.arrayBuffer());
  }
}

interface RawEnvelope {
  success?: unknown;
  errors?: unknown;
  messages?: unknown;
  result?: unknown;
  result_info?: unknown;
}

function isEnvelope(value: unknown): value is RawEnvelope {
  return typeof value === 'object' && value !== null && 'success' in value;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
