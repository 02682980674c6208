// join(items, separator): the items of a Bytes array separated by the separator; any missing argument gives missing.
// https://developers.cloudflare.com/ruleset-engine/rules-language/functions/#join
import { checkBytesArray, checkCount, checkType, firstFailure } from './arg-checks.js';
import type { FunctionDefinition, MaybeValue } from './types.js';

/** `join`: Transform Rules, custom rules and Custom Error Rules. */
export const join: FunctionDefinition = {
  name: 'join',
  phases: ['custom', 'transform'],
  check(args) {
    const failure = firstFailure(
      checkCount('join', args, 2, 2),
      checkBytesArray('join', args, 0),
      checkType('join', args, 1, ['bytes']),
    );
    if (failure !== undefined) return failure;
    return {
      ok: true,
      returns: { kind: 'bytes' },
      impl: (values: readonly MaybeValue[]): MaybeValue => {
        const [items, separator] = values;
        if (!Array.isArray(items) || typeof separator !== 'string') return undefined;
        return (items as readonly string[]).join(separator);
      },
    };
  },
};
