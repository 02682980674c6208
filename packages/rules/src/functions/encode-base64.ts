// encode_base64(input[, flags]): Base64 text, unpadded standard alphabet by default; "u" URL-safe, "p" padded.
// https://developers.cloudflare.com/changelog/2026-01-22-sha256-base64-encode-functions/
import { checkCount, checkLiteral, checkType, firstFailure, parseFlags } from './arg-checks.js';
import { encodeBase64 as encode } from './base64.js';
import type { FunctionDefinition, MaybeValue } from './types.js';

/** `encode_base64`: header transform rules only; the input may be a literal; flags in one literal. */
export const encodeBase64: FunctionDefinition = {
  name: 'encode_base64',
  phases: ['transform'],
  check(args) {
    const failure = firstFailure(
      checkCount('encode_base64', args, 1, 2),
      checkType('encode_base64', args, 0, ['bytes']),
      checkType('encode_base64', args, 1, ['bytes']),
      checkLiteral('encode_base64', args, 1),
    );
    if (failure !== undefined) return failure;
    let urlSafe = false;
    let pad = false;
    const flags = args[1]?.literal;
    if (typeof flags === 'string') {
      const parsed = parseFlags('encode_base64', 1, flags, 'up');
      if (!parsed.ok) return parsed;
      urlSafe = parsed.flags.has('u');
      pad = parsed.flags.has('p');
    }
    return {
      ok: true,
      returns: { kind: 'bytes' },
      impl: (values: readonly MaybeValue[]): MaybeValue => {
        const input = values[0];
        return typeof input === 'string' ? encode(input, urlSafe, pad) : undefined;
      },
    };
  },
};
