// A zone's custom rules compiled once per snapshot (filters cached by expression across
// snapshots) and evaluated in order per request: block ends the phase, skip ends it (or skips
// named rules), log records and continues (CLOUDFLARE.md §6.3).
import { compile, cloudflareScheme, type Filter, type Context } from '@portcullis/rules';
import type { EdgeBlockResponse, EdgeRule, EdgeZone } from './config.js';

/** A compiled rule. */
export interface CompiledRule {
  readonly id: string;
  readonly ref: string;
  readonly action: 'block' | 'skip' | 'log';
  /** Rule ids this skip rule skips (from `action_parameters.rules`); undefined = the rest of the phase. */
  readonly skipRuleIds: ReadonlySet<string> | undefined;
  readonly response: BlockResponse;
  readonly logEvent: boolean;
  readonly filter: Filter;
  /** The action as configured (a challenge action is enforced as block). */
  readonly configuredAction: string;
}

/** The fixed block response of a rule. */
export interface BlockResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  /** The body encoded once, at compile time. */
  readonly bytes: Buffer;
}

/** A rule that could not be compiled; the zone fails closed while it is present. */
export interface BrokenRule {
  readonly id: string;
  readonly message: string;
}

/** A zone's compiled ruleset. */
export interface CompiledZone {
  readonly id: string;
  readonly name: string;
  readonly rulesetId: string | undefined;
  readonly rules: readonly CompiledRule[];
  readonly broken: readonly BrokenRule[];
  /** Every field any enabled rule reads: the only fields filled per request. */
  readonly referencedFields: ReadonlySet<string>;
}

/** A rule that matched a request, and what was done. */
export interface RuleMatch {
  readonly rule: CompiledRule;
}

/** Outcome of evaluating a zone's rules. */
export interface RulesVerdict {
  readonly blockedBy: CompiledRule | undefined;
  readonly matches: readonly CompiledRule[];
}

const DEFAULT_BLOCK_BODY = 'forbidden: blocked by a security rule\n';

export const DEFAULT_BLOCK: BlockResponse = Object.freeze({
  status: 403,
  contentType: 'text/plain; charset=utf-8',
  body: DEFAULT_BLOCK_BODY,
  bytes: Buffer.from(DEFAULT_BLOCK_BODY, 'utf8'),
});

/** Filters cached by expression text; shared between snapshots so a rebuild compiles only new rules. */
export type FilterCache = Map<
  string,
  { readonly ok: true; readonly filter: Filter } | { readonly ok: false; readonly message: string }
>;

const TERMINATING_AS_BLOCK: ReadonlySet<string> = new Set([
  'block',
  'managed_challenge',
  'challenge',
  'js_challenge',
]);

function blockResponse(response: EdgeBlockResponse | undefined): BlockResponse {
  if (!response) return DEFAULT_BLOCK;
  const status = response.status_code ?? 403;
  const body = response.content ?? DEFAULT_BLOCK.body;
  return {
    status: Number.isInteger(status) && status >= 400 && status <= 499 ? status : 403,
    contentType: response.content_type ?? 'text/plain; charset=utf-8',
    body,
    bytes: Buffer.from(body, 'utf8'),
  };
}

function compileCached(
  expression: string,
  cache: FilterCache,
): { ok: true; filter: Filter } | { ok: false; message: string } {
  let hit = cache.get(expression);
  if (!hit) {
    const result = compile(expression, cloudflareScheme);
    hit = result.ok
      ? { ok: true, filter: result.filter }
      : { ok: false, message: result.diagnostics.map((d) => `${d.code}: ${d.message}`).join('; ') };
    cache.set(expression, hit);
  }
  return hit;
}

/** Compiles a zone; a rule that fails to compile or has an unknown action makes the zone fail closed. */
export function compileZone(zone: EdgeZone, cache: FilterCache): CompiledZone {
  const rules: CompiledRule[] = [];
  const broken: BrokenRule[] = [];
  const referencedFields = new Set<string>();
  for (const rule of zone.rules) {
    if (rule.enabled === false) continue;
    const compiled = compileCached(rule.expression, cache);
    if (!compiled.ok) {
      broken.push({ id: rule.id, message: compiled.message });
      continue;
    }
    const action = normaliseAction(rule);
    if (action === undefined) {
      broken.push({ id: rule.id, message: `unsupported action ${rule.action}` });
      continue;
    }
    for (const field of compiled.filter.referencedFields) referencedFields.add(field);
    rules.push({
      id: rule.id,
      ref: rule.ref ?? rule.id,
      action,
      configuredAction: rule.action,
      skipRuleIds: action === 'skip' ? skipTargets(rule, zone) : undefined,
      response: blockResponse(rule.action_parameters?.response),
      logEvent: rule.logging?.enabled !== false,
      filter: compiled.filter,
    });
  }
  return { id: zone.id, name: zone.name, rulesetId: zone.rulesetId, rules, broken, referencedFields };
}

function normaliseAction(rule: EdgeRule): CompiledRule['action'] | undefined {
  if (TERMINATING_AS_BLOCK.has(rule.action)) return 'block';
  if (rule.action === 'skip') return 'skip';
  if (rule.action === 'log') return 'log';
  return undefined;
}

function skipTargets(rule: EdgeRule, zone: EdgeZone): ReadonlySet<string> | undefined {
  const named = rule.action_parameters?.rules;
  if (!named) return undefined;
  const ids = new Set<string>();
  for (const [rulesetId, ruleIds] of Object.entries(named)) {
    if (zone.rulesetId === undefined || rulesetId === zone.rulesetId || rulesetId === 'current')
      for (const id of ruleIds) ids.add(id);
  }
  return ids;
}

/** Runs the zone's rules in order over a filled context. */
export function evaluateZone(zone: CompiledZone, ctx: Context): RulesVerdict {
  let matches: CompiledRule[] | undefined;
  let skipped: ReadonlySet<string> | undefined;
  for (const rule of zone.rules) {
    if (skipped?.has(rule.id)) continue;
    if (!rule.filter.execute(ctx)) continue;
    (matches ??= []).push(rule);
    if (rule.action === 'block') return { blockedBy: rule, matches };
    if (rule.action === 'skip') {
      if (rule.skipRuleIds === undefined) break;
      skipped = skipped ? new Set([...skipped, ...rule.skipRuleIds]) : rule.skipRuleIds;
    }
  }
  return { blockedBy: undefined, matches: matches ?? NO_MATCHES };
}

const NO_MATCHES: readonly CompiledRule[] = Object.freeze([]);
