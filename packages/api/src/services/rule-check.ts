// Checks rules before they are stored: the expression against the Cloudflare scheme, the action and its parameters.
import { cloudflareScheme, compile, renderDiagnostics } from '@portcullis/rules';
import { RULE_ACTIONS } from '@portcullis/model';
import type { RuleAction, RuleActionParameters } from '@portcullis/model';
import type { RuleInput } from '@portcullis/store';
import { Type, type Static } from 'typebox';
import { ApiError } from '../errors.js';

/** Content types of a block's custom response (Cloudflare's list). */
export const blockContentTypes = ['text/html', 'text/plain', 'application/json', 'text/xml'] as const;
/** Largest custom response body, in bytes (Cloudflare: 2 KB). */
export const maxBlockContentBytes = 2048;

/** Position of a rule in POST/PATCH: before/after a rule id (empty = top/bottom) or a 1-based index. */
export const positionSchema = Type.Union([
  Type.Object({ before: Type.String({ maxLength: 64 }) }, { additionalProperties: false }),
  Type.Object({ after: Type.String({ maxLength: 64 }) }, { additionalProperties: false }),
  Type.Object({ index: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
]);

/** Fields of a rule as clients send it (the SDK's rule params, all of them, so each gets a clear answer). */
export const ruleFields = {
  id: Type.Optional(Type.String({ maxLength: 64 })),
  ref: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  action: Type.String({ minLength: 1, maxLength: 64 }),
  action_parameters: Type.Optional(Type.Object({}, { additionalProperties: true })),
  expression: Type.String({ minLength: 1, maxLength: 4096 }),
  description: Type.Optional(Type.String({ maxLength: 500 })),
  enabled: Type.Optional(Type.Boolean()),
  logging: Type.Optional(Type.Object({ enabled: Type.Boolean() }, { additionalProperties: false })),
  ratelimit: Type.Optional(Type.Unknown()),
  exposed_credential_check: Type.Optional(Type.Unknown()),
};

/** A rule in a PUT of the whole entrypoint. */
export const ruleSchema = Type.Object(ruleFields, { additionalProperties: false });
/** A rule as sent. */
export type RuleBody = Static<typeof ruleSchema>;

/**
 * Checks one rule and returns it in the store's shape; `where` prefixes messages (`rules[2]`).
 * An invalid expression is answered with every diagnostic in Cloudflare's
 * `Filter parsing error (line:col)` format with its caret line.
 */
export function checkRule(rule: Partial<RuleBody>, where: string): Partial<RuleInput> {
  if (rule.ratelimit !== undefined) {
    throw new ApiError(
      'API_INVALID_RULE',
      `${where}.ratelimit is not supported in phase http_request_firewall_custom`,
    );
  }
  if (rule.exposed_credential_check !== undefined) {
    throw new ApiError(
      'API_INVALID_RULE',
      `${where}.exposed_credential_check is not supported by Portcullis`,
    );
  }
  const out: { -readonly [K in keyof RuleInput]?: RuleInput[K] } = {};
  if (rule.id !== undefined && rule.id !== '') out.id = rule.id;
  if (rule.ref !== undefined) out.ref = rule.ref;
  if (rule.description !== undefined) out.description = rule.description;
  if (rule.enabled !== undefined) out.enabled = rule.enabled;
  if (rule.logging !== undefined) out.logging = rule.logging;
  if (rule.expression !== undefined) out.expression = checkExpression(rule.expression, `${where}.expression`);
  if (rule.action !== undefined) {
    const action = checkAction(rule.action, where);
    out.action = action;
    const parameters = checkActionParameters(
      action,
      rule.action_parameters as Record<string, unknown> | undefined,
      where,
    );
    if (parameters !== undefined) out.action_parameters = parameters;
  } else if (rule.action_parameters !== undefined) {
    throw new ApiError(
      'API_INVALID_RULE',
      `${where}.action_parameters needs the action it belongs to: send "action" too`,
    );
  }
  return out;
}

/** Compiles `expression` against the Cloudflare scheme; throws `API_INVALID_EXPRESSION` with the diagnostics. */
export function checkExpression(expression: string, where: string): string {
  const result = compile(expression, cloudflareScheme);
  if (result.ok) return expression;
  const blocks = result.diagnostics.map((d) => renderDiagnostics(expression, [d]));
  throw new ApiError('API_INVALID_EXPRESSION', `${where}: ${blocks[0] ?? 'invalid expression'}`, {
    details: blocks.slice(1).map((b) => `${where}: ${b}`),
  });
}

function checkAction(action: string, where: string): RuleAction {
  if (!(RULE_ACTIONS as readonly string[]).includes(action)) {
    throw new ApiError(
      'API_INVALID_RULE',
      `${where}.action "${action.slice(0, 64)}" is not supported: use one of ${RULE_ACTIONS.join(', ')}`,
    );
  }
  return action as RuleAction;
}

function checkActionParameters(
  action: RuleAction,
  parameters: Record<string, unknown> | undefined,
  where: string,
): RuleActionParameters | undefined {
  const at = `${where}.action_parameters`;
  if (parameters === undefined) {
    if (action === 'skip') {
      throw new ApiError('API_INVALID_RULE', `${at} is required for skip: e.g. {"ruleset": "current"}`);
    }
    return undefined;
  }
  switch (action) {
    case 'block':
      return checkBlock(parameters, at);
    case 'skip':
      return checkSkip(parameters, at);
    case 'log':
      if (Object.keys(parameters).length > 0)
        throw new ApiError('API_INVALID_RULE', `${at} must be empty for log`);
      return undefined;
  }
}

function checkBlock(parameters: Record<string, unknown>, at: string): RuleActionParameters {
  unknownKeys(parameters, ['response'], at);
  const response = parameters['response'];
  if (response === undefined) return {};
  if (typeof response !== 'object' || response === null || Array.isArray(response)) {
    throw new ApiError('API_INVALID_RULE', `${at}.response must be an object`);
  }
  const r = response as Record<string, unknown>;
  unknownKeys(r, ['status_code', 'content', 'content_type'], `${at}.response`);
  const status = r['status_code'];
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 499) {
    throw new ApiError('API_INVALID_RULE', `${at}.response.status_code must be an integer from 400 to 499`);
  }
  const contentType = r['content_type'];
  if (typeof contentType !== 'string' || !(blockContentTypes as readonly string[]).includes(contentType)) {
    throw new ApiError(
      'API_INVALID_RULE',
      `${at}.response.content_type must be one of ${blockContentTypes.join(', ')}`,
    );
  }
  const content = r['content'] ?? '';
  if (typeof content !== 'string')
    throw new ApiError('API_INVALID_RULE', `${at}.response.content must be a string`);
  const bytes = new TextEncoder().encode(content).length;
  if (bytes > maxBlockContentBytes) {
    throw new ApiError(
      'API_INVALID_RULE',
      `${at}.response.content is ${bytes} bytes, over the limit of ${maxBlockContentBytes}`,
    );
  }
  return {
    response: {
      status_code: status,
      content,
      content_type: contentType as (typeof blockContentTypes)[number],
    },
  };
}

const skipProducts = ['bic', 'hot', 'rateLimit', 'securityLevel', 'uaBlock', 'waf', 'zoneLockdown'];

function checkSkip(parameters: Record<string, unknown>, at: string): RuleActionParameters {
  unknownKeys(parameters, ['ruleset', 'phase', 'phases', 'products', 'rules', 'rulesets'], at);
  if (Object.keys(parameters).length === 0) {
    throw new ApiError('API_INVALID_RULE', `${at} must say what to skip, e.g. {"ruleset": "current"}`);
  }
  for (const key of ['ruleset', 'phase'] as const) {
    if (parameters[key] !== undefined && parameters[key] !== 'current') {
      throw new ApiError('API_INVALID_RULE', `${at}.${key} must be "current"`);
    }
  }
  for (const key of ['phases', 'products', 'rulesets'] as const) {
    const value = parameters[key];
    if (value !== undefined && (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))) {
      throw new ApiError('API_INVALID_RULE', `${at}.${key} must be an array of strings`);
    }
  }
  const products = parameters['products'] as string[] | undefined;
  const unknownProduct = products?.find((p) => !skipProducts.includes(p));
  if (unknownProduct !== undefined) {
    throw new ApiError(
      'API_INVALID_RULE',
      `${at}.products "${unknownProduct.slice(0, 64)}" must be one of ${skipProducts.join(', ')}`,
    );
  }
  const rules = parameters['rules'];
  if (rules !== undefined) {
    const valid =
      typeof rules === 'object' &&
      rules !== null &&
      !Array.isArray(rules) &&
      Object.values(rules).every((ids) => Array.isArray(ids) && ids.every((id) => typeof id === 'string'));
    if (!valid)
      throw new ApiError('API_INVALID_RULE', `${at}.rules must map ruleset ids to arrays of rule ids`);
  }
  return parameters as RuleActionParameters;
}

function unknownKeys(value: Record<string, unknown>, allowed: readonly string[], at: string): void {
  const extra = Object.keys(value).find((key) => !allowed.includes(key));
  if (extra !== undefined)
    throw new ApiError('API_INVALID_RULE', `${at} has unknown field "${extra.slice(0, 64)}"`);
}
