// Pure helpers for a ruleset's ordered rule list: positions, new and patched rules, change detection.
import type { Rule, RulePosition } from '@portcullis/model';
import { StoreError } from '../errors.js';
import { newId } from '../ids.js';
import type { RuleInput, RulePatch } from '../types.js';

const ACTIONS: readonly string[] = ['block', 'skip', 'log'];

function checkAction(action: string): Rule['action'] {
  if (!ACTIONS.includes(action))
    throw new StoreError('STORE_INVALID_ARGUMENT', `invalid rule action "${action}"`);
  return action as Rule['action'];
}

/** A rule's content: what bumps its version when it changes (its place does not). */
function contentKey(rule: Rule): string {
  return JSON.stringify([
    rule.action,
    rule.action_parameters ?? null,
    rule.expression,
    rule.description,
    rule.enabled,
    rule.logging ?? null,
    rule.ref,
  ]);
}

/** Builds a new rule (version 1) from client input. */
export function newRule(input: RuleInput, now: string): Rule {
  const id = newId();
  return withOptional(
    {
      id,
      version: '1',
      last_updated: now,
      action: checkAction(input.action),
      expression: input.expression,
      description: input.description ?? '',
      enabled: input.enabled ?? true,
      ref: input.ref ?? id,
    },
    input.action_parameters,
    input.logging,
  );
}

function withOptional(base: Rule, parameters: Rule['action_parameters'], logging: Rule['logging']): Rule {
  const rule: { -readonly [K in keyof Rule]: Rule[K] } = { ...base };
  delete rule.action_parameters;
  delete rule.logging;
  if (parameters !== undefined) rule.action_parameters = parameters;
  if (logging !== undefined) rule.logging = logging;
  return rule;
}

/** Applies a patch; the version and `last_updated` move only when the content changed. */
export function patchRule(rule: Rule, patch: RulePatch, now: string): Rule {
  const next = withOptional(
    {
      ...rule,
      action: patch.action === undefined ? rule.action : checkAction(patch.action),
      expression: patch.expression ?? rule.expression,
      description: patch.description ?? rule.description,
      enabled: patch.enabled ?? rule.enabled,
      ref: patch.ref ?? rule.ref,
    },
    'action_parameters' in patch ? patch.action_parameters : rule.action_parameters,
    'logging' in patch ? patch.logging : rule.logging,
  );
  if (contentKey(next) === contentKey(rule)) return rule;
  return { ...next, version: String(Number(rule.version) + 1), last_updated: now };
}

/** The replacement of an existing rule by a full definition (PUT of the whole ruleset). */
export function replaceRule(rule: Rule, input: RuleInput, now: string): Rule {
  return patchRule(
    rule,
    {
      action: input.action,
      action_parameters: input.action_parameters,
      expression: input.expression,
      description: input.description ?? '',
      enabled: input.enabled ?? true,
      logging: input.logging,
      ref: input.ref ?? rule.id,
    },
    now,
  );
}

/**
 * The 0-based insertion index of a position in `rules` (which no longer holds the moved rule):
 * empty `before` = top, empty `after` = bottom, `index` 1-based (past the end = bottom).
 */
export function insertionIndex(rules: readonly Rule[], position: RulePosition | undefined): number {
  if (position === undefined) return rules.length;
  if ('index' in position) {
    if (!Number.isSafeInteger(position.index) || position.index < 1) {
      throw new StoreError('STORE_INVALID_ARGUMENT', `invalid position index ${String(position.index)}`);
    }
    return Math.min(position.index - 1, rules.length);
  }
  const [anchor, after] = 'before' in position ? [position.before, false] : [position.after, true];
  if (anchor === '') return after ? rules.length : 0;
  const at = rules.findIndex((rule) => rule.id === anchor);
  if (at < 0)
    throw new StoreError('STORE_INVALID_ARGUMENT', `position names no rule of this ruleset: ${anchor}`);
  return after ? at + 1 : at;
}

/** Throws `STORE_CONFLICT` when two rules share a ref. */
export function assertUniqueRefs(rules: readonly Rule[]): void {
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.ref)) throw new StoreError('STORE_CONFLICT', `two rules share the ref "${rule.ref}"`);
    seen.add(rule.ref);
  }
}
