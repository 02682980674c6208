// Replacement strings of regex_replace and wildcard_replace: `${n}`/`$n` capture references, `$$` a literal `$`.
// The syntax is the Rust regex crate's `Captures::expand`, which Cloudflare's engine uses.
import { valueError, type CheckFailure } from './arg-checks.js';
import type { MaybeValue } from './types.js';

/** The exclusive group of regex_replace and wildcard_replace: one of them per expression, never nested. */
export const REPLACE_GROUP = 'replace';

/** One piece of a parsed replacement: literal bytes or a capture group reference. */
export type TemplatePart = string | { readonly group: number } | { readonly name: string };

/** A parsed replacement string. */
export interface ReplacementTemplate {
  readonly parts: readonly TemplatePart[];
  /** How many capture references it contains. */
  readonly references: number;
}

/** Cloudflare allows at most eight capture references in a replacement. */
export const MAX_REFERENCES = 8;

function isNameCode(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

/**
 * Parses `$` references. `${name}` and `$name` (the longest run of letters, digits and `_`) refer to
 * a group by number when all digits, else by name; a `$` not followed by a reference is literal.
 */
export function parseReplacement(text: string): ReplacementTemplate {
  const parts: TemplatePart[] = [];
  let literal = '';
  let references = 0;
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar < 0) {
      literal += text.slice(i);
      break;
    }
    literal += text.slice(i, dollar);
    i = dollar + 1;
    if (text.charCodeAt(i) === 0x24) {
      literal += '$';
      i++;
      continue;
    }
    let name: string | undefined;
    if (text.charCodeAt(i) === 0x7b) {
      const close = text.indexOf('}', i + 1);
      if (close > i + 1) {
        name = text.slice(i + 1, close);
        i = close + 1;
      }
    } else {
      let end = i;
      while (end < text.length && isNameCode(text.charCodeAt(end))) end++;
      if (end > i) {
        name = text.slice(i, end);
        i = end;
      }
    }
    if (name === undefined) {
      literal += '$';
      continue;
    }
    if (literal !== '') parts.push(literal);
    literal = '';
    references++;
    parts.push(/^[0-9]+$/.test(name) ? { group: Number(name) } : { name });
  }
  if (literal !== '') parts.push(literal);
  return { parts, references };
}

/** Describes a reference for diagnostics: `${1}` or `${name}`. */
export function describeReference(part: Exclude<TemplatePart, string>): string {
  return 'group' in part ? `\${${part.group}}` : `\${${part.name}}`;
}

/** Expands a template with a function that returns each group's bytes ('' when it did not take part). */
export function expandTemplate(
  template: ReplacementTemplate,
  group: (part: Exclude<TemplatePart, string>) => string,
): string {
  let out = '';
  for (const part of template.parts) out += typeof part === 'string' ? part : group(part);
  return out;
}

/**
 * Parses the replacement literal (argument #3 of `fn`) and checks it: at most {@link MAX_REFERENCES}
 * references, and each accepted by `problem`, which returns why a reference is wrong (or undefined).
 */
export function checkedReplacement(
  fn: string,
  text: string,
  problem: (part: Exclude<TemplatePart, string>) => string | undefined,
): ReplacementTemplate | CheckFailure {
  const template = parseReplacement(text);
  if (template.references > MAX_REFERENCES) {
    return valueError(
      fn,
      2,
      `at most ${MAX_REFERENCES} capture references are allowed, got ${template.references}`,
    );
  }
  for (const part of template.parts) {
    if (typeof part === 'string') continue;
    const reason = problem(part);
    if (reason !== undefined) return valueError(fn, 2, reason);
  }
  return template;
}

/** The impl of a replace function: a missing source stays missing, a present one goes through `rewrite`. */
export function replaceImpl(
  rewrite: (source: string) => string,
): (values: readonly MaybeValue[]) => MaybeValue {
  return (values) => {
    const source = values[0];
    return typeof source === 'string' ? rewrite(source) : undefined;
  };
}
