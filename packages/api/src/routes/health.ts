// `/health`: whether the API and its database answer (no token needed).
import { Type } from 'typebox';
import { ok } from '../envelope.js';
import { ApiError } from '../errors.js';
import { responses } from '../schemas.js';
import type { RoutePlugin } from './common.js';

/** Version reported by the health endpoint. */
export const apiVersion = '0.1.0';

/** Registers `GET /health`. */
export const healthRoutes: RoutePlugin = (app, { store }) => {
  app.get(
    '/health',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Liveness and database reachability',
        security: [],
        response: responses(
          Type.Object({ status: Type.String(), version: Type.String(), store: Type.String() }),
        ),
      },
    },
    async () => {
      try {
        await store.ping();
      } catch (error) {
        throw new ApiError('API_UNAVAILABLE', 'the database does not answer', { cause: error });
      }
      return ok({ status: 'ok', version: apiVersion, store: store.kind });
    },
  );
};
