// `portcullis serve`, `portcullis api` and `portcullis edge`: run the gateway, whole or by role.
import type { Command } from 'commander';
import { loadGatewayConfig } from '../config/load-config.js';
import { exitCodes } from '../exit-codes.js';
import type { GatewayRoles, RunningGateway } from '../serve/run-gateway.js';
import { waitForShutdownSignal } from '../serve/wait-for-signal.js';
import { withProgress } from '../ui/progress.js';
import { colorsFor, writeLine } from '../ui/terminal.js';
import { addGatewayOptions } from './gateway-options.js';

const apiKeys = [
  'dataDir',
  'database',
  'databaseSchema',
  'admin.token',
  'admin.listen',
  'admin.addressFile',
  'admin.publicUrl',
  'masterKey.file',
  'masterKey.value',
  'masterKey.previous',
  'log.level',
  'crl.checkIntervalMs',
  'shutdown.drainTimeoutMs',
];
const edgeKeys = [
  'dataDir',
  'database',
  'databaseSchema',
  'edge.listen',
  'edge.defaultHost',
  'edge.addressFile',
  'admin.listen',
  'admin.addressFile',
  'masterKey.file',
  'masterKey.value',
  'masterKey.previous',
  'log.level',
  'snapshot.pollIntervalMs',
  'shutdown.drainTimeoutMs',
];

/** Registers `serve`, `api` and `edge`. */
export function registerServeCommands(program: Command): void {
  addGatewayOptions(
    program
      .command('serve')
      .summary('run the API and the edge together (embedded SQLite by default)')
      .description(
        'Run the API (with /metrics and /healthz) on the admin listener and the mTLS edge on the edge listener,\n' +
          'against the embedded SQLite file in the data directory, or PostgreSQL with --database.\n' +
          'On first start it creates the master key, the account, the edge CA and an admin token\n' +
          '(written to <data>/admin-token and printed once). SIGINT/SIGTERM drain connections and stop.',
      ),
  ).action(async (flags: Record<string, unknown>) => serveAction(flags, { api: true, edge: true }));

  addGatewayOptions(
    program
      .command('api')
      .summary('run only the API (scale-out: one API, many edges on PostgreSQL)')
      .description(
        'Run only the control plane: the API with /metrics and /healthz. Use --database postgres://… so edges on other machines share the state.',
      ),
    apiKeys,
  ).action(async (flags: Record<string, unknown>) => serveAction(flags, { api: true, edge: false }));

  addGatewayOptions(
    program
      .command('edge')
      .summary('run only the edge, following the configuration in PostgreSQL')
      .description(
        'Run only the data plane. It reads hosts, CAs, rules and revocations from --database, reloads on\n' +
          'LISTEN/NOTIFY and a periodic check, keeps serving its last configuration while the database is\n' +
          'unreachable, and serves /metrics and /healthz on the admin listener. It needs the same master key\n' +
          'as the API (--master-key-file or PORTCULLIS_MASTER_KEY).',
      ),
    edgeKeys,
  ).action(async (flags: Record<string, unknown>) => serveAction(flags, { api: false, edge: true }));
}

async function serveAction(flags: Record<string, unknown>, roles: GatewayRoles): Promise<void> {
  const config = loadGatewayConfig({ flags, defaults: { dataDir: 'portcullis-data' } });
  // Loaded on use, so `portcullis --help` and the admin commands start without the server's modules.
  const [{ createLogger }, { runGateway }] = await Promise.all([
    import('../serve/logger.js'),
    import('../serve/run-gateway.js'),
  ]);
  const logger = createLogger(config.log.level);
  const gateway = await withProgress('starting Portcullis', () => runGateway(config, roles, logger));
  printReady(gateway, roles);
  const signal = await waitForShutdownSignal(() => {
    process.stderr.write('portcullis: second signal, exiting now\n');
    process.exit(exitCodes.failure);
  });
  logger.info({ signal }, 'shutting down');
  await gateway.close();
  logger.flush();
  process.exitCode = exitCodes.ok;
}

/** The start banner on stdout: where everything is, and the admin token on the start that created it. */
export function printReady(gateway: RunningGateway, roles: GatewayRoles): void {
  const out = process.stdout;
  const c = colorsFor(out);
  writeLine(out, c.bold(c.green('Portcullis is running')));
  if (roles.api)
    writeLine(
      out,
      `  API      ${gateway.adminUrl}/client/v4  (OpenAPI: ${gateway.adminUrl}/client/v4/openapi.json)`,
    );
  writeLine(out, `  health   ${gateway.adminUrl}/healthz   metrics ${gateway.adminUrl}/metrics`);
  if (gateway.edgeAddress)
    writeLine(
      out,
      `  edge     https://${gateway.edgeAddress.host}:${gateway.edgeAddress.port}  (TLS by SNI)`,
    );
  if (gateway.edgeCaFile) writeLine(out, `  edge CA  ${gateway.edgeCaFile}`);
  if (roles.api) {
    if (gateway.newAdminToken !== undefined) {
      writeLine(out, `  admin token (shown once; also in ${gateway.adminTokenFile}, mode 0600):`);
      writeLine(out, `    ${c.yellow(gateway.newAdminToken)}`);
    } else {
      writeLine(out, `  admin token in ${gateway.adminTokenFile}`);
    }
  }
  writeLine(out, c.dim('  Ctrl-C (SIGINT) or SIGTERM stops it after draining connections.'));
}
