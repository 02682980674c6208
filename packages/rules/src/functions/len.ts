// len(Bytes | Array<T>) -> Int: byte length or element count.
import { INT, typeName } from '../type-utils.js';
import { argError, checkCount } from './arg-checks.js';
import type { FunctionDefinition } from './types.js';

/** The `len` function. */
export const lenFunction: FunctionDefinition = {
  name: 'len',
  phases: ['custom', 'transform'],
  check(args) {
    const bad = checkCount('len', args, 1, 1);
    if (bad !== undefined) return bad;
    const type = args[0]!.type;
    if (type.kind !== 'bytes' && type.kind !== 'array')
      return argError(
        `invalid type of argument #1 of len: expected Bytes or Array, got ${typeName(type)}`,
        0,
      );
    return { ok: true, returns: INT, impl: (a) => (a[0] as string | readonly unknown[]).length };
  },
};
