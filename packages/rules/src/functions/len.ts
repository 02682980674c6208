// len(Bytes | Array<T>) -> Int: byte length or element count.
import { INT } from '../type-utils.js';
import { argError, checkCount } from './arguments.js';
import type { FunctionDefinition } from './types.js';

/** The `len` function. */
export const lenFunction: FunctionDefinition = {
  name: 'len',
  phases: ['custom', 'transform'],
  check(args) {
    const bad = checkCount('len', args, 1, 1);
    if (bad !== undefined) return bad;
    const k = args[0]!.type.kind;
    if (k !== 'bytes' && k !== 'array')
      return argError('invalid type of argument #1: expected Bytes or Array', 0);
    return { ok: true, returns: INT, impl: (a) => (a[0] as string | readonly unknown[]).length };
  },
};
