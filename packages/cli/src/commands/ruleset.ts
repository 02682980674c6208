// `portcullis ruleset`: a zone's custom rules (Cloudflare's http_request_firewall_custom entrypoint): list, add, remove, enable.
import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import type { PortcullisClient, RuleInput } from '@portcullis/client';
import { isPortcullisClientError } from '@portcullis/client';
import type { Rule, RulePosition, Ruleset } from '@portcullis/model';
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

/** Registers `ruleset` (the admin side of rules; `portcullis rules check/eval` test expressions offline). */
export function registerRulesetCommands(program: Command): void {
  const ruleset = program
    .command('ruleset')
    .summary("manage a zone's deployed custom rules (list, add, remove, enable, disable)")
    .description(
      "Manage the custom rules deployed on a zone, in evaluation order. Expressions are Cloudflare's Rules language;\nthe API checks them and answers with every problem and its position.",
    );

  withApiOptions(
    ruleset
      .command('list')
      .description('list the rules in evaluation order')
      .option('--zone <zone>', 'zone name or id (default: the only zone)'),
  ).action(
    adminAction(async (flags: AdminFlags) => {
      const api = apiClient(flags);
      const zone = await resolveZone(api, flags.zone as string | undefined);
      const current = await entrypoint(api, zone.id);
      if (printedAsJson(flags, current ?? { rules: [] })) return;
      printTable(process.stdout, current?.rules ?? [], [
        { heading: '#', value: (r: Rule) => (current?.rules.indexOf(r) ?? 0) + 1 },
        { heading: 'ID', value: (r: Rule) => r.id },
        { heading: 'ACTION', value: (r: Rule) => r.action },
        { heading: 'ON', value: (r: Rule) => (r.enabled ? 'yes' : 'no') },
        { heading: 'DESCRIPTION', value: (r: Rule) => r.description },
        { heading: 'EXPRESSION', value: (r: Rule) => r.expression },
      ]);
    }),
  );

  withApiOptions(
    ruleset
      .command('add')
      .description('add a rule (at the end unless a position is given)')
      .argument('[expression]', 'the expression (or --file)')
      .option('--file <file>', 'read the expression from a file')
      .option('--zone <zone>', 'zone name or id (default: the only zone)')
      .addOption(
        new Option('--action <action>', 'what a match does')
          .choices(['block', 'log', 'skip'])
          .default('block'),
      )
      .option('--description <text>', 'what the rule is for', '')
      .option('--ref <ref>', 'a stable reference of your own')
      .option('--status <code>', 'block response status (400-499)')
      .option('--content <text>', 'block response body')
      .addOption(
        new Option('--content-type <type>', 'block response type').choices([
          'text/plain',
          'text/html',
          'application/json',
          'text/xml',
        ]),
      )
      .option('--first', 'put it first')
      .option('--before <rule-id>', 'put it before this rule')
      .option('--after <rule-id>', 'put it after this rule')
      .option('--disabled', 'add it switched off'),
  ).action(
    adminAction(async (expressionArg: string | undefined, flags: AdminFlags) => {
      const expression =
        typeof flags.file === 'string' ? readFileSync(flags.file, 'utf8').trim() : expressionArg;
      if (expression === undefined || expression === '')
        throw new CliError('CLI_USAGE', 'give the expression as an argument or with --file');
      const api = apiClient(flags);
      const zone = await resolveZone(api, flags.zone as string | undefined);
      const rule: RuleInput = {
        action: flags.action as Rule['action'],
        expression,
        description: String(flags.description),
        enabled: flags.disabled !== true,
      };
      if (typeof flags.ref === 'string') rule.ref = flags.ref;
      if (rule.action === 'block' && (flags.status !== undefined || flags.content !== undefined)) {
        rule.action_parameters = {
          response: {
            ...(flags.status === undefined ? {} : { status_code: Number(flags.status) }),
            ...(typeof flags.content === 'string' ? { content: flags.content } : {}),
            ...(typeof flags.contentType === 'string'
              ? { content_type: flags.contentType as 'text/plain' }
              : {}),
          },
        };
      }
      const position: RulePosition | undefined =
        flags.first === true
          ? { index: 1 }
          : typeof flags.before === 'string'
            ? { before: flags.before }
            : typeof flags.after === 'string'
              ? { after: flags.after }
              : undefined;
      const current = await entrypoint(api, zone.id);
      const updated =
        current === undefined
          ? await api.rulesets.putEntrypoint(zone.id, { name: 'default', rules: [rule] })
          : await api.rulesets.createRule(zone.id, current.id, {
              ...rule,
              ...(position ? { position } : {}),
            });
      if (printedAsJson(flags, updated)) return;
      const added = updated.rules.find(
        (candidate) => !(current?.rules ?? []).some((old) => old.id === candidate.id),
      );
      writeLine(
        process.stdout,
        `added rule ${added?.id ?? ''} (${rule.action}) to ${zone.name}; ${updated.rules.length} rule(s), ruleset version ${updated.version}`,
      );
    }),
  );

  withApiOptions(
    ruleset
      .command('remove')
      .description('remove a rule')
      .argument('<rule-id>', 'rule id')
      .option('--zone <zone>', 'zone name or id'),
  ).action(
    adminAction(async (ruleId: string, flags: AdminFlags) => {
      const api = apiClient(flags);
      const zone = await resolveZone(api, flags.zone as string | undefined);
      const current = await requireEntrypoint(api, zone.id);
      const updated = await api.rulesets.deleteRule(zone.id, current.id, ruleId);
      if (printedAsJson(flags, updated)) return;
      writeLine(process.stdout, `removed rule ${ruleId}; ${updated.rules.length} rule(s) left`);
    }),
  );

  for (const [name, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    withApiOptions(
      ruleset
        .command(name)
        .description(`${name} a rule`)
        .argument('<rule-id>', 'rule id')
        .option('--zone <zone>', 'zone name or id'),
    ).action(
      adminAction(async (ruleId: string, flags: AdminFlags) => {
        const api = apiClient(flags);
        const zone = await resolveZone(api, flags.zone as string | undefined);
        const current = await requireEntrypoint(api, zone.id);
        const updated = await api.rulesets.editRule(zone.id, current.id, ruleId, { enabled });
        if (printedAsJson(flags, updated)) return;
        writeLine(process.stdout, `rule ${ruleId} ${enabled ? 'enabled' : 'disabled'}`);
      }),
    );
  }
}

async function entrypoint(api: PortcullisClient, zoneId: string): Promise<Ruleset | undefined> {
  try {
    return await api.rulesets.getEntrypoint(zoneId);
  } catch (error) {
    if (isPortcullisClientError(error) && error.status === 404) return undefined;
    throw error;
  }
}

async function requireEntrypoint(api: PortcullisClient, zoneId: string): Promise<Ruleset> {
  const found = await entrypoint(api, zoneId);
  if (found === undefined) throw new CliError('CLI_NOT_FOUND', 'this zone has no custom rules yet');
  return found;
}
