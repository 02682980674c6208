// `portcullis master-key status|rotate|reseal`: which key seals the stored private keys, and moving them to a new one.
import type { Command } from 'commander';
import { loadGatewayConfig } from '../config/load-config.js';
import type { GatewayConfig } from '../config/schema.js';
import { exitCodes } from '../exit-codes.js';
import { loadMasterKeyRing } from '../secrets/master-key.js';
import {
  masterKeyStatus,
  rotateMasterKey,
  type MasterKeyStatus,
  type RotateReport,
} from '../secrets/rotation.js';
import { openConfiguredStore } from '../serve/open-store.js';
import { colorsFor, writeLine } from '../ui/terminal.js';
import { addGatewayOptions } from './gateway-options.js';

/** The gateway settings these commands read: where the data and the keys are. */
const keys = [
  'dataDir',
  'database',
  'databaseSchema',
  'masterKey.file',
  'masterKey.value',
  'masterKey.previous',
];

function config(flags: Record<string, unknown>): Readonly<GatewayConfig> {
  return loadGatewayConfig({ flags, defaults: { dataDir: 'portcullis-data' } });
}

/** Registers `master-key status`, `master-key rotate` and `master-key reseal`. */
export function registerMasterKeyCommands(program: Command): void {
  const family = program
    .command('master-key')
    .summary('show and rotate the master key that seals stored private keys')
    .description(
      'The master key seals (AES-256-GCM) every private key Portcullis stores: managed CA keys, edge certificate ' +
        'keys and the edge CA key. These commands work on the store directly (same --data/--database/--config as ' +
        'serve) and never print key material.',
    );

  addGatewayOptions(
    family
      .command('status')
      .summary('the current key id, envelopes per key id, and whether every one opens')
      .description(
        'Prints the current master key id, the extra keys of the ring (<key file>.previous and .next, ' +
          'PORTCULLIS_MASTER_KEY_PREVIOUS), how many stored envelopes are sealed under each key id, and whether ' +
          'every envelope opens with the ring. Exit code 1 when some do not.',
      )
      .option('--json', 'print the status as JSON'),
    keys,
  ).action(async (flags: Record<string, unknown>) => {
    const c = config(flags);
    const ring = loadMasterKeyRing(c, { create: false });
    const store = await openConfiguredStore(c);
    let status: MasterKeyStatus;
    try {
      status = await masterKeyStatus(store, ring);
    } finally {
      await store.close();
    }
    for (const warning of ring.warnings) process.stderr.write(`portcullis: warning: ${warning}\n`);
    if (flags['json'] === true) writeLine(process.stdout, JSON.stringify(status, null, 2));
    else printStatus(status);
    process.exitCode = status.unopened.length === 0 ? exitCodes.ok : exitCodes.invalid;
  });

  addGatewayOptions(
    family
      .command('rotate')
      .summary('reseal every stored private key under a new master key')
      .description(
        'Writes the new key (random, or --new-key-file) to <key file>.next (0600), opens every stored envelope with the ' +
          'key ring and reseals it under the new key in one transaction, then renames <key file> to <key file>.previous ' +
          'and <key file>.next to <key file>. If anything fails, nothing is changed and a .next file this run wrote is ' +
          'removed; a re-run finishes an interrupted rotation (an existing .next file is used). With the key in ' +
          'PORTCULLIS_MASTER_KEY, --new-key-file is required and no key file is written. Restart serve (every node) after.',
      )
      .option(
        '--new-key-file <file>',
        'the new key (base64 of 32 bytes), e.g. from `openssl rand -base64 32`',
      ),
    keys,
  ).action(async (flags: Record<string, unknown>) => {
    const c = config(flags);
    const report = await rotateMasterKey(c, {
      ...(typeof flags['newKeyFile'] === 'string' ? { newKeyFile: flags['newKeyFile'] } : {}),
      openStore: () => openConfiguredStore(c),
    });
    printRotation(report);
  });

  addGatewayOptions(
    family
      .command('reseal')
      .summary('reseal under the current key what is still sealed under another key of the ring')
      .description(
        'After a rotation on a cluster, nodes not yet restarted may have sealed new keys under the old master key. ' +
          'This opens those with the ring and reseals them under the current key (one transaction); nothing else changes.',
      ),
    keys,
  ).action(async (flags: Record<string, unknown>) => {
    const c = config(flags);
    const report = await rotateMasterKey(c, { resealOnly: true, openStore: () => openConfiguredStore(c) });
    writeLine(
      process.stdout,
      `resealed ${report.resealed} of ${report.total} stored keys under master key ${report.newKeyId}`,
    );
  });
}

function printStatus(status: MasterKeyStatus): void {
  const out = process.stdout;
  const c = colorsFor(out);
  writeLine(out, `current master key  ${c.bold(status.currentKeyId)}`);
  for (const key of status.keys.slice(1))
    writeLine(out, `${`${key.role} key`.padEnd(20)}${key.id}  (${key.source}; opens only)`);
  writeLine(out, `stored envelopes    ${status.total}`);
  const ids = Object.keys(status.envelopes).sort((a, b) =>
    a === status.currentKeyId ? -1 : b === status.currentKeyId ? 1 : a.localeCompare(b),
  );
  for (const id of ids) {
    const note =
      id === status.currentKeyId
        ? 'current'
        : id === 'none'
          ? 'not an envelope'
          : status.keys.some((key) => key.id === id)
            ? 'in the ring'
            : 'no key of the ring';
    writeLine(out, `  ${id.padEnd(18)}${String(status.envelopes[id]).padStart(6)}  (${note})`);
  }
  if (status.unopened.length === 0) {
    writeLine(out, c.green(`every envelope opens with the key ring`));
    return;
  }
  writeLine(out, c.red(`${status.unopened.length} envelope(s) do not open with the key ring:`));
  for (const secret of status.unopened) writeLine(out, `  ${secret.kind} ${secret.id}: ${secret.reason}`);
}

function printRotation(report: RotateReport): void {
  const out = process.stdout;
  const c = colorsFor(out);
  writeLine(
    out,
    c.green(
      `resealed ${report.resealed} of ${report.total} stored keys under the new master key ${report.newKeyId} (was ${report.oldKeyId})`,
    ),
  );
  if (report.resumed) writeLine(out, 'used the new key already prepared in the .next key file');
  writeLine(out, 'next:');
  if (report.mode === 'config') {
    writeLine(
      out,
      '  1. on every node set PORTCULLIS_MASTER_KEY to the new key (the content of --new-key-file) and',
    );
    writeLine(out, '     PORTCULLIS_MASTER_KEY_PREVIOUS to the old one, then restart serve / api / edge;');
    writeLine(out, '  2. run `portcullis master-key reseal` once every node runs with the new key;');
    writeLine(
      out,
      `  3. when \`portcullis master-key status\` shows nothing under ${report.oldKeyId}, remove PORTCULLIS_MASTER_KEY_PREVIOUS.`,
    );
    return;
  }
  writeLine(
    out,
    `  1. restart \`portcullis serve\` (it now seals with ${report.keyFile} and still opens with ${report.previousFile});`,
  );
  writeLine(out, '  2. on a PostgreSQL cluster: put the new key on every node (as its master.key.next), run');
  writeLine(
    out,
    '     `portcullis master-key rotate` there too (it swaps the files, resealing nothing new) and restart it;',
  );
  writeLine(
    out,
    '     then run `portcullis master-key reseal` once for anything a node sealed before its restart;',
  );
  writeLine(
    out,
    `  3. when \`portcullis master-key status\` shows nothing sealed under ${report.oldKeyId}, move ${report.previousFile}`,
  );
  writeLine(
    out,
    '     to where you keep old keys with the backups made before today (restoring one needs it), off this machine.',
  );
}
