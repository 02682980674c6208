// The argument checks and implementation shared by lookup_json_string and lookup_json_integer.
import { checkCount, checkType, firstFailure } from './arg-checks.js';
import { lookupJson, type JsonKey, type JsonLeaf } from './json-lookup.js';
import type { CheckResult, FunctionImpl, MaybeValue, ArgInfo, Type } from './types.js';

/** Most keys a lookup may walk (each key is one level of nesting, which JSON caps at 128). */
export const MAX_JSON_KEYS = 128;

/**
 * Checks `(document Bytes, key Bytes|Int, key…)` and builds an impl that turns the leaf found into
 * the function's result with `pick` (undefined = missing).
 */
export function checkJsonLookup(
  fn: string,
  args: readonly ArgInfo[],
  returns: Type,
  pick: (leaf: JsonLeaf) => MaybeValue,
): CheckResult {
  const failure = firstFailure(checkCount(fn, args, 2, MAX_JSON_KEYS + 1), checkType(fn, args, 0, ['bytes']));
  if (failure !== undefined) return failure;
  for (let i = 1; i < args.length; i++) {
    const keyFailure = checkType(fn, args, i, ['bytes', 'int']);
    if (keyFailure !== undefined) return keyFailure;
  }
  const keyArgs = args.slice(1);
  const constantPath = keyArgs.every((arg) => arg.isLiteral && arg.literal !== undefined)
    ? keyArgs.map((arg) => arg.literal as JsonKey)
    : undefined;
  const impl: FunctionImpl = (values) => {
    const document = values[0];
    if (typeof document !== 'string') return undefined;
    let path = constantPath;
    if (path === undefined) {
      const keys: JsonKey[] = [];
      for (let i = 1; i < values.length; i++) {
        const key = values[i];
        if (typeof key !== 'string' && typeof key !== 'number') return undefined;
        keys.push(key);
      }
      path = keys;
    }
    const leaf = lookupJson(document, path);
    return leaf === undefined ? undefined : pick(leaf);
  };
  return { ok: true, returns, impl };
}
