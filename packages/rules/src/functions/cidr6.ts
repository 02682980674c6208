// cidr6(address, v6_bits): the IPv6 network address of an IP field; IPv4 addresses come back unchanged.
// https://developers.cloudflare.com/ruleset-engine/rules-language/functions/#cidr6
import { checkCount, firstFailure } from './arg-checks.js';
import { checkAddress, checkBits, isIp, networkAddress } from './cidr.js';
import type { FunctionDefinition, MaybeValue } from './types.js';

/** `cidr6`: as cidr(address, 32, v6_bits), so IPv4 addresses come back unchanged. */
export const cidr6: FunctionDefinition = {
  name: 'cidr6',
  phases: ['custom'],
  check(args) {
    const failure = firstFailure(
      checkCount('cidr6', args, 2, 2),
      checkAddress('cidr6', args),
      checkBits('cidr6', args, 1, 128),
    );
    if (failure !== undefined) return failure;
    const v6 = args[1]?.literal as number;
    return {
      ok: true,
      returns: { kind: 'ip' },
      impl: (values: readonly MaybeValue[]): MaybeValue => {
        const ip = values[0];
        if (!isIp(ip)) return undefined;
        return ip.family === 4 ? ip : networkAddress(ip, v6);
      },
    };
  },
};
