// upper(Bytes field) -> Bytes: ASCII a-z to A-Z, other bytes untouched.
import { asciiUpper } from '../bytes.js';
import { checkCount, checkNotLiteral, checkType } from './arg-checks.js';
import type { FunctionDefinition } from './types.js';

/** The `upper` function. */
export const upperFunction: FunctionDefinition = {
  name: 'upper',
  phases: ['custom', 'transform'],
  check(args) {
    const bad =
      checkCount('upper', args, 1, 1) ??
      checkType('upper', args, 0, ['bytes']) ??
      checkNotLiteral('upper', args, 0);
    if (bad !== undefined) return bad;
    return { ok: true, returns: args[0]!.type, impl: (a) => asciiUpper(a[0] as string) };
  },
};
