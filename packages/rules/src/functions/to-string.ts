// to_string(Int | Bool | Ip): the value's text; Transform Rules rewrite expressions and redirects only.
// https://developers.cloudflare.com/ruleset-engine/rules-language/functions/#to_string
import { checkCount, checkType, firstFailure } from './arg-checks.js';
import { formatIp } from './ip-text.js';
import type { FunctionDefinition, IpValue, MaybeValue } from './types.js';

/** `to_string`: decimal integers, "true"/"false", IP text. */
export const toString: FunctionDefinition = {
  name: 'to_string',
  phases: ['transform'],
  check(args) {
    const failure = firstFailure(
      checkCount('to_string', args, 1, 1),
      checkType('to_string', args, 0, ['int', 'bool', 'ip']),
    );
    if (failure !== undefined) return failure;
    return {
      ok: true,
      returns: { kind: 'bytes' },
      impl: (values: readonly MaybeValue[]): MaybeValue => {
        const value = values[0];
        if (typeof value === 'number') return String(value);
        if (typeof value === 'boolean') return value ? 'true' : 'false';
        if (typeof value === 'object' && 'family' in value) return formatIp(value as IpValue);
        return undefined;
      },
    };
  },
};
