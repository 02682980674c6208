// Rulesets and rules in Cloudflare's JSON spelling (CLOUDFLARE.md §6.2), custom-rules phase only.
import type { Id, Timestamp } from './common.js';

/** The phase whose entrypoint holds a zone's custom rules. */
export const CUSTOM_RULES_PHASE = 'http_request_firewall_custom';

/** The rules phases Portcullis evaluates. */
export type RulesetPhase = typeof CUSTOM_RULES_PHASE;

/** Ruleset kinds as Cloudflare spells them; a zone's entrypoint is `zone`. */
export type RulesetKind = 'root' | 'zone' | 'managed' | 'custom';

/** Rule actions Portcullis executes. */
export type RuleAction = 'block' | 'skip' | 'log';

/** Every value of {@link RuleAction}, for validation. */
export const RULE_ACTIONS: readonly RuleAction[] = Object.freeze(['block', 'skip', 'log']);

/** Block's custom response: status 400–499, a content type, a body of at most 2 KB. */
export interface BlockResponse {
  readonly status_code?: number;
  readonly content?: string;
  readonly content_type?: 'text/html' | 'text/plain' | 'application/json' | 'text/xml';
}

/** Action parameters: `response` for block, the skip targets for skip; other keys pass through. */
export interface RuleActionParameters {
  readonly response?: BlockResponse;
  readonly ruleset?: 'current';
  readonly phase?: 'current';
  readonly phases?: readonly string[];
  readonly products?: readonly string[];
  readonly rules?: Readonly<Record<string, readonly string[]>>;
  readonly [key: string]: unknown;
}

/** A rule as Cloudflare returns it. */
export interface Rule {
  readonly id: Id;
  /** Increments when the rule's content changes (not when it moves). A string, as in Cloudflare's JSON. */
  readonly version: string;
  readonly last_updated: Timestamp;
  readonly action: RuleAction;
  readonly action_parameters?: RuleActionParameters;
  readonly expression: string;
  readonly description: string;
  readonly enabled: boolean;
  readonly logging?: { readonly enabled: boolean };
  /** Stable external reference; the rule's id by default. */
  readonly ref: string;
}

/** Where to put a rule: before/after a rule id (empty = top/bottom) or at a 1-based index. */
export type RulePosition =
  { readonly before: string } | { readonly after: string } | { readonly index: number };

/** A ruleset as Cloudflare returns it. */
export interface Ruleset {
  readonly id: Id;
  readonly name: string;
  readonly description: string;
  readonly kind: RulesetKind;
  readonly phase: RulesetPhase;
  /** Increments with every change to the ruleset. A string, as in Cloudflare's JSON. */
  readonly version: string;
  readonly last_updated: Timestamp;
  readonly rules: readonly Rule[];
}

/** An item of `GET …/versions`: a ruleset without its rules. */
export type RulesetVersionSummary = Omit<Ruleset, 'rules'>;
