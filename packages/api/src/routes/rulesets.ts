// Zone rulesets: the custom-rules entrypoint (GET/PUT), single-rule POST/PATCH/DELETE with position, versions.
import { CUSTOM_RULES_PHASE } from '@portcullis/model';
import type { Ruleset, RulePosition, SuccessEnvelope, Zone } from '@portcullis/model';
import type { RuleInput, StoreRepositories } from '@portcullis/store';
import type { FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { ApiContext } from '../context.js';
import { ok, page } from '../envelope.js';
import { ApiError } from '../errors.js';
import { pageInfo } from '../pagination.js';
import { responses, rulesetSchema } from '../schemas.js';
import { audit } from '../services/audit.js';
import { checkRule, positionSchema, ruleFields, ruleSchema } from '../services/rule-check.js';
import { checkId, idSchema, requireZone, type RoutePlugin } from './common.js';

const dryRunQuery = Type.Object({ dry_run: Type.Optional(Type.Boolean()) });
const phaseParams = Type.Object({ zone_id: idSchema, ruleset_phase: Type.String({ maxLength: 64 }) });
const rulesetParams = Type.Object({ zone_id: idSchema, ruleset_id: idSchema });
const ruleParams = Type.Object({ zone_id: idSchema, ruleset_id: idSchema, rule_id: idSchema });
const versionSummary = Type.Omit(rulesetSchema, ['rules']);

const entrypointBody = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 255 })),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    kind: Type.Optional(Type.Literal('zone')),
    phase: Type.Optional(Type.Literal(CUSTOM_RULES_PHASE)),
    rules: Type.Array(ruleSchema, { maxItems: 1000, description: 'the whole list; [] removes every rule' }),
  },
  { additionalProperties: false },
);

const createRuleBody = Type.Object(
  { ...ruleFields, position: Type.Optional(positionSchema) },
  { additionalProperties: false },
);
const editRuleBody = Type.Object(
  {
    ...ruleFields,
    action: Type.Optional(ruleFields.action),
    expression: Type.Optional(ruleFields.expression),
    position: Type.Optional(positionSchema),
  },
  { additionalProperties: false },
);

/** Registers the ruleset routes (zone scope, phase http_request_firewall_custom). */
export const rulesetRoutes: RoutePlugin = (app, context) => {
  const { store } = context;
  const read = { auth: { family: 'rulesets', level: 'read' } } as const;
  const edit = { auth: { family: 'rulesets', level: 'edit' } } as const;
  const entrypoint = '/zones/:zone_id/rulesets/phases/:ruleset_phase/entrypoint';

  app.get(
    entrypoint,
    {
      config: read,
      schema: {
        tags: ['rulesets'],
        summary: 'The zone entrypoint ruleset of a phase',
        params: phaseParams,
        response: responses(rulesetSchema),
      },
    },
    async (request) => {
      const zone = await requireZone(store, request.params.zone_id);
      const phase = checkPhase(request.params.ruleset_phase);
      return ok(await store.rulesets.ensureEntrypoint(zone.id, phase));
    },
  );

  app.put(
    entrypoint,
    {
      config: edit,
      schema: {
        tags: ['rulesets'],
        summary: 'Replace the entrypoint ruleset (a new version); every expression is checked',
        params: phaseParams,
        querystring: dryRunQuery,
        body: entrypointBody,
        response: responses(rulesetSchema),
      },
    },
    async (request) => {
      const zone = await requireZone(store, request.params.zone_id);
      return replaceEntrypoint(
        context,
        request,
        zone,
        checkPhase(request.params.ruleset_phase),
        request.body,
        request.query.dry_run === true,
      );
    },
  );

  app.get(
    `${entrypoint}/versions`,
    {
      config: read,
      schema: {
        tags: ['rulesets'],
        summary: 'Versions of the entrypoint',
        params: phaseParams,
        response: responses(Type.Array(versionSummary), { list: true }),
      },
    },
    async (request) => {
      const zone = await requireZone(store, request.params.zone_id);
      const ruleset = await store.rulesets.ensureEntrypoint(
        zone.id,
        checkPhase(request.params.ruleset_phase),
      );
      return listPage(await store.rulesets.listVersions(zone.id, ruleset.id));
    },
  );

  app.get(
    `${entrypoint}/versions/:ruleset_version`,
    {
      config: read,
      schema: {
        tags: ['rulesets'],
        summary: 'One version of the entrypoint',
        params: Type.Object({ ...phaseParams.properties, ruleset_version: Type.String({ maxLength: 20 }) }),
        response: responses(rulesetSchema),
      },
    },
    async (request) => {
      const zone = await requireZone(store, request.params.zone_id);
      const ruleset = await store.rulesets.ensureEntrypoint(
        zone.id,
        checkPhase(request.params.ruleset_phase),
      );
      return ok(await requireVersion(store, zone.id, ruleset.id, request.params.ruleset_version));
    },
  );

  app.get(
    '/zones/:zone_id/rulesets',
    {
      config: read,
      schema: {
        tags: ['rulesets'],
        summary: "The zone's rulesets",
        params: Type.Object({ zone_id: idSchema }),
        response: responses(Type.Array(versionSummary), { list: true }),
      },
    },
    async (request) => {
      const zone = await requireZone(store, request.params.zone_id);
      const ruleset = await store.rulesets.getEntrypoint(zone.id, CUSTOM_RULES_PHASE);
      const items = ruleset === undefined ? [] : [summary(ruleset)];
      return listPage(items);
    },
  );

  app.get(
    '/zones/:zone_id/rulesets/:ruleset_id',
    {
      config: read,
      schema: {
        tags: ['rulesets'],
        summary: 'A ruleset',
        params: rulesetParams,
        response: responses(rulesetSchema),
      },
    },
    async (request) => ok(await requireRuleset(context, request.params.zone_id, request.params.ruleset_id)),
  );

  app.put(
    '/zones/:zone_id/rulesets/:ruleset_id',
    {
      config: edit,
      schema: {
        tags: ['rulesets'],
        summary: 'Replace a ruleset by id (the zone entrypoint), as PUT …/entrypoint',
        params: rulesetParams,
        querystring: dryRunQuery,
        body: entrypointBody,
        response: responses(rulesetSchema),
      },
    },
    async (request) => {
      const current = await requireRuleset(context, request.params.zone_id, request.params.ruleset_id);
      const zone = await requireZone(store, request.params.zone_id);
      return replaceEntrypoint(
        context,
        request,
        zone,
        current.phase,
        request.body,
        request.query.dry_run === true,
      );
    },
  );

  app.post(
    '/zones/:zone_id/rulesets/:ruleset_id/rules',
    {
      config: edit,
      schema: {
        tags: ['rulesets'],
        summary: 'Add a rule (at the end, or at position)',
        params: rulesetParams,
        querystring: dryRunQuery,
        body: createRuleBody,
        response: responses(rulesetSchema),
      },
    },
    async (request) => {
      const current = await requireRuleset(context, request.params.zone_id, request.params.ruleset_id);
      const { position, ...fields } = request.body;
      const rule = checkRule(fields, 'body') as RuleInput;
      if (current.rules.length >= context.limits.maxRulesPerRuleset) {
        throw new ApiError(
          'API_RULE_LIMIT',
          `at most ${context.limits.maxRulesPerRuleset} rules per ruleset`,
        );
      }
      const where = checkPosition(position, current);
      if (request.query.dry_run === true) return ok(null);
      const zone = await requireZone(store, request.params.zone_id);
      const ruleset = await store.transaction(async (tx) => {
        const written = await tx.rulesets.addRule(zone.id, current.id, rule, where);
        await recordChange(tx, request, zone, written, 'add_rule', { position: where ?? null });
        return written;
      });
      return ok(ruleset);
    },
  );

  app.patch(
    '/zones/:zone_id/rulesets/:ruleset_id/rules/:rule_id',
    {
      config: edit,
      schema: {
        tags: ['rulesets'],
        summary: 'Change or move a rule',
        params: ruleParams,
        querystring: dryRunQuery,
        body: editRuleBody,
        response: responses(rulesetSchema),
      },
    },
    async (request) => {
      const current = await requireRuleset(context, request.params.zone_id, request.params.ruleset_id);
      const ruleId = checkId(request.params.rule_id, 'rule id');
      const existing = current.rules.find((r) => r.id === ruleId);
      if (existing === undefined)
        throw new ApiError('API_NOT_FOUND', `rule ${ruleId} not found in ruleset ${current.id}`);
      const { position, id: _ignored, ...fields } = request.body;
      // Parameters alone are checked against the rule's current action; a new action needs its
      // own parameters, and keeps the old ones only when it is the same action.
      let merged: typeof fields = fields;
      if (fields.action === undefined && fields.action_parameters !== undefined)
        merged = { ...fields, action: existing.action };
      else if (
        fields.action !== undefined &&
        fields.action_parameters === undefined &&
        fields.action === existing.action
      ) {
        merged = {
          ...fields,
          action_parameters: existing.action_parameters as Record<string, unknown> | undefined,
        };
      }
      const patch = checkRule(merged, 'body');
      const where = checkPosition(position, current);
      if (Object.keys(patch).length === 0 && where === undefined)
        throw new ApiError('API_VALIDATION', 'body has no field to change');
      if (request.query.dry_run === true) return ok(null);
      const zone = await requireZone(store, request.params.zone_id);
      const ruleset = await store.transaction(async (tx) => {
        const written = await tx.rulesets.updateRule(zone.id, current.id, ruleId, patch, where);
        await recordChange(tx, request, zone, written, 'update_rule', {
          rule_id: ruleId,
          fields: Object.keys(patch),
          position: where ?? null,
        });
        return written;
      });
      return ok(ruleset);
    },
  );

  app.delete(
    '/zones/:zone_id/rulesets/:ruleset_id/rules/:rule_id',
    {
      config: edit,
      schema: {
        tags: ['rulesets'],
        summary: 'Delete a rule',
        params: ruleParams,
        querystring: dryRunQuery,
        response: responses(rulesetSchema),
      },
    },
    async (request) => {
      const current = await requireRuleset(context, request.params.zone_id, request.params.ruleset_id);
      const ruleId = checkId(request.params.rule_id, 'rule id');
      if (!current.rules.some((r) => r.id === ruleId))
        throw new ApiError('API_NOT_FOUND', `rule ${ruleId} not found in ruleset ${current.id}`);
      if (request.query.dry_run === true) return ok(null);
      const zone = await requireZone(store, request.params.zone_id);
      const ruleset = await store.transaction(async (tx) => {
        const written = await tx.rulesets.deleteRule(zone.id, current.id, ruleId);
        await recordChange(tx, request, zone, written, 'delete_rule', { rule_id: ruleId });
        return written;
      });
      return ok(ruleset);
    },
  );

  app.get(
    '/zones/:zone_id/rulesets/:ruleset_id/versions',
    {
      config: read,
      schema: {
        tags: ['rulesets'],
        summary: 'Versions of a ruleset',
        params: rulesetParams,
        response: responses(Type.Array(versionSummary), { list: true }),
      },
    },
    async (request) => {
      const ruleset = await requireRuleset(context, request.params.zone_id, request.params.ruleset_id);
      return listPage(await store.rulesets.listVersions(request.params.zone_id, ruleset.id));
    },
  );

  app.get(
    '/zones/:zone_id/rulesets/:ruleset_id/versions/:ruleset_version',
    {
      config: read,
      schema: {
        tags: ['rulesets'],
        summary: 'One version of a ruleset',
        params: Type.Object({ ...rulesetParams.properties, ruleset_version: Type.String({ maxLength: 20 }) }),
        response: responses(rulesetSchema),
      },
    },
    async (request) => {
      const ruleset = await requireRuleset(context, request.params.zone_id, request.params.ruleset_id);
      return ok(
        await requireVersion(store, request.params.zone_id, ruleset.id, request.params.ruleset_version),
      );
    },
  );
};

type EntrypointBody = Static<typeof entrypointBody>;

async function replaceEntrypoint(
  context: ApiContext,
  request: FastifyRequest,
  zone: Zone,
  phase: typeof CUSTOM_RULES_PHASE,
  body: EntrypointBody,
  dryRun: boolean,
): Promise<SuccessEnvelope<Ruleset | null>> {
  if (body.rules.length > context.limits.maxRulesPerRuleset) {
    throw new ApiError('API_RULE_LIMIT', `at most ${context.limits.maxRulesPerRuleset} rules per ruleset`);
  }
  const rules = body.rules.map((rule, i) => checkRule(rule, `body.rules[${i}]`) as RuleInput);
  if (dryRun) return ok(null);
  const ruleset = await context.store.transaction(async (tx) => {
    const written = await tx.rulesets.putEntrypoint(zone.id, phase, {
      ...(body.name === undefined ? {} : { name: body.name }),
      ...(body.description === undefined ? {} : { description: body.description }),
      rules,
    });
    await recordChange(tx, request, zone, written, 'replace', { rules: written.rules.length });
    return written;
  });
  return ok(ruleset);
}

function checkPhase(phase: string): typeof CUSTOM_RULES_PHASE {
  if (phase !== CUSTOM_RULES_PHASE) {
    throw new ApiError(
      'API_NOT_FOUND',
      `phase ${phase.slice(0, 64)} is not available: Portcullis runs ${CUSTOM_RULES_PHASE}`,
    );
  }
  return CUSTOM_RULES_PHASE;
}

function checkPosition(position: RulePosition | undefined, ruleset: Ruleset): RulePosition | undefined {
  if (position === undefined) return undefined;
  const target = 'before' in position ? position.before : 'after' in position ? position.after : undefined;
  if (target !== undefined && target !== '' && !ruleset.rules.some((r) => r.id === target)) {
    throw new ApiError(
      'API_VALIDATION',
      `body.position names rule ${target.slice(0, 64)}, which is not in ruleset ${ruleset.id}`,
    );
  }
  if ('index' in position && position.index > ruleset.rules.length + 1) {
    throw new ApiError(
      'API_VALIDATION',
      `body.position.index ${position.index} is past the end (the ruleset has ${ruleset.rules.length} rules)`,
    );
  }
  return position;
}

async function requireRuleset(context: ApiContext, zoneId: string, id: string): Promise<Ruleset> {
  const zone = await requireZone(context.store, zoneId);
  checkId(id, 'ruleset id');
  const ruleset = await context.store.rulesets.get(zone.id, id);
  if (ruleset === undefined)
    throw new ApiError('API_NOT_FOUND', `ruleset ${id} not found in zone ${zone.id}`);
  return ruleset;
}

async function requireVersion(
  repos: StoreRepositories,
  zoneId: string,
  rulesetId: string,
  version: string,
): Promise<Ruleset> {
  if (!/^[1-9][0-9]{0,15}$/.test(version))
    throw new ApiError(
      'API_VALIDATION',
      `ruleset version "${version.slice(0, 20)}" must be a positive integer`,
    );
  const found = await repos.rulesets.getVersion(zoneId, rulesetId, version);
  if (found === undefined)
    throw new ApiError('API_NOT_FOUND', `version ${version} of ruleset ${rulesetId} not found`);
  return found;
}

function summary(ruleset: Ruleset): Omit<Ruleset, 'rules'> {
  const { rules: _rules, ...rest } = ruleset;
  return rest;
}

function listPage<T>(items: T[]): ReturnType<typeof page<T>> {
  return page(
    items,
    pageInfo({ page: 1, perPage: Math.max(items.length, 1), offset: 0 }, items.length, items.length),
  );
}

async function recordChange(
  tx: StoreRepositories,
  request: FastifyRequest,
  zone: Zone,
  ruleset: Ruleset,
  action: string,
  details: Record<string, unknown>,
): Promise<void> {
  await audit(tx, request, {
    action,
    resourceType: 'ruleset',
    resourceId: ruleset.id,
    accountId: zone.account.id,
    zoneId: zone.id,
    details: { version: ruleset.version, ...details },
  });
}
