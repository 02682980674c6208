// concat(Bytes, Bytes, …) -> Bytes | concat(Array<T>, Array<T>, …) -> Array<T>; skips missing arguments.
import { typeEquals, typeName } from '../type-utils.js';
import { argError, checkCount } from './arg-checks.js';
import type { FunctionDefinition, MaybeValue, Value } from './types.js';

/** The `concat` function. */
export const concatFunction: FunctionDefinition = {
  name: 'concat',
  phases: ['custom', 'transform'],
  check(args) {
    const bad = checkCount('concat', args, 2, Infinity);
    if (bad !== undefined) return bad;
    const first = args[0]!.type;
    if (first.kind !== 'bytes' && first.kind !== 'array')
      return argError(
        `invalid type of argument #1 of concat: expected Bytes or Array, got ${typeName(first)}`,
        0,
      );
    for (let i = 1; i < args.length; i++) {
      if (!typeEquals(args[i]!.type, first))
        return argError(
          `invalid type of argument #${i + 1} of concat: expected ${typeName(first)}, got ${typeName(args[i]!.type)}`,
          i,
        );
    }
    if (first.kind === 'bytes') {
      return {
        ok: true,
        returns: first,
        acceptsMissing: true,
        impl: (a: readonly MaybeValue[]) => {
          let out: string | undefined;
          for (const v of a)
            if (v !== undefined) out = out === undefined ? (v as string) : out + (v as string);
          return out;
        },
      };
    }
    return {
      ok: true,
      returns: first,
      acceptsMissing: true,
      impl: (a: readonly MaybeValue[]) => {
        let out: Value[] | undefined;
        for (const v of a) if (v !== undefined) (out ??= []).push(...(v as readonly Value[]));
        return out;
      },
    };
  },
};
