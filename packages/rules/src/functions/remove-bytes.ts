// remove_bytes(source, bytes): the source without any byte listed in the second argument (a set, not a substring).
// https://developers.cloudflare.com/ruleset-engine/rules-language/functions/#remove_bytes
import { checkCount, checkType, firstFailure } from './arg-checks.js';
import type { FunctionDefinition, MaybeValue } from './types.js';

/** Removes every byte of `source` that appears in `set`. */
export function removeBytes(source: string, set: string): string {
  if (set.length === 0 || source.length === 0) return source;
  const drop = new Uint8Array(256);
  for (let i = 0; i < set.length; i++) drop[set.charCodeAt(i) & 0xff] = 1;
  let out = '';
  let runStart = 0;
  for (let i = 0; i < source.length; i++) {
    if (drop[source.charCodeAt(i) & 0xff] === 1) {
      if (i > runStart) out += source.slice(runStart, i);
      runStart = i + 1;
    }
  }
  return runStart === 0 ? source : out + source.slice(runStart);
}

/** `remove_bytes`: usable in every phase. */
export const removeBytesFunction: FunctionDefinition = {
  name: 'remove_bytes',
  phases: ['custom', 'transform'],
  check(args) {
    const failure = firstFailure(
      checkCount('remove_bytes', args, 2, 2),
      checkType('remove_bytes', args, 0, ['bytes']),
      checkType('remove_bytes', args, 1, ['bytes']),
    );
    if (failure !== undefined) return failure;
    return {
      ok: true,
      returns: { kind: 'bytes' },
      impl: (values: readonly MaybeValue[]): MaybeValue => {
        const [source, set] = values;
        return typeof source === 'string' && typeof set === 'string' ? removeBytes(source, set) : undefined;
      },
    };
  },
};
