// `portcullis certs`: client certificates of a zone's managed CA: issue (key made locally), list, show, revoke, reactivate.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import type { ClientCertificate, ClientCertificateStatus } from '@portcullis/model';
import type { KeyType } from '@portcullis/pki';
import {
  adminAction,
  apiClient,
  printedAsJson,
  resolveZone,
  withApiOptions,
  type AdminFlags,
} from '../admin/api-command.js';
import { CliError } from '../errors.js';
import { withProgress } from '../ui/progress.js';
import { printTable } from '../ui/table.js';
import { writeLine } from '../ui/terminal.js';

const statuses = ['all', 'active', 'pending_revocation', 'revoked', 'pending_reactivation'];

/** Registers `certs`. */
export function registerCertsCommands(program: Command): void {
  const certs = program
    .command('certs')
    .summary("manage client certificates of a zone's managed CA")
    .description("Issue, list, revoke and reactivate client certificates signed by a zone's managed CA.");

  withApiOptions(
    certs
      .command('list')
      .description('list client certificates')
      .option('--zone <zone>', 'zone name or id (default: the only zone)')
      .addOption(new Option('--status <status>', 'filter by status').choices(statuses).default('all'))
      .option(
        '--expiring-within <days>',
        'only certificates that expire within this many days (expired ones included), soonest first',
      ),
  ).action(
    adminAction(async (flags: AdminFlags) => {
      let within: number | undefined;
      if (flags.expiringWithin !== undefined) {
        const text = String(flags.expiringWithin);
        within = Number(text);
        if (!/^\d+$/.test(text) || within < 1 || within > 36_500)
          throw new CliError(
            'CLI_USAGE',
            `--expiring-within must be a whole number of days from 1 to 36500 (got ${JSON.stringify(text)})`,
          );
      }
      const api = apiClient(flags);
      const zone = await resolveZone(api, flags.zone as string | undefined);
      const page = await api.clientCertificates.list(zone.id, {
        per_page: 1000,
        status: flags.status as ClientCertificateStatus | 'all',
        ...(within === undefined ? {} : { expiring_within_days: within, order: 'expires_on' as const }),
      });
      if (printedAsJson(flags, page.items)) return;
      printTable(process.stdout, page.items, [
        { heading: 'ID', value: (c) => c.id },
        { heading: 'COMMON NAME', value: (c) => c.common_name },
        { heading: 'STATUS', value: (c) => c.status },
        { heading: 'SERIAL (HEX)', value: (c) => serialHex(c.serial_number) },
        { heading: 'EXPIRES', value: (c) => c.expires_on },
      ]);
    }),
  );

  withApiOptions(
    certs
      .command('issue')
      .description(
        'issue a client certificate: from your CSR, or with a key generated here (it never leaves this machine)',
      )
      .option('--zone <zone>', 'zone name or id (default: the only zone)')
      .option('--csr <file>', 'PEM CSR to sign (e.g. from openssl req -new)')
      .option('--cn <name>', "common name of a generated key's certificate", 'portcullis-client')
      .option('--org <name>', "organization of a generated key's certificate")
      .addOption(
        new Option('--key-type <type>', 'generated key type')
          .choices(['ecdsa-p256', 'ecdsa-p384', 'rsa-2048', 'rsa-3072', 'rsa-4096'])
          .default('ecdsa-p256'),
      )
      .option('--days <n>', 'validity in days', '365')
      .option('--out <dir>', 'write client.pem (and client.key, client.p12 for a generated key) here', '.')
      .option(
        '--p12-password <password>',
        'also write client.p12 protected by this password (generated key only)',
      ),
  ).action(
    adminAction(async (flags: AdminFlags) => {
      const days = Number(flags.days);
      if (!Number.isInteger(days) || days < 1 || days > 36_500)
        throw new CliError(
          'CLI_USAGE',
          `--days must be a whole number from 1 to 36500 (got ${String(flags.days)})`,
        );
      const api = apiClient(flags);
      const zone = await resolveZone(api, flags.zone as string | undefined);
      let csr: string;
      let privateKeyPem: string | undefined;
      if (typeof flags.csr === 'string') {
        try {
          csr = readFileSync(flags.csr, 'utf8');
        } catch (error) {
          throw new CliError('CLI_FILE', `--csr ${flags.csr}: ${(error as Error).message}`);
        }
      } else {
        const { generateKeyAndCsr } = await import('@portcullis/pki');
        const generated = await withProgress('generating a key', () =>
          generateKeyAndCsr({
            subject: {
              common_name: String(flags.cn),
              ...(typeof flags.org === 'string' ? { organization: flags.org } : {}),
            },
            keyType: flags.keyType as KeyType,
          }),
        );
        csr = generated.csrPem;
        privateKeyPem = generated.privateKeyPem;
      }
      const issued = await api.clientCertificates.create(zone.id, { csr, validity_days: days });
      const dir = String(flags.out);
      mkdirSync(dir, { recursive: true });
      const written = [join(dir, 'client.pem')];
      writeFileSync(written[0]!, issued.certificate);
      if (privateKeyPem !== undefined) {
        const keyFile = join(dir, 'client.key');
        writeFileSync(keyFile, privateKeyPem, { mode: 0o600 });
        chmodSync(keyFile, 0o600);
        written.push(keyFile);
        if (typeof flags.p12Password === 'string') {
          const { toPkcs12 } = await import('@portcullis/pki');
          const ca = await api.zones.managedCa(zone.id);
          const p12 = await toPkcs12({
            certificatePem: issued.certificate,
            privateKeyPem,
            chainPems: [ca.certificate],
            password: flags.p12Password,
          });
          const p12File = join(dir, 'client.p12');
          writeFileSync(p12File, p12, { mode: 0o600 });
          written.push(p12File);
        }
      }
      if (printedAsJson(flags, issued)) return;
      writeLine(
        process.stdout,
        `issued ${issued.id}: CN=${issued.common_name}, serial ${serialHex(issued.serial_number)}, expires ${issued.expires_on}`,
      );
      writeLine(process.stdout, `  wrote ${written.join(', ')}`);
    }),
  );

  withApiOptions(
    certs
      .command('get')
      .description('show a client certificate')
      .argument('<id>', 'certificate id')
      .option('--zone <zone>', 'zone name or id'),
  ).action(
    adminAction(async (id: string, flags: AdminFlags) => {
      const api = apiClient(flags);
      const zone = await resolveZone(api, flags.zone as string | undefined);
      const cert = await api.clientCertificates.get(zone.id, id);
      if (printedAsJson(flags, cert)) return;
      describeCertificate(cert);
    }),
  );

  for (const [name, description] of [
    [
      'revoke',
      'revoke a client certificate (the edge refuses it on the next request, even on an open connection)',
    ],
    ['reactivate', 'reactivate a revoked client certificate'],
  ] as const) {
    withApiOptions(
      certs
        .command(name)
        .description(description)
        .argument('<id>', 'certificate id')
        .option('--zone <zone>', 'zone name or id'),
    ).action(
      adminAction(async (id: string, flags: AdminFlags) => {
        const api = apiClient(flags);
        const zone = await resolveZone(api, flags.zone as string | undefined);
        const cert =
          name === 'revoke'
            ? await api.clientCertificates.revoke(zone.id, id)
            : await api.clientCertificates.reactivate(zone.id, id);
        if (printedAsJson(flags, cert)) return;
        writeLine(process.stdout, `${cert.id} is now ${cert.status}`);
      }),
    );
  }
}

function describeCertificate(cert: ClientCertificate): void {
  const lines = [
    `${cert.id}  ${cert.status}`,
    `  subject CN=${cert.common_name}${cert.organization ? `, O=${cert.organization}` : ''}`,
    `  serial ${cert.serial_number} (hex ${serialHex(cert.serial_number)}, as cf.tls_client_auth.cert_serial)`,
    `  SKI ${cert.ski.toUpperCase()}  SHA-256 ${cert.fingerprint_sha256}`,
    `  issued ${cert.issued_on}, expires ${cert.expires_on}${cert.revoked_at ? `, revoked ${cert.revoked_at}` : ''}`,
    `  issuer ${cert.certificate_authority.name}`,
  ];
  for (const line of lines) writeLine(process.stdout, line);
}

/** Decimal serial (API spelling) → upper-case hex (rules spelling). */
export function serialHex(decimal: string): string {
  try {
    return BigInt(decimal).toString(16).toUpperCase();
  } catch {
    return decimal;
  }
}
