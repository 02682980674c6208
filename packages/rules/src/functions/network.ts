// What cidr and cidr6 share: their argument checks and the network address of an IP value.
import {
  checkCount,
  checkLiteral,
  checkNotLiteral,
  checkType,
  firstFailure,
  valueError,
  type CheckFailure,
} from './arg-checks.js';
import type { ArgInfo, CheckResult, IpValue, MaybeValue } from './types.js';

/** Clears the host bits of `ip`, keeping the first `bits` bits (the address itself when it keeps them all). */
export function networkAddress(ip: IpValue, bits: number): IpValue {
  if (bits >= ip.bytes.length * 8) return ip;
  const bytes = new Uint8Array(ip.bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const keep = Math.min(Math.max(bits - i * 8, 0), 8);
    bytes[i] = (ip.bytes[i] ?? 0) & ((0xff00 >> keep) & 0xff);
  }
  return { family: ip.family, bytes };
}

/** Narrows a runtime value to an IP address. */
export function isIp(value: MaybeValue): value is IpValue {
  return typeof value === 'object' && value !== null && 'family' in value && 'bytes' in value;
}

/** Checks a literal network-bits argument in [1, max]. */
function checkBits(
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

/**
 * Checks `fn(address, bits…)`: an IP address that is not a literal, then one literal bits argument
 * per entry of `maxBits`, each in [1, max].
 */
export function checkNetworkArgs(
  fn: string,
  args: readonly ArgInfo[],
  maxBits: readonly number[],
): CheckFailure | undefined {
  return firstFailure(
    checkCount(fn, args, 1 + maxBits.length, 1 + maxBits.length),
    checkType(fn, args, 0, ['ip']),
    checkNotLiteral(fn, args, 0),
    ...maxBits.map((max, i) => checkBits(fn, args, i + 1, max)),
  );
}

/** The checked result: an IP's network address keeping `v4Bits` or `v6Bits` bits by family; missing stays missing. */
export function networkResult(v4Bits: number, v6Bits: number): CheckResult {
  return {
    ok: true,
    returns: { kind: 'ip' },
    impl: (values: readonly MaybeValue[]): MaybeValue => {
      const ip = values[0];
      if (!isIp(ip)) return undefined;
      return networkAddress(ip, ip.family === 4 ? v4Bits : v6Bits);
    },
  };
}
