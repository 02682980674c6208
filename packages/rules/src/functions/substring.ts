// substring(source, start[, end]): bytes from start up to (not including) end; negative indexes count from the end.
// https://developers.cloudflare.com/ruleset-engine/rules-language/functions/#substring
import { checkCount, checkType, firstFailure } from './arg-checks.js';
import type { FunctionDefinition, MaybeValue } from './types.js';

/** Resolves a possibly negative index against `length`, clamped to [0, length]. */
function resolveIndex(index: number, length: number): number {
  const resolved = index < 0 ? length + index : index;
  return Math.min(Math.max(resolved, 0), length);
}

/**
 * Byte slice with Cloudflare's index rules. Out-of-range indexes (undocumented) are clamped and a
 * start past the end gives the empty string, so the function never fails at run time.
 */
export function byteSubstring(source: string, start: number, end?: number): string {
  const from = resolveIndex(start, source.length);
  const to = end === undefined ? source.length : resolveIndex(end, source.length);
  return from >= to ? '' : source.slice(from, to);
}

/** `substring`: usable in every phase. */
export const substring: FunctionDefinition = {
  name: 'substring',
  phases: ['custom', 'transform'],
  check(args) {
    const failure = firstFailure(
      checkCount('substring', args, 2, 3),
      checkType('substring', args, 0, ['bytes']),
      checkType('substring', args, 1, ['int']),
      checkType('substring', args, 2, ['int']),
    );
    if (failure !== undefined) return failure;
    return {
      ok: true,
      returns: { kind: 'bytes' },
      impl: (values: readonly MaybeValue[]): MaybeValue => {
        const [source, start, end] = values;
        if (typeof source !== 'string' || typeof start !== 'number') return undefined;
        return byteSubstring(source, start, typeof end === 'number' ? end : undefined);
      },
    };
  },
};
