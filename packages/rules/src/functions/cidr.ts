// cidr(address, v4_bits, v6_bits): the network address of an IP field for the bits of its family.
// https://developers.cloudflare.com/ruleset-engine/rules-language/functions/#cidr
import {
  checkCount,
  checkLiteral,
  checkNotLiteral,
  checkType,
  firstFailure,
  valueError,
  type CheckFailure,
} from './arg-checks.js';
import type { ArgInfo, FunctionDefinition, IpValue, MaybeValue } from './types.js';

/** Clears the host bits of `ip`, keeping the first `bits` bits. */
export function networkAddress(ip: IpValue, bits: number): IpValue {
  const bytes = new Uint8Array(ip.bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const keep = Math.min(Math.max(bits - i * 8, 0), 8);
    bytes[i] = (ip.bytes[i] ?? 0) & ((0xff00 >> keep) & 0xff);
  }
  return { family: ip.family, bytes };
}

/** Checks a literal network-bits argument in [1, max]. */
export function checkBits(
  fn: string,
  args: readonly ArgInfo[],
  index: number,
  max: number,
): CheckFailure | undefined {
  const failure = firstFailure(checkType(fn, args, index, ['int']), checkLiteral(fn, args, index));
  if (failure !== undefined) return failure;
  const bits = args[index]?.literal;
  if (typeof bits !== 'number' || bits < 1 || bits > max) {
    return valueError(fn, index, `network bits must be between 1 and ${max}, got ${String(bits)}`);
  }
  return undefined;
}

/** Checks the address argument: an IP that is not a literal. */
export function checkAddress(fn: string, args: readonly ArgInfo[]): CheckFailure | undefined {
  return firstFailure(checkType(fn, args, 0, ['ip']), checkNotLiteral(fn, args, 0));
}

/** Narrows a runtime value to an IP address. */
export function isIp(value: MaybeValue): value is IpValue {
  return typeof value === 'object' && value !== null && 'family' in value && 'bytes' in value;
}

/** `cidr`: custom rules and rate limiting rules only (not Transform Rules). */
export const cidr: FunctionDefinition = {
  name: 'cidr',
  phases: ['custom'],
  check(args) {
    const failure = firstFailure(
      checkCount('cidr', args, 3, 3),
      checkAddress('cidr', args),
      checkBits('cidr', args, 1, 32),
      checkBits('cidr', args, 2, 128),
    );
    if (failure !== undefined) return failure;
    const v4 = args[1]?.literal as number;
    const v6 = args[2]?.literal as number;
    return {
      ok: true,
      returns: { kind: 'ip' },
      impl: (values: readonly MaybeValue[]): MaybeValue => {
        const ip = values[0];
        if (!isIp(ip)) return undefined;
        return networkAddress(ip, ip.family === 4 ? v4 : v6);
      },
    };
  },
};
