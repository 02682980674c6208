// Builds the Fastify instance of the control plane: parsers, validation, auth, error mapping, routes.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyInstance, FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import type { Store } from '@portcullis/store';
import { installAuth } from './auth.js';
import { createContext, masterKeyRing, type ApiContext, type ApiOptions } from './context.js';
import { ApiError, errorEnvelope, toApiError } from './errors.js';
import { validatorCompiler } from './validation.js';
import { apiBasePath } from './services/urls.js';
import { registerRoutes } from './routes/index.js';
import { storedTokenLookup } from './services/token-lookup.js';
import { settleRevocations } from './services/settle.js';

/** The base path of every API route, as Cloudflare's. */
export const basePath = apiBasePath;

/** Default request body limit: 1 MiB. */
export const defaultBodyLimit = 1024 * 1024;

/** Options of {@link buildApp}. */
export interface BuildAppOptions extends ApiOptions {
  /** The opened store (`openStore`); the app does not close it. */
  store: Store;
  /** 32-byte key sealing CA private keys at rest (`pki.sealSecret`). */
  masterKey: Uint8Array;
  /** A pino logger to use, `true` for a default one, or `false`/absent for none. */
  logger?: FastifyBaseLogger | boolean;
  /** Largest accepted request body in bytes; larger bodies are answered 413. Default 1 MiB. */
  bodyLimit?: number;
  /** A built dashboard to serve at `/`, if any. */
  dashboardDir?: string;
  /** How often pending revocations are settled to `revoked` (ms); 0 disables. Default 60 000. */
  settleIntervalMs?: number;
}

/** Paths pino removes from every log line: credentials and key material. */
export const redactPaths: readonly string[] = [
  'req.headers.authorization',
  'headers.authorization',
  '*.private_key',
  '*.privateKeyPem',
  '*.privateKey',
  '*.secret',
  '*.value',
  '*.token',
  '*.masterKey',
  '*.masterKeys',
  '*.previousMasterKeys',
];

/**
 * Builds the API as a Fastify instance (not listening). Every route lives under `/client/v4`
 * and answers in Cloudflare's v4 envelope; the OpenAPI document is at `/client/v4/openapi.json`.
 *
 * @example
 * ```ts
 * const store = await openStore({ kind: 'sqlite', file: 'portcullis.db' });
 * const { adminToken } = await bootstrap(store, { masterKey });
 * const app = await buildApp({ store, masterKey });
 * await app.listen({ host: '127.0.0.1', port: 8080 });
 * ```
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  masterKeyRing(options.masterKey, options.previousMasterKeys);
  const bodyLimit = options.bodyLimit ?? defaultBodyLimit;
  const serverOptions: FastifyServerOptions = {
    bodyLimit,
    requestIdHeader: false,
    genReqId: () => randomUUID(),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    return503OnClosing: true,
  };
  const logger = options.logger;
  // A given logger gets our redaction too: token headers and key material never reach a log line.
  const app =
    typeof logger === 'object'
      ? Fastify({
          ...serverOptions,
          loggerInstance: logger.child({}, { redact: { paths: [...redactPaths], censor: '[redacted]' } }),
        })
      : Fastify({
          ...serverOptions,
          logger:
            logger === true
              ? { level: 'info', redact: { paths: [...redactPaths], censor: '[redacted]' } }
              : false,
        });
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();

  typed.setValidatorCompiler(validatorCompiler);
  // Response schemas document the API (OpenAPI); serialisation stays plain JSON.
  typed.setSerializerCompiler(() => (data) => JSON.stringify(data));
  installJsonParser(typed, bodyLimit);

  const context: ApiContext = createContext(options);
  installAuth(typed, {
    prefix: basePath,
    lookup: storedTokenLookup(options.store),
    now: context.now,
    onUse: (id) => context.tokenUsed(id),
  });

  typed.setErrorHandler((error, request, reply) => {
    let apiError = toApiError(error);
    if (apiError.code === 'API_PAYLOAD_TOO_LARGE') {
      apiError = new ApiError(apiError.code, `request body is too large: the limit is ${bodyLimit} bytes`);
    }
    if (apiError.code === 'API_INTERNAL' || apiError.code === 'API_UNAVAILABLE') {
      request.log.error({ err: error }, 'request failed');
      apiError = new ApiError(apiError.code, `${apiError.message} (request id ${request.id})`);
    }
    return reply
      .status(apiError.status)
      .type('application/json; charset=utf-8')
      .send(errorEnvelope(apiError));
  });
  typed.setNotFoundHandler((request, reply) => {
    const apiError = new ApiError(
      'API_ROUTE_NOT_FOUND',
      `no route for ${request.method} ${request.url.split('?')[0]}`,
    );
    return reply.status(apiError.status).send(errorEnvelope(apiError));
  });
  typed.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
    // The dashboard carries its own CSP; nothing Portcullis serves may be framed (clickjacking).
    reply.header('x-frame-options', 'DENY');
    reply.header('content-security-policy', "frame-ancestors 'none'");
    reply.header('referrer-policy', 'no-referrer');
  });

  await typed.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Portcullis API',
        description:
          "Portcullis' control plane in Cloudflare's v4 shapes (client certificates, mTLS CAs, hostname associations, custom rules).",
        version: '1',
      },
      servers: [{ url: options.publicBaseUrl ?? '/' }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });

  await typed.register(
    async (api) => {
      await registerRoutes(api, context);
      api.get('/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () =>
        typed.swagger(),
      );
    },
    { prefix: basePath },
  );

  if (options.dashboardDir !== undefined) {
    await typed.register(fastifyStatic, {
      root: options.dashboardDir,
      prefix: '/',
      wildcard: false,
      decorateReply: false,
    });
  }
  // pending_revocation is enforced at once; this only moves the reported status on to revoked.
  const settleMs = options.settleIntervalMs ?? 60_000;
  const settleTimer =
    settleMs > 0
      ? setInterval(() => {
          settleRevocations(options.store).catch((error: unknown) =>
            app.log.warn({ err: error }, 'settling revocations failed'),
          );
        }, settleMs)
      : undefined;
  settleTimer?.unref();
  typed.addHook('onClose', async () => {
    if (settleTimer !== undefined) clearInterval(settleTimer);
    await context.close();
  });
  return app;
}

/** Fastify's safe JSON parser (prototype-poisoning refused), but an empty body means "no body". */
function installJsonParser(app: FastifyInstance, bodyLimit: number): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    void parse(request, text, done);
  });
}
