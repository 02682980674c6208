// cidr(address, v4_bits, v6_bits): the network address of an IP field for the bits of its family.
// https://developers.cloudflare.com/ruleset-engine/rules-language/functions/#cidr
import { checkNetworkArgs, networkResult } from './network.js';
import type { FunctionDefinition } from './types.js';

/** `cidr`: custom rules and rate limiting rules only (not Transform Rules). */
export const cidr: FunctionDefinition = {
  name: 'cidr',
  phases: ['custom'],
  check(args) {
    return (
      checkNetworkArgs('cidr', args, [32, 128]) ??
      networkResult(args[1]?.literal as number, args[2]?.literal as number)
    );
  },
};
