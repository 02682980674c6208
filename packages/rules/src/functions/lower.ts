// lower(Bytes field) -> Bytes: ASCII A-Z to a-z, other bytes untouched.
import { asciiLower } from '../bytes.js';
import { checkCount, checkNotLiteral, checkType } from './arg-checks.js';
import type { FunctionDefinition } from './types.js';

/** The `lower` function. */
export const lowerFunction: FunctionDefinition = {
  name: 'lower',
  phases: ['custom', 'transform'],
  check(args) {
    const bad =
      checkCount('lower', args, 1, 1) ??
      checkType('lower', args, 0, ['bytes']) ??
      checkNotLiteral('lower', args, 0);
    if (bad !== undefined) return bad;
    return { ok: true, returns: args[0]!.type, impl: (a) => asciiLower(a[0] as string) };
  },
};
