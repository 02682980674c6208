// `portcullis cas`: uploaded CAs (Cloudflare's mtls_certificates) and their CRLs.
import type { Command } from 'commander';
import {
  adminAction,
  apiClient,
  defaultAccountId,
  printedAsJson,
  withApiOptions,
  type AdminFlags,
} from '../admin/api-command.js';
import { CliError } from '../errors.js';
import { printTable } from '../ui/table.js';
import { writeLine } from '../ui/terminal.js';
import { readText } from './hosts.js';

/** Registers `cas`. */
export function registerCasCommands(program: Command): void {
  const cas = program
    .command('cas')
    .summary('manage uploaded CAs (bring your own CA) and their CRLs')
    .description(
      'Upload your own client CAs, attach CRLs (a file or a URL refreshed before nextUpdate), and remove them.',
    );

  withApiOptions(cas.command('list').description('list uploaded CAs')).action(
    adminAction(async (flags: AdminFlags) => {
      const api = apiClient(flags);
      const list = await api.mtlsCertificates.list(await defaultAccountId(api));
      if (printedAsJson(flags, list)) return;
      printTable(process.stdout, list, [
        { heading: 'ID', value: (c) => c.id },
        { heading: 'NAME', value: (c) => c.name },
        { heading: 'SKI', value: (c) => c.ski.toUpperCase() },
        { heading: 'EXPIRES', value: (c) => c.expires_on },
        { heading: 'ISSUER', value: (c) => c.issuer },
      ]);
    }),
  );

  withApiOptions(
    cas
      .command('upload')
      .description('upload a CA certificate (PEM; the issuing CA first, then its chain)')
      .argument('<file>', 'PEM file')
      .option('--name <name>', 'a unique name'),
  ).action(
    adminAction(async (file: string, flags: AdminFlags) => {
      const api = apiClient(flags);
      const ca = await api.mtlsCertificates.create(await defaultAccountId(api), {
        ca: true,
        certificates: readText(file, '<file>'),
        ...(typeof flags.name === 'string' ? { name: flags.name } : {}),
      });
      if (printedAsJson(flags, ca)) return;
      writeLine(process.stdout, `uploaded ${ca.id} (${ca.name ?? 'unnamed'}), SKI ${ca.ski.toUpperCase()}`);
      writeLine(process.stdout, `  trust it on a host: portcullis hosts trust <hostname> --ca ${ca.id}`);
    }),
  );

  withApiOptions(
    cas
      .command('get')
      .description('show an uploaded CA and its CRL status')
      .argument('<id>', 'mtls_certificate id'),
  ).action(
    adminAction(async (id: string, flags: AdminFlags) => {
      const api = apiClient(flags);
      const account = await defaultAccountId(api);
      const ca = await api.mtlsCertificates.get(account, id);
      let crl;
      try {
        crl = await api.mtlsCertificates.getCrl(account, id);
      } catch {
        crl = undefined;
      }
      if (printedAsJson(flags, { ...ca, crl: crl ?? null })) return;
      writeLine(
        process.stdout,
        `${ca.id} ${ca.name ?? ''}\n  issuer ${ca.issuer}\n  SKI ${ca.ski.toUpperCase()}  expires ${ca.expires_on}`,
      );
      if (crl === undefined) writeLine(process.stdout, '  CRL: none');
      else {
        writeLine(
          process.stdout,
          `  CRL: ${crl.source}${crl.url ? ` ${crl.url}` : ''}, ${crl.entries} entries, next update ${crl.next_update ?? '-'}`,
        );
        if (crl.last_error) writeLine(process.stdout, `  last CRL error: ${crl.last_error}`);
      }
    }),
  );

  withApiOptions(
    cas
      .command('delete')
      .description('delete an uploaded CA (remove its hostname associations first)')
      .argument('<id>', 'mtls_certificate id'),
  ).action(
    adminAction(async (id: string, flags: AdminFlags) => {
      const api = apiClient(flags);
      await api.mtlsCertificates.delete(await defaultAccountId(api), id);
      if (printedAsJson(flags, { id })) return;
      writeLine(process.stdout, `deleted ${id}`);
    }),
  );

  withApiOptions(
    cas
      .command('crl')
      .description("set an uploaded CA's CRL from a file or a URL")
      .argument('<id>', 'mtls_certificate id')
      .option('--file <file>', 'CRL (PEM) to upload')
      .option('--url <url>', 'CRL distribution URL, fetched now and refreshed before nextUpdate')
      .option('--refresh <seconds>', 'refresh at least this often (with --url)')
      .option('--remove', 'remove the CRL'),
  ).action(
    adminAction(async (id: string, flags: AdminFlags) => {
      const api = apiClient(flags);
      const account = await defaultAccountId(api);
      if (flags.remove === true) {
        await api.mtlsCertificates.deleteCrl(account, id);
        if (!printedAsJson(flags, { id })) writeLine(process.stdout, `removed the CRL of ${id}`);
        return;
      }
      if ((typeof flags.file === 'string') === (typeof flags.url === 'string'))
        throw new CliError('CLI_USAGE', 'give exactly one of --file, --url or --remove');
      const body =
        typeof flags.file === 'string'
          ? { crl: readText(flags.file, '--file') }
          : {
              url: String(flags.url),
              ...(flags.refresh === undefined ? {} : { refresh_seconds: Number(flags.refresh) }),
            };
      const crl = await api.mtlsCertificates.putCrl(account, id, body);
      if (printedAsJson(flags, crl)) return;
      writeLine(
        process.stdout,
        `CRL of ${id}: ${crl.entries} revoked serials, next update ${crl.next_update ?? '-'}`,
      );
    }),
  );
}
