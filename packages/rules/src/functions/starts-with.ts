// starts_with(Bytes field, Bytes) -> Bool: byte-wise prefix test.
import { BOOL } from '../type-utils.js';
import { checkCount, checkNotLiteral, checkType } from './arg-checks.js';
import type { FunctionDefinition } from './types.js';

/** The `starts_with` function. */
export const startsWithFunction: FunctionDefinition = {
  name: 'starts_with',
  phases: ['custom', 'transform'],
  check(args) {
    const bad =
      checkCount('starts_with', args, 2, 2) ??
      checkType('starts_with', args, 0, ['bytes']) ??
      checkType('starts_with', args, 1, ['bytes']) ??
      checkNotLiteral('starts_with', args, 0);
    if (bad !== undefined) return bad;
    return { ok: true, returns: BOOL, impl: (a) => (a[0] as string).startsWith(a[1] as string) };
  },
};
