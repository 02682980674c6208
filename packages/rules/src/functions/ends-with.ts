// ends_with(Bytes field, Bytes) -> Bool: byte-wise suffix test.
import { BOOL } from '../type-utils.js';
import { checkCount, checkNotLiteral, checkType } from './arg-checks.js';
import type { FunctionDefinition } from './types.js';

/** The `ends_with` function. */
export const endsWithFunction: FunctionDefinition = {
  name: 'ends_with',
  phases: ['custom', 'transform'],
  check(args) {
    const bad =
      checkCount('ends_with', args, 2, 2) ??
      checkType('ends_with', args, 0, ['bytes']) ??
      checkType('ends_with', args, 1, ['bytes']) ??
      checkNotLiteral('ends_with', args, 0);
    if (bad !== undefined) return bad;
    return { ok: true, returns: BOOL, impl: (a) => (a[0] as string).endsWith(a[1] as string) };
  },
};
