// decode_base64(source): standard Base64 decoding of a field; missing when the value is not Base64.
// https://developers.cloudflare.com/ruleset-engine/rules-language/functions/#decode_base64
import { checkCount, checkNotLiteral, checkType, firstFailure } from './arg-checks.js';
import { decodeBase64 as decode } from './base64.js';
import type { FunctionDefinition, MaybeValue } from './types.js';

/** `decode_base64`: Transform Rules, custom rules and rate limiting rules; the source cannot be a literal. */
export const decodeBase64: FunctionDefinition = {
  name: 'decode_base64',
  phases: ['custom', 'transform'],
  check(args) {
    const failure = firstFailure(
      checkCount('decode_base64', args, 1, 1),
      checkType('decode_base64', args, 0, ['bytes']),
      checkNotLiteral('decode_base64', args, 0),
    );
    if (failure !== undefined) return failure;
    return {
      ok: true,
      returns: { kind: 'bytes' },
      impl: (values: readonly MaybeValue[]): MaybeValue => {
        const source = values[0];
        return typeof source === 'string' ? decode(source, false) : undefined;
      },
    };
  },
};
