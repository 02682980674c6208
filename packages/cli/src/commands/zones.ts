// `portcullis zones`: list, create, show and delete zones, and download a zone's managed CA.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  adminAction,
  apiClient,
  defaultAccountId,
  printedAsJson,
  resolveZone,
  withApiOptions,
  type AdminFlags,
} from '../admin/api-command.js';
import { printTable } from '../ui/table.js';
import { writeLine } from '../ui/terminal.js';

/** Registers `zones`. */
export function registerZonesCommands(program: Command): void {
  const zones = program
    .command('zones')
    .summary('manage zones (domains)')
    .description('Manage zones: a domain such as example.com, with its managed client CA and custom rules.');

  withApiOptions(zones.command('list').description('list zones')).action(
    adminAction(async (flags: AdminFlags) => {
      const api = apiClient(flags);
      const page = await api.zones.list({ per_page: 1000 });
      if (printedAsJson(flags, page.items)) return;
      printTable(process.stdout, page.items, [
        { heading: 'ID', value: (z) => z.id },
        { heading: 'NAME', value: (z) => z.name },
        { heading: 'STATUS', value: (z) => z.status },
        { heading: 'CREATED', value: (z) => z.created_on },
      ]);
    }),
  );

  withApiOptions(
    zones
      .command('create')
      .description('create a zone (its managed client CA is created with it)')
      .argument('<name>', 'domain, e.g. example.com'),
  ).action(
    adminAction(async (name: string, flags: AdminFlags) => {
      const api = apiClient(flags);
      const zone = await api.zones.create({ name, account: { id: await defaultAccountId(api) } });
      if (printedAsJson(flags, zone)) return;
      writeLine(process.stdout, `created zone ${zone.name} (${zone.id})`);
    }),
  );

  withApiOptions(
    zones.command('get').description('show a zone').argument('<zone>', 'zone name or id'),
  ).action(
    adminAction(async (zoneRef: string, flags: AdminFlags) => {
      const api = apiClient(flags);
      const zone = await resolveZone(api, zoneRef);
      if (printedAsJson(flags, zone)) return;
      writeLine(
        process.stdout,
        `${zone.name}  id ${zone.id}  status ${zone.status}  created ${zone.created_on}`,
      );
    }),
  );

  withApiOptions(
    zones
      .command('delete')
      .description('delete a zone and everything in it (hosts, CA, certificates, rules)')
      .argument('<zone>', 'zone name or id'),
  ).action(
    adminAction(async (zoneRef: string, flags: AdminFlags) => {
      const api = apiClient(flags);
      const zone = await resolveZone(api, zoneRef);
      await api.zones.delete(zone.id);
      if (printedAsJson(flags, { id: zone.id })) return;
      writeLine(process.stdout, `deleted zone ${zone.name} (${zone.id})`);
    }),
  );

  withApiOptions(
    zones
      .command('ca')
      .description("show the zone's managed client CA: its SKI to pin in rules, and its certificate")
      .argument('[zone]', 'zone name or id (default: the only zone)')
      .option('--out <file>', 'write the CA certificate (PEM) to this file'),
  ).action(
    adminAction(async (zoneRef: string | undefined, flags: AdminFlags) => {
      const api = apiClient(flags);
      const zone = await resolveZone(api, zoneRef);
      const ca = await api.zones.managedCa(zone.id);
      if (typeof flags.out === 'string') writeFileSync(flags.out, ca.certificate);
      if (printedAsJson(flags, ca)) return;
      writeLine(process.stdout, `${ca.name} (${ca.id})`);
      writeLine(process.stdout, `  SKI (for cf.tls_client_auth.cert_issuer_ski): ${ca.ski.toUpperCase()}`);
      writeLine(process.stdout, `  expires ${ca.expires_on}; CRL ${ca.urls.crl_pem}`);
      if (typeof flags.out === 'string') writeLine(process.stdout, `  certificate written to ${flags.out}`);
      else process.stdout.write(ca.certificate);
    }),
  );
}
