// The rulesets repository: a zone's phase entrypoint, its ordered rules and a snapshot per version.
import type { Rule, Ruleset, RulePosition, RulesetPhase, RulesetVersionSummary } from '@portcullis/model';
import type { Kysely, Transaction } from 'kysely';
import { StoreError } from '../errors.js';
import type { Executor, WriteScope } from '../executor.js';
import { looksLikeId, newId } from '../ids.js';
import type { Database, RulesTable, RulesetsTable } from '../schema.js';
import type { EntrypointInput, RuleInput, RulePatch, RulesetsRepository, ZoneRuleset } from '../types.js';
import { assertUniqueRefs, insertionIndex, newRule, patchRule, replaceRule } from './rule-list.js';

const PHASES: readonly string[] = ['http_request_firewall_custom'];

/** Versions kept per ruleset: each holds the whole rule list, so the history is bounded. */
export const RULESET_VERSIONS_KEPT = 100;

function checkPhase(phase: string): void {
  if (!PHASES.includes(phase)) throw new StoreError('STORE_INVALID_ARGUMENT', `unsupported phase "${phase}"`);
}

function toRule(row: RulesTable): Rule {
  const rule: { -readonly [K in keyof Rule]: Rule[K] } = {
    id: row.id,
    version: String(row.version),
    last_updated: row.last_updated,
    action: row.action as Rule['action'],
    expression: row.expression,
    description: row.description,
    enabled: row.enabled === 1,
    ref: row.ref,
  };
  if (row.action_parameters !== null)
    rule.action_parameters = JSON.parse(row.action_parameters) as Rule['action_parameters'];
  if (row.logging !== null) rule.logging = JSON.parse(row.logging) as Rule['logging'];
  return rule;
}

function toRuleRow(rule: Rule, rulesetId: string, position: number): RulesTable {
  return {
    id: rule.id,
    ruleset_id: rulesetId,
    position,
    ref: rule.ref,
    version: Number(rule.version),
    last_updated: rule.last_updated,
    action: rule.action,
    action_parameters: rule.action_parameters === undefined ? null : JSON.stringify(rule.action_parameters),
    expression: rule.expression,
    description: rule.description,
    enabled: rule.enabled ? 1 : 0,
    logging: rule.logging === undefined ? null : JSON.stringify(rule.logging),
  };
}

function toRuleset(row: RulesetsTable, rules: Rule[]): Ruleset {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.kind as Ruleset['kind'],
    phase: row.phase as RulesetPhase,
    version: String(row.version),
    last_updated: row.last_updated,
    rules,
  };
}

async function loadRules(db: Kysely<Database>, rulesetId: string): Promise<Rule[]> {
  const rows = await db
    .selectFrom('rules')
    .selectAll()
    .where('ruleset_id', '=', rulesetId)
    .orderBy('position')
    .execute();
  return rows.map(toRule);
}

async function findRow(
  db: Kysely<Database>,
  zoneId: string,
  rulesetId: string,
): Promise<RulesetsTable | undefined> {
  if (!looksLikeId(rulesetId)) return undefined;
  return db
    .selectFrom('rulesets')
    .selectAll()
    .where('id', '=', rulesetId)
    .where('zone_id', '=', zoneId)
    .executeTakeFirst();
}

async function findEntrypoint(
  db: Kysely<Database>,
  zoneId: string,
  phase: string,
): Promise<RulesetsTable | undefined> {
  return db
    .selectFrom('rulesets')
    .selectAll()
    .where('zone_id', '=', zoneId)
    .where('phase', '=', phase)
    .where('kind', '=', 'zone')
    .executeTakeFirst();
}

async function snapshot(trx: Transaction<Database>, ruleset: Ruleset): Promise<void> {
  await trx
    .insertInto('ruleset_versions')
    .values({
      ruleset_id: ruleset.id,
      version: Number(ruleset.version),
      last_updated: ruleset.last_updated,
      snapshot: JSON.stringify(ruleset),
    })
    .execute();
  const oldest = Number(ruleset.version) - RULESET_VERSIONS_KEPT;
  if (oldest > 0) {
    await trx
      .deleteFrom('ruleset_versions')
      .where('ruleset_id', '=', ruleset.id)
      .where('version', '<=', oldest)
      .execute();
  }
}

/** Writes `rules` as the ruleset's new list under the next version, with its snapshot. */
async function commitRules(
  scope: WriteScope,
  row: RulesetsTable,
  rules: Rule[],
  header: Partial<Pick<RulesetsTable, 'name' | 'description'>> = {},
): Promise<Ruleset> {
  assertUniqueRefs(rules);
  const { trx, now } = scope;
  const next: RulesetsTable = { ...row, ...header, version: row.version + 1, last_updated: now };
  await trx.deleteFrom('rules').where('ruleset_id', '=', row.id).execute();
  if (rules.length > 0) {
    await trx
      .insertInto('rules')
      .values(rules.map((rule, index) => toRuleRow(rule, row.id, index)))
      .execute();
  }
  await trx
    .updateTable('rulesets')
    .set({ version: next.version, last_updated: now, name: next.name, description: next.description })
    .where('id', '=', row.id)
    .execute();
  const ruleset = toRuleset(next, rules);
  await snapshot(trx, ruleset);
  scope.change('ruleset', row.id, row.zone_id);
  return ruleset;
}

async function createEntrypoint(
  scope: WriteScope,
  zoneId: string,
  phase: string,
  input: EntrypointInput,
): Promise<Ruleset> {
  const { trx, now } = scope;
  const zone = looksLikeId(zoneId)
    ? await trx.selectFrom('zones').select('id').where('id', '=', zoneId).executeTakeFirst()
    : undefined;
  if (zone === undefined) throw new StoreError('STORE_NOT_FOUND', `zone ${zoneId} not found`);
  const rules = input.rules.map((rule) => newRule(rule, now));
  assertUniqueRefs(rules);
  const row: RulesetsTable = {
    id: newId(),
    zone_id: zoneId,
    kind: 'zone',
    phase,
    name: input.name ?? 'default',
    description: input.description ?? '',
    version: 1,
    last_updated: now,
  };
  await trx.insertInto('rulesets').values(row).execute();
  if (rules.length > 0) {
    await trx
      .insertInto('rules')
      .values(rules.map((rule, index) => toRuleRow(rule, row.id, index)))
      .execute();
  }
  const ruleset = toRuleset(row, rules);
  await snapshot(trx, ruleset);
  scope.change('ruleset', row.id, zoneId);
  return ruleset;
}

/** Rulesets over Kysely. */
export class SqlRulesets implements RulesetsRepository {
  readonly #x: Executor;

  constructor(executor: Executor) {
    this.#x = executor;
  }

  async getEntrypoint(zoneId: string, phase: RulesetPhase): Promise<Ruleset | undefined> {
    return this.#x.read(async (db) => {
      const row = await findEntrypoint(db, zoneId, phase);
      return row === undefined ? undefined : toRuleset(row, await loadRules(db, row.id));
    });
  }

  async ensureEntrypoint(zoneId: string, phase: RulesetPhase): Promise<Ruleset> {
    checkPhase(phase);
    return this.#x.write(async (scope) => {
      const row = await findEntrypoint(scope.trx, zoneId, phase);
      if (row !== undefined) return toRuleset(row, await loadRules(scope.trx, row.id));
      return createEntrypoint(scope, zoneId, phase, { rules: [] });
    });
  }

  async putEntrypoint(zoneId: string, phase: RulesetPhase, input: EntrypointInput): Promise<Ruleset> {
    checkPhase(phase);
    return this.#x.write(async (scope) => {
      const row = await findEntrypoint(scope.trx, zoneId, phase);
      if (row === undefined) return createEntrypoint(scope, zoneId, phase, input);
      const existing = new Map((await loadRules(scope.trx, row.id)).map((rule) => [rule.id, rule]));
      const rules = input.rules.map((rule) => {
        const previous = rule.id === undefined ? undefined : existing.get(rule.id);
        existing.delete(rule.id ?? '');
        return previous === undefined ? newRule(rule, scope.now) : replaceRule(previous, rule, scope.now);
      });
      const header: Partial<Pick<RulesetsTable, 'name' | 'description'>> = {};
      if (input.name !== undefined) header.name = input.name;
      if (input.description !== undefined) header.description = input.description;
      return commitRules(scope, row, rules, header);
    });
  }

  async get(zoneId: string, rulesetId: string): Promise<Ruleset | undefined> {
    return this.#x.read(async (db) => {
      const row = await findRow(db, zoneId, rulesetId);
      return row === undefined ? undefined : toRuleset(row, await loadRules(db, row.id));
    });
  }

  async addRule(
    zoneId: string,
    rulesetId: string,
    rule: RuleInput,
    position?: RulePosition,
  ): Promise<Ruleset> {
    return this.#x.write(async (scope) => {
      const row = await this.#require(scope.trx, zoneId, rulesetId);
      const rules = await loadRules(scope.trx, row.id);
      rules.splice(insertionIndex(rules, position), 0, newRule(rule, scope.now));
      return commitRules(scope, row, rules);
    });
  }

  async updateRule(
    zoneId: string,
    rulesetId: string,
    ruleId: string,
    patch: RulePatch,
    position?: RulePosition,
  ): Promise<Ruleset> {
    return this.#x.write(async (scope) => {
      const row = await this.#require(scope.trx, zoneId, rulesetId);
      const rules = await loadRules(scope.trx, row.id);
      const at = rules.findIndex((rule) => rule.id === ruleId);
      const current = rules[at];
      if (current === undefined) throw new StoreError('STORE_NOT_FOUND', `rule ${ruleId} not found`);
      const updated = patchRule(current, patch, scope.now);
      if (position === undefined) {
        rules[at] = updated;
      } else {
        rules.splice(at, 1);
        rules.splice(insertionIndex(rules, position), 0, updated);
      }
      return commitRules(scope, row, rules);
    });
  }

  async deleteRule(zoneId: string, rulesetId: string, ruleId: string): Promise<Ruleset> {
    return this.#x.write(async (scope) => {
      const row = await this.#require(scope.trx, zoneId, rulesetId);
      const rules = await loadRules(scope.trx, row.id);
      const remaining = rules.filter((rule) => rule.id !== ruleId);
      if (remaining.length === rules.length)
        throw new StoreError('STORE_NOT_FOUND', `rule ${ruleId} not found`);
      return commitRules(scope, row, remaining);
    });
  }

  async listVersions(zoneId: string, rulesetId: string): Promise<RulesetVersionSummary[]> {
    return this.#x.read(async (db) => {
      const row = await findRow(db, zoneId, rulesetId);
      if (row === undefined) throw new StoreError('STORE_NOT_FOUND', `ruleset ${rulesetId} not found`);
      const versions = await db
        .selectFrom('ruleset_versions')
        .select('snapshot')
        .where('ruleset_id', '=', row.id)
        .orderBy('version', 'desc')
        .execute();
      return versions.map((version) => {
        const { rules: _rules, ...summary } = JSON.parse(version.snapshot) as Ruleset;
        return summary;
      });
    });
  }

  async getVersion(zoneId: string, rulesetId: string, version: string): Promise<Ruleset | undefined> {
    if (!/^[1-9][0-9]{0,15}$/.test(version)) return Promise.resolve(undefined);
    return this.#x.read(async (db) => {
      const row = await findRow(db, zoneId, rulesetId);
      if (row === undefined) return undefined;
      const found = await db
        .selectFrom('ruleset_versions')
        .select('snapshot')
        .where('ruleset_id', '=', row.id)
        .where('version', '=', Number(version))
        .executeTakeFirst();
      return found === undefined ? undefined : (JSON.parse(found.snapshot) as Ruleset);
    });
  }

  async listEntrypoints(phase: RulesetPhase): Promise<ZoneRuleset[]> {
    return this.#x.read(async (db) => {
      const rows = await db
        .selectFrom('rulesets')
        .selectAll()
        .where('phase', '=', phase)
        .where('kind', '=', 'zone')
        .orderBy('zone_id')
        .execute();
      const rules = await db
        .selectFrom('rules')
        .innerJoin('rulesets', 'rulesets.id', 'rules.ruleset_id')
        .selectAll('rules')
        .where('rulesets.phase', '=', phase)
        .where('rulesets.kind', '=', 'zone')
        .orderBy('rules.ruleset_id')
        .orderBy('rules.position')
        .execute();
      const byRuleset = new Map<string, Rule[]>();
      for (const rule of rules) {
        const list = byRuleset.get(rule.ruleset_id) ?? [];
        list.push(toRule(rule));
        byRuleset.set(rule.ruleset_id, list);
      }
      return rows.map((row) => ({
        zone_id: row.zone_id,
        ruleset: toRuleset(row, byRuleset.get(row.id) ?? []),
      }));
    });
  }

  async #require(trx: Transaction<Database>, zoneId: string, rulesetId: string): Promise<RulesetsTable> {
    const row = await findRow(trx, zoneId, rulesetId);
    if (row === undefined) throw new StoreError('STORE_NOT_FOUND', `ruleset ${rulesetId} not found`);
    return row;
  }
}
