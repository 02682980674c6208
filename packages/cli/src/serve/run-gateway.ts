// The composition root: store + bootstrap + API + edge + snapshot source + CRL refresher + admin listener.
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { bootstrap, buildApp, renewEdgeCertificates, settleRevocations } from '@portcullis/api';
import { createEdge, type Edge } from '@portcullis/edge';
import { openSecret } from '@portcullis/pki';
import type { Store } from '@portcullis/store';
import {
  dialableHost,
  formatHostPort,
  parseListenAddress,
  type ListenAddress,
} from '../config/listen-address.js';
import type { GatewayConfig } from '../config/schema.js';
import { CliError } from '../errors.js';
import { createSecretFile } from '../secrets/secret-file.js';
import { dataDirLayout, ensureDataDir } from '../secrets/data-dir.js';
import { loadMasterKeyRing } from '../secrets/master-key.js';
import { startAdminServer, type AdminServer, type HealthReport } from './admin-server.js';
import { CrlRefresher } from './crl-refresher.js';
import { buildEdgeConfig } from './edge-config-from-store.js';
import type { EdgeConfig } from './edge-types.js';
import { IncrementalEdgeInputs } from './incremental-edge-inputs.js';
import { describeStore, openConfiguredStore } from './open-store.js';
import { RebuildingSnapshotSource } from './rebuilding-snapshot-source.js';
import { SecurityEventSink } from './security-event-sink.js';
import { withTimeout } from './with-timeout.js';

/** Which parts this process runs: `serve` runs both, `api` and `edge` one each (scale-out). */
export interface GatewayRoles {
  readonly api: boolean;
  readonly edge: boolean;
}

/** A running gateway. */
export interface RunningGateway {
  /** Base URL of the admin listener (API, /metrics, /healthz), dialable from this machine. */
  readonly adminUrl: string;
  /** Bound edge address, when this process runs the edge. */
  readonly edgeAddress: ListenAddress | undefined;
  /** The admin token, only on the start that created it (shown once). */
  readonly newAdminToken: string | undefined;
  /** File holding the admin token. */
  readonly adminTokenFile: string;
  /** True when the API serves the built dashboard at `/`. */
  readonly dashboard: boolean;
  /** The edge CA certificate clients pin (written under the data dir), when known. */
  readonly edgeCaFile: string | undefined;
  readonly store: Store;
  readonly logger: Logger;
  /** Drains and stops everything, at most `drainTimeoutMs`. Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts the configured roles. On any failure during start, what was started is stopped again and
 * the error is rethrown (CLI_… codes for the CLI to report).
 */
export async function runGateway(
  config: Readonly<GatewayConfig>,
  roles: GatewayRoles,
  logger: Logger,
): Promise<RunningGateway> {
  const layout = ensureDataDir(config.dataDir);
  // The current key seals; the ring (with master.key.previous/.next during a rotation) opens.
  const ring = loadMasterKeyRing(config, { create: roles.api });
  const master = ring.current;
  for (const warning of ring.warnings) logger.warn(warning);
  logger.info(
    { source: master.source, file: master.file, extraKeys: ring.previousKeys.length },
    'master key loaded',
  );
  const previousMasterKeys = ring.previousKeys;

  // Stopped in this order: edge (drains client connections), admin listener, API, event sink,
  // snapshot source, CRL refresher, store. Each slot is filled as its part starts.
  const stops: Partial<
    Record<'edge' | 'admin' | 'api' | 'sink' | 'source' | 'crl' | 'store', () => Promise<void>>
  > = {};
  let state: HealthReport['status'] = 'starting';
  const closeAll = async () => {
    for (const part of ['edge', 'admin', 'api', 'sink', 'source', 'crl', 'store'] as const) {
      const stop = stops[part];
      delete stops[part];
      if (stop === undefined) continue;
      try {
        const started = Date.now();
        await stop();
        logger.debug({ part, ms: Date.now() - started }, 'stopped');
      } catch (error) {
        logger.warn({ err: error, part }, 'error while stopping');
      }
    }
  };

  try {
    logger.info({ store: describeStore(config) }, 'opening the store');
    const store = await openConfiguredStore(config);
    stops.store = () => store.close();

    let newAdminToken: string | undefined;
    let edgeCaFile: string | undefined;
    let dashboard = false;
    let apiHandler: Parameters<typeof startAdminServer>[0]['api'];
    const publicUrl = config.admin.publicUrl;

    if (roles.api) {
      const result = await bootstrap(store, {
        masterKey: master.key,
        previousMasterKeys,
        adminToken: config.admin.token,
      });
      if (result.adminToken !== undefined) {
        if (createSecretFile(layout.adminToken, `${result.adminToken}\n`)) newAdminToken = result.adminToken;
        else
          logger.warn(
            { file: layout.adminToken },
            'an admin token file already exists; the new token is not written over it',
          );
      }
      if (result.edgeCaPem !== undefined) {
        writeFileSync(layout.edgeCa, result.edgeCaPem, { mode: 0o644 });
        edgeCaFile = layout.edgeCa;
      }
      const dashboardDir = findDashboard();
      dashboard = dashboardDir !== undefined;
      const app = await buildApp({
        store,
        ...(dashboardDir === undefined ? {} : { dashboardDir }),
        masterKey: master.key,
        previousMasterKeys,
        logger: logger.child({ component: 'api' }),
        ...(publicUrl === undefined ? {} : { publicBaseUrl: publicUrl }),
      });
      await app.ready();
      apiHandler = (request, response) => app.routing(request, response);
      stops.api = () => app.close();
      const refresher = new CrlRefresher(store, {
        checkIntervalMs: config.crl.checkIntervalMs,
        logger: logger.child({ component: 'crl' }),
      });
      refresher.start();
      // Revocations are enforced at once; this only moves pending_* statuses on, as Cloudflare reports them.
      const settle = setInterval(() => {
        settleRevocations(store).catch((error: unknown) =>
          logger.warn({ err: error }, 'cannot settle pending revocations'),
        );
      }, 10_000);
      settle.unref();
      // Edge certificates Portcullis issued are renewed 30 days before they expire: now, then twice a day.
      const renew = () =>
        renewEdgeCertificates(store, { masterKey: master.key, previousMasterKeys }).then(
          (report) => logger.info({ report }, 'edge certificate renewal checked'),
          (error: unknown) =>
            logger.warn({ err: error }, 'edge certificate renewal failed; retried in 12 hours'),
        );
      let renewing = renew();
      const renewal = setInterval(() => {
        renewing = renew();
      }, 12 * 3_600_000);
      renewal.unref();
      stops.crl = async () => {
        clearInterval(settle);
        clearInterval(renewal);
        await Promise.all([refresher.close(), renewing]);
      };
    }

    let edge: Edge | undefined;
    let source: RebuildingSnapshotSource<EdgeConfig> | undefined;
    let sink: SecurityEventSink | undefined;
    if (roles.edge) {
      const edgeLogger = logger.child({ component: 'edge' });
      // Opened keys are remembered by their sealed text, so a reload decrypts only new or changed keys.
      let opened = new Map<string, string>();
      let next = new Map<string, string>();
      const openKey = (sealed: string) => {
        const pem = opened.get(sealed) ?? openSecret(ring.keys, sealed);
        next.set(sealed, pem);
        return pem;
      };
      const reported = new Set<string>();
      // Reads in full once, then only what the change feed says changed (a revocation: one row).
      const reader = new IncrementalEdgeInputs(store, { logger: edgeLogger });
      source = new RebuildingSnapshotSource<EdgeConfig>(
        {
          build: async () => {
            const inputs = await reader.read();
            next = new Map();
            const built = buildEdgeConfig(inputs, {
              openKey,
              defaultHost: config.edge.defaultHost,
              warn: (warning) => {
                // Once per distinct problem, not on every rebuild.
                const key = `${warning.hostname}\u0000${warning.message}`;
                if (!reported.has(key)) edgeLogger.warn(warning, 'edge configuration');
                reported.add(key);
              },
            });
            opened = next;
            return built;
          },
          version: () => store.changes.version(),
          subscribe: (listener) => store.changes.subscribe(() => listener()),
          versionOf: (edgeConfig) => edgeConfig.version,
        },
        { pollIntervalMs: config.snapshot.pollIntervalMs, logger: edgeLogger },
      );
      await source.start();
      const startedSource = source;
      stops.source = () => startedSource.close();
      sink = new SecurityEventSink(store.securityEvents, { logger: edgeLogger });
      const startedSink = sink;
      stops.sink = () => startedSink.close();
      const listen = parseListen(config.edge.listen);
      const eventSink = sink;
      edge = createEdge({
        listen,
        source,
        logger,
        // The event's id is the edge's; the store assigns its own, so the event is queued as it is (no copy).
        onSecurityEvent: (event) => eventSink.push(event),
      });
      try {
        await edge.start();
      } catch (error) {
        throw new CliError(
          'CLI_LISTEN',
          `cannot start the edge on ${config.edge.listen}: ${(error as Error).message}`,
          { cause: error },
        );
      }
      const started = edge;
      stops.edge = () => started.close();
    }

    const admin: AdminServer = await startAdminServer({
      listen: parseListen(config.admin.listen),
      ...(apiHandler ? { api: apiHandler } : {}),
      metrics: async () => {
        if (edge === undefined) return { contentType: 'text/plain; version=0.0.4; charset=utf-8', body: '' };
        return { contentType: edge.metricsContentType, body: await edge.metrics() };
      },
      health: async () => {
        let database: 'ok' | 'unreachable' = 'ok';
        try {
          await withTimeout(store.ping(), 2_000, 'database ping');
        } catch {
          database = 'unreachable';
        }
        const snapshot = source?.status();
        const edgeHealth = edge?.health();
        const healthy =
          database === 'ok' &&
          (snapshot?.lastError ?? null) === null &&
          (edgeHealth === undefined || edgeHealth.status === 'ok');
        const status: HealthReport['status'] = state !== 'ok' ? state : healthy ? 'ok' : 'degraded';
        return {
          status,
          roles: { api: roles.api, edge: roles.edge },
          database,
          ...(snapshot ? { snapshot } : {}),
          ...(edgeHealth ? { edge: edgeHealth } : {}),
          ...(sink ? { security_events: sink.stats() } : {}),
        };
      },
    });
    stops.admin = () => admin.close();

    const adminUrl = `http://${formatHostPort({ host: dialableHost(admin.address.host), port: admin.address.port })}`;
    const boundEdge = edge?.address();
    const edgeAddress: ListenAddress | undefined =
      boundEdge === undefined ? undefined : { host: boundEdge.address, port: boundEdge.port };
    if (config.admin.addressFile !== undefined)
      writeFileSync(config.admin.addressFile, `${formatHostPort(admin.address)}\n`);
    if (config.edge.addressFile !== undefined && edgeAddress !== undefined) {
      writeFileSync(config.edge.addressFile, `${formatHostPort(edgeAddress)}\n`);
    }
    state = 'ok';
    logger.info({ admin: adminUrl, edge: edgeAddress, roles }, 'portcullis is ready');

    let closing: Promise<void> | undefined;
    return {
      adminUrl,
      edgeAddress,
      newAdminToken,
      adminTokenFile: layout.adminToken,
      dashboard,
      edgeCaFile: edgeCaFile ?? (roles.api ? undefined : dataDirLayout(config.dataDir).edgeCa),
      store,
      logger,
      close: () => {
        closing ??= (async () => {
          state = 'draining';
          logger.info('draining connections');
          const deadline = new Promise<void>((resolve) => {
            const timer = setTimeout(() => {
              logger.warn(
                { drainTimeoutMs: config.shutdown.drainTimeoutMs },
                'drain timeout reached; closing what is left',
              );
              resolve();
            }, config.shutdown.drainTimeoutMs);
            timer.unref();
          });
          await Promise.race([closeAll(), deadline]);
        })();
        return closing;
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

function parseListen(text: string): ListenAddress {
  const parsed = parseListenAddress(text);
  if ('error' in parsed) throw new CliError('CLI_CONFIG_INVALID', `listen address ${text}: ${parsed.error}`);
  return parsed;
}

/** The built dashboard beside this package (packages/dashboard/dist), if it was built. */
function findDashboard(): string | undefined {
  const dir = fileURLToPath(new URL('../../../dashboard/dist/', import.meta.url));
  return existsSync(`${dir}index.html`) ? dir : undefined;
}
