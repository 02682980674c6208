// Argument checks shared by all function definitions: counts, types, literal-vs-field, option letters.
import { typeName } from '../type-utils.js';
import type { ArgInfo, CheckResult, Type } from './types.js';

/** A failed check, in the shape `FunctionDefinition.check` returns. */
export type CheckFailure = Extract<CheckResult, { ok: false }>;

/** A `type` failure, for argument `argIndex` (0-based) when given. */
export function argError(message: string, argIndex?: number): CheckFailure {
  return argIndex === undefined
    ? { ok: false, category: 'type', message }
    : { ok: false, category: 'type', message, argIndex };
}

/** `invalid number of arguments` failure, naming the accepted range. */
export function countError(fn: string, min: number, max: number, got: number): CheckFailure {
  const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
  return argError(`invalid number of arguments for ${fn}: expected ${expected}, got ${got}`);
}

/** Checks the argument count; returns a failure or undefined. */
export function checkCount(
  fn: string,
  args: readonly ArgInfo[],
  min: number,
  max: number,
): CheckFailure | undefined {
  return args.length < min || args.length > max ? countError(fn, min, max, args.length) : undefined;
}

/** Checks that argument `index` has one of the given type kinds. */
export function checkType(
  fn: string,
  args: readonly ArgInfo[],
  index: number,
  kinds: readonly Type['kind'][],
): CheckFailure | undefined {
  const arg = args[index];
  if (arg === undefined) return undefined;
  if (kinds.includes(arg.type.kind)) return undefined;
  const expected = kinds.map((kind) => typeName({ kind } as Type)).join(' or ');
  return argError(
    `invalid type of argument #${index + 1} of ${fn}: expected ${expected}, got ${typeName(arg.type)}`,
    index,
  );
}

/** Checks that argument `index` is an array of Bytes. */
export function checkBytesArray(
  fn: string,
  args: readonly ArgInfo[],
  index: number,
): CheckFailure | undefined {
  const arg = args[index];
  if (arg === undefined) return undefined;
  if (arg.type.kind === 'array' && arg.type.of.kind === 'bytes') return undefined;
  return argError(
    `invalid type of argument #${index + 1} of ${fn}: expected Array<Bytes>, got ${typeName(arg.type)}`,
    index,
  );
}

/** Cloudflare requires a field here ("it cannot be a literal"); a function result is accepted too. */
export function checkNotLiteral(
  fn: string,
  args: readonly ArgInfo[],
  index: number,
): CheckFailure | undefined {
  const arg = args[index];
  if (arg === undefined || !arg.isLiteral) return undefined;
  return argError(`invalid kind of argument #${index + 1} of ${fn}: expected a field, got a literal`, index);
}

/** Cloudflare requires a literal here (options, keys, patterns checked at compile time). */
export function checkLiteral(fn: string, args: readonly ArgInfo[], index: number): CheckFailure | undefined {
  const arg = args[index];
  if (arg === undefined || (arg.isLiteral && arg.literal !== undefined)) return undefined;
  return argError(
    `invalid kind of argument #${index + 1} of ${fn}: expected a literal, got ${arg.isField ? 'a field' : 'an expression'}`,
    index,
  );
}

/** Checks that argument `index` is a Bytes literal (patterns, replacements, option letters). */
export function checkBytesLiteral(
  fn: string,
  args: readonly ArgInfo[],
  index: number,
): CheckFailure | undefined {
  return checkType(fn, args, index, ['bytes']) ?? checkLiteral(fn, args, index);
}

/** An `invalid value of argument` failure with a reason. */
export function valueError(fn: string, index: number, reason: string): CheckFailure {
  return argError(`invalid value of argument #${index + 1} of ${fn}: ${reason}`, index);
}

/**
 * Reads a literal option string made of the given letters (each at most once, any order).
 * Returns the set of letters, or a failure naming the offending letter.
 */
export function parseFlags(
  fn: string,
  index: number,
  text: string,
  allowed: string,
): { ok: true; flags: ReadonlySet<string> } | CheckFailure {
  const flags = new Set<string>();
  for (const letter of text) {
    if (!allowed.includes(letter)) {
      const list = [...allowed].map((l) => `"${l}"`).join(', ');
      return valueError(fn, index, `unknown flag ${JSON.stringify(letter)} (allowed: ${list})`);
    }
    if (flags.has(letter)) return valueError(fn, index, `flag ${JSON.stringify(letter)} given twice`);
    flags.add(letter);
  }
  return { ok: true, flags };
}

/** The first failure of a list of checks, or undefined when all pass. */
export function firstFailure(...results: (CheckFailure | undefined)[]): CheckFailure | undefined {
  for (const result of results) if (result !== undefined) return result;
  return undefined;
}
