// Shared argument checks for function definitions: counts, types, literal-vs-field.
import type { ArgInfo, CheckResult, Type } from './types.js';

/** A `type` failure for argument `argIndex` (0-based), wirefilter-style wording. */
export function argError(message: string, argIndex?: number): CheckResult {
  return argIndex === undefined
    ? { ok: false, category: 'type', message }
    : { ok: false, category: 'type', message, argIndex };
}

/** Checks the argument count is within [min, max]. */
export function checkCount(
  name: string,
  args: readonly ArgInfo[],
  min: number,
  max: number,
): CheckResult | undefined {
  if (args.length >= min && args.length <= max) return undefined;
  const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
  return argError(`invalid number of arguments for ${name}: expected ${expected}, got ${args.length}`);
}

/** Checks argument `i` has type kind `kind`. */
export function checkKind(
  args: readonly ArgInfo[],
  i: number,
  kind: Type['kind'],
  label: string,
): CheckResult | undefined {
  const a = args[i];
  if (a !== undefined && a.type.kind === kind) return undefined;
  return argError(`invalid type of argument #${i + 1}: expected ${label}`, i);
}

/** Checks argument `i` is not a literal (Cloudflare: "the source must be a field"). */
export function checkNotLiteral(name: string, args: readonly ArgInfo[], i: number): CheckResult | undefined {
  const a = args[i];
  if (a === undefined || !a.isLiteral) return undefined;
  return argError(
    `invalid kind of argument #${i + 1}: ${name} needs a field or expression here, not a literal`,
    i,
  );
}
