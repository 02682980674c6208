// sha256(input): the 32 raw bytes of the SHA-256 digest (pure JS, so the engine stays isomorphic).
// https://developers.cloudflare.com/changelog/2026-01-22-sha256-base64-encode-functions/
import { sha256 as digest } from '@noble/hashes/sha2.js';
import { checkCount, checkType, firstFailure } from './arg-checks.js';
import { binaryToBytes, bytesToBinary } from './binary.js';
import type { FunctionDefinition, MaybeValue } from './types.js';

/** `sha256`: header transform rules only ("requires enablement" at Cloudflare); the input may be a literal. */
export const sha256: FunctionDefinition = {
  name: 'sha256',
  phases: ['transform'],
  check(args) {
    const failure = firstFailure(checkCount('sha256', args, 1, 1), checkType('sha256', args, 0, ['bytes']));
    if (failure !== undefined) return failure;
    return {
      ok: true,
      returns: { kind: 'bytes' },
      impl: (values: readonly MaybeValue[]): MaybeValue => {
        const input = values[0];
        return typeof input === 'string' ? bytesToBinary(digest(binaryToBytes(input))) : undefined;
      },
    };
  },
};
