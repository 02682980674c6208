// `portcullis hosts`: hostnames served by the edge (origin, mTLS mode, forwarding) and the CAs they trust.
import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import type { PortcullisClient, HostnameInput } from '@portcullis/client';
import type { Hostname } from '@portcullis/model';
import {
  adminAction,
  apiClient,
  printedAsJson,
  resolveZone,
  withApiOptions,
  type AdminFlags,
} from '../admin/api-command.js';
import { CliError } from '../errors.js';
import { printTable } from '../ui/table.js';
import { writeLine } from '../ui/terminal.js';

const mtlsOption = () =>
  new Option('--mtls <mode>', 'client certificates: off, optional (rules decide) or required').choices([
    'off',
    'optional',
    'required',
  ]);

/** Registers `hosts`. */
export function registerHostsCommands(program: Command): void {
  const hosts = program
    .command('hosts')
    .summary('manage hostnames: origin, mTLS mode, trusted CAs')
    .description('Manage the hostnames the edge serves, their origins, mTLS modes and trusted CAs.');

  withApiOptions(
    hosts
      .command('list')
      .description('list the hostnames of a zone')
      .option('--zone <zone>', 'zone name or id (default: the only zone)'),
  ).action(
    adminAction(async (flags: AdminFlags) => {
      const api = apiClient(flags);
      const zone = await resolveZone(api, flags.zone as string | undefined);
      const page = await api.hostnames.list(zone.id, { per_page: 1000 });
      if (printedAsJson(flags, page.items)) return;
      printTable(process.stdout, page.items, [
        { heading: 'ID', value: (h) => h.id },
        { heading: 'HOSTNAME', value: (h) => h.hostname },
        { heading: 'MTLS', value: (h) => h.mtls_mode },
        { heading: 'FORWARD', value: (h) => (h.forward_client_certificate ? 'yes' : 'no') },
        { heading: 'ORIGIN', value: (h) => h.origin },
      ]);
    }),
  );

  withApiOptions(
    hosts
      .command('create')
      .description('add a hostname in front of an origin')
      .argument('<hostname>', 'e.g. api.example.com')
      .requiredOption('--origin <url>', 'origin base URL, http:// or https://')
      .option('--zone <zone>', 'zone name or id (default: the only zone)')
      .addOption(mtlsOption().default('optional'))
      .option('--forward-cert', 'forward cf-cert-* and RFC 9440 Client-Cert headers to the origin')
      .option('--no-origin-tls-verify', "don't verify the origin's TLS certificate (not for production)")
      .option('--origin-ca <file>', "PEM bundle to verify the origin's certificate with")
      .option('--cert <file>', 'edge certificate PEM (default: issued from the edge CA)')
      .option('--key <file>', 'edge private key PEM, with --cert')
      .option('--no-trust-managed-ca', "don't associate the zone's managed CA with the hostname"),
  ).action(
    adminAction(async (hostname: string, flags: AdminFlags) => {
      const api = apiClient(flags);
      const zone = await resolveZone(api, flags.zone as string | undefined);
      const body: HostnameInput = { hostname, origin: String(flags.origin), ...hostFields(flags) };
      const host = await api.hostnames.create(zone.id, body);
      if (flags.trustManagedCa !== false && host.mtls_mode !== 'off')
        await api.hostnameAssociations.add(zone.id, host.hostname);
      if (printedAsJson(flags, host)) return;
      writeLine(
        process.stdout,
        `created ${host.hostname} (${host.id}) → ${host.origin}, mTLS ${host.mtls_mode}`,
      );
    }),
  );

  withApiOptions(
    hosts
      .command('update')
      .description('change a hostname')
      .argument('<hostname>', 'hostname or id')
      .option('--zone <zone>', 'zone name or id (default: the only zone)')
      .option('--origin <url>', 'origin base URL')
      .addOption(mtlsOption())
      .option('--forward-cert', 'forward certificate headers to the origin')
      .option('--no-forward-cert', 'stop forwarding certificate headers')
      .option('--origin-tls-verify', "verify the origin's certificate")
      .option('--no-origin-tls-verify', "don't verify the origin's certificate")
      .option('--origin-ca <file>', "PEM bundle to verify the origin's certificate with")
      .option('--cert <file>', 'new edge certificate PEM')
      .option('--key <file>', 'new edge private key PEM'),
  ).action(
    adminAction(async (ref: string, flags: AdminFlags) => {
      const api = apiClient(flags);
      const zone = await resolveZone(api, flags.zone as string | undefined);
      const host = await findHost(api, zone.id, ref);
      const patch: Partial<HostnameInput> = { ...hostFields(flags) };
      if (typeof flags.origin === 'string') patch.origin = flags.origin;
      const updated = await api.hostnames.update(zone.id, host.id, patch);
      if (printedAsJson(flags, updated)) return;
      writeLine(
        process.stdout,
        `updated ${updated.hostname}: origin ${updated.origin}, mTLS ${updated.mtls_mode}, forward ${updated.forward_client_certificate ? 'on' : 'off'}`,
      );
    }),
  );

  withApiOptions(
    hosts
      .command('get')
      .description('show a hostname and the CAs it trusts')
      .argument('<hostname>', 'hostname or id')
      .option('--zone <zone>', 'zone name or id'),
  ).action(
    adminAction(async (ref: string, flags: AdminFlags) => {
      const api = apiClient(flags);
      const zone = await resolveZone(api, flags.zone as string | undefined);
      const host = await findHost(api, zone.id, ref);
      if (printedAsJson(flags, host)) return;
      const managed = await api.hostnameAssociations.get(zone.id);
      writeLine(process.stdout, `${host.hostname} (${host.id}) in ${zone.name}`);
      writeLine(
        process.stdout,
        `  origin ${host.origin} (TLS verify ${host.origin_tls_verify ? 'on' : 'off'})`,
      );
      writeLine(
        process.stdout,
        `  mTLS ${host.mtls_mode}; managed CA trusted: ${managed.hostnames.includes(host.hostname) ? 'yes' : 'no'}`,
      );
      writeLine(
        process.stdout,
        `  forward client certificate: ${host.forward_client_certificate ? 'yes' : 'no'}`,
      );
      writeLine(
        process.stdout,
        `  edge certificate (${host.edge_certificate.source}) issued by ${host.edge_certificate.issuer}, expires ${host.edge_certificate.expires_on}`,
      );
    }),
  );

  withApiOptions(
    hosts
      .command('delete')
      .description('remove a hostname')
      .argument('<hostname>', 'hostname or id')
      .option('--zone <zone>', 'zone name or id'),
  ).action(
    adminAction(async (ref: string, flags: AdminFlags) => {
      const api = apiClient(flags);
      const zone = await resolveZone(api, flags.zone as string | undefined);
      const host = await findHost(api, zone.id, ref);
      await api.hostnames.delete(zone.id, host.id);
      if (printedAsJson(flags, { id: host.id })) return;
      writeLine(process.stdout, `deleted ${host.hostname}`);
    }),
  );

  for (const [name, add] of [
    ['trust', true],
    ['untrust', false],
  ] as const) {
    withApiOptions(
      hosts
        .command(name)
        .description(
          add
            ? 'trust a CA for client certificates on a hostname (the managed CA by default)'
            : 'stop trusting a CA on a hostname',
        )
        .argument('<hostname>', 'hostname')
        .option('--zone <zone>', 'zone name or id')
        .option('--ca <id>', "uploaded CA (mtls_certificate) id; omitted: the zone's managed CA"),
    ).action(
      adminAction(async (hostname: string, flags: AdminFlags) => {
        const api = apiClient(flags);
        const zone = await resolveZone(api, flags.zone as string | undefined);
        const ca = typeof flags.ca === 'string' ? flags.ca : undefined;
        const result = add
          ? await api.hostnameAssociations.add(zone.id, hostname.toLowerCase(), ca)
          : await api.hostnameAssociations.remove(zone.id, hostname.toLowerCase(), ca);
        if (printedAsJson(flags, result)) return;
        writeLine(
          process.stdout,
          `${ca ?? 'managed CA'} now trusted on: ${result.hostnames.join(', ') || '(no hostname)'}`,
        );
      }),
    );
  }
}

function hostFields(flags: AdminFlags): Partial<HostnameInput> {
  const fields: Partial<HostnameInput> = {};
  if (typeof flags.mtls === 'string') fields.mtls_mode = flags.mtls as HostnameInput['mtls_mode'] & string;
  if (typeof flags.forwardCert === 'boolean') fields.forward_client_certificate = flags.forwardCert;
  if (typeof flags.originTlsVerify === 'boolean') fields.origin_tls_verify = flags.originTlsVerify;
  if (typeof flags.originCa === 'string') fields.origin_ca = readText(flags.originCa, '--origin-ca');
  if (typeof flags.cert === 'string' || typeof flags.key === 'string') {
    if (typeof flags.cert !== 'string' || typeof flags.key !== 'string')
      throw new CliError('CLI_USAGE', '--cert and --key go together');
    fields.edge_certificate = {
      certificate: readText(flags.cert, '--cert'),
      private_key: readText(flags.key, '--key'),
    };
  }
  return fields;
}

async function findHost(api: PortcullisClient, zoneId: string, ref: string): Promise<Hostname> {
  const page = await api.hostnames.list(zoneId, { per_page: 1000 });
  const host = page.items.find(
    (candidate) => candidate.id === ref || candidate.hostname === ref.toLowerCase(),
  );
  if (host === undefined) throw new CliError('CLI_NOT_FOUND', `no hostname ${ref} in this zone`);
  return host;
}

/** Reads a file named by a flag; CLI_FILE naming the flag when it cannot. */
export function readText(path: string, flag: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError('CLI_FILE', `${flag} ${path}: ${(error as Error).message}`);
  }
}
