// `portcullis demo`: everything on the embedded SQLite, with a demo zone, host, rule, origin and client certificate.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { createClient } from '@portcullis/client';
import { dialableHost } from '../config/listen-address.js';
import { loadGatewayConfig } from '../config/load-config.js';
import { startDemoOrigin } from '../demo/demo-origin.js';
import { readRecordedCertificateId, setupDemo } from '../demo/demo-setup.js';
import { renderNextSteps } from '../demo/next-steps.js';
import { CliError } from '../errors.js';
import { exitCodes } from '../exit-codes.js';
import { waitForShutdownSignal } from '../serve/wait-for-signal.js';
import { withProgress } from '../ui/progress.js';
import { colorsFor, writeLine } from '../ui/terminal.js';
import { addGatewayOptions } from './gateway-options.js';

const demoKeys = [
  'dataDir',
  'edge.listen',
  'edge.addressFile',
  'admin.listen',
  'admin.addressFile',
  'log.level',
  'snapshot.pollIntervalMs',
];

/** Registers `demo`. */
export function registerDemoCommand(program: Command): void {
  addGatewayOptions(
    program
      .command('demo')
      .summary('start Portcullis with a working mTLS demo (zone, host, rule, origin, client certificate)')
      .description(
        'Start the API and the edge on the embedded SQLite (data directory ./portcullis-demo unless --data),\n' +
          'with a demo origin, zone example.test, mTLS host api.example.test, the seed rule blocking /admin\n' +
          'without a valid, unrevoked certificate, and one client certificate written under <data>/demo.\n' +
          'Prints curl commands showing 403, 200, revocation and 403 again. Edge 127.0.0.1:8443 and API\n' +
          '127.0.0.1:8080 by default (no root needed); re-running on the same data directory reuses it.',
      ),
    demoKeys,
  ).action(async (flags: Record<string, unknown>) => {
    const config = loadGatewayConfig({
      flags,
      defaults: { dataDir: 'portcullis-demo', 'edge.listen': '127.0.0.1:8443', 'log.level': 'error' },
    });
    // Loaded on use, so `portcullis --help` and the admin commands start without the server's modules.
    const [{ createLogger }, { runGateway }, { demoFiles, writeDemoFiles }] = await Promise.all([
      import('../serve/logger.js'),
      import('../serve/run-gateway.js'),
      import('../demo/demo-files.js'),
    ]);
    const logger = createLogger(config.log.level);
    const origin = await startDemoOrigin();
    let gateway;
    try {
      gateway = await withProgress('starting Portcullis', () =>
        runGateway(config, { api: true, edge: true }, logger),
      );
    } catch (error) {
      await origin.close();
      throw error;
    }
    try {
      const token = gateway.newAdminToken ?? readFileSync(gateway.adminTokenFile, 'utf8').trim();
      const api = createClient({ baseUrl: gateway.adminUrl, token });
      const files = demoFiles(config.dataDir);
      const state = await withProgress('configuring the demo through the API', () =>
        setupDemo(api, {
          originUrl: origin.url,
          existingCertificateId: readRecordedCertificateId(files.record),
        }),
      );
      const edgeCaPem = new TextDecoder().decode(await api.downloadEdgeCa('pem'));
      await writeDemoFiles(files, state, edgeCaPem);
      const edge = gateway.edgeAddress;
      if (edge === undefined) throw new CliError('CLI_STARTUP', 'the edge did not start');
      const out = process.stdout;
      for (const line of renderNextSteps(
        {
          state,
          files,
          adminUrl: gateway.adminUrl,
          edgePort: edge.port,
          edgeIp: dialableHost(edge.host),
          adminTokenFile: gateway.adminTokenFile,
          newAdminToken: gateway.newAdminToken,
          originUrl: origin.url,
          dashboard: gateway.dashboard,
        },
        colorsFor(out),
      )) {
        writeLine(out, line);
      }
    } catch (error) {
      await gateway.close();
      await origin.close();
      throw error;
    }
    const signal = await waitForShutdownSignal(() => process.exit(exitCodes.failure));
    logger.info({ signal }, 'shutting down');
    await gateway.close();
    await origin.close();
    process.exitCode = exitCodes.ok;
  });
}
