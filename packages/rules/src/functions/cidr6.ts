// cidr6(address, v6_bits): the IPv6 network address of an IP field; IPv4 addresses come back unchanged.
// https://developers.cloudflare.com/ruleset-engine/rules-language/functions/#cidr6
import { checkNetworkArgs, networkResult } from './network.js';
import type { FunctionDefinition } from './types.js';

/** `cidr6`: as cidr(address, 32, v6_bits), so IPv4 addresses come back unchanged. */
export const cidr6: FunctionDefinition = {
  name: 'cidr6',
  phases: ['custom'],
  check(args) {
    return checkNetworkArgs('cidr6', args, [128]) ?? networkResult(32, args[1]?.literal as number);
  },
};
