// Registers every resource family's routes, each as its own encapsulated Fastify plugin.
import type { ApiContext } from '../context.js';
import { accountRoutes } from './accounts.js';
import { auditLogRoutes } from './audit-logs.js';
import { clientCertificateRoutes } from './client-certificates.js';
import type { ApiInstance, RoutePlugin } from './common.js';
import { healthRoutes } from './health.js';
import { hostnameAssociationRoutes } from './hostname-associations.js';
import { hostnameRoutes } from './hostnames.js';
import { mtlsCertificateRoutes } from './mtls-certificates.js';
import { pkiDownloadRoutes } from './pki-downloads.js';
import { rulesetRoutes } from './rulesets.js';
import { securityEventRoutes } from './security-events.js';
import { tokenRoutes } from './tokens.js';
import { zoneRoutes } from './zones.js';

const plugins: readonly RoutePlugin[] = [
  healthRoutes,
  accountRoutes,
  zoneRoutes,
  hostnameRoutes,
  clientCertificateRoutes,
  hostnameAssociationRoutes,
  mtlsCertificateRoutes,
  rulesetRoutes,
  tokenRoutes,
  auditLogRoutes,
  securityEventRoutes,
  pkiDownloadRoutes,
];

/** Registers all route plugins on `app` (already prefixed with `/client/v4`). */
export async function registerRoutes(app: ApiInstance, context: ApiContext): Promise<void> {
  for (const plugin of plugins) {
    await app.register(async (scope) => {
      await plugin(scope as ApiInstance, context);
    });
  }
}
