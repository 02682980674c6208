// lookup_json_integer(document, key…): the plain integer at a JSON key path (42.0, 1e2 and "2" give nothing).
// https://developers.cloudflare.com/ruleset-engine/rules-language/functions/#lookup_json_integer
import { checkJsonLookup } from './lookup-json.js';
import type { FunctionDefinition } from './types.js';

/** `lookup_json_integer`: missing unless the path leads to a JSON integer in a valid document. */
export const lookupJsonInteger: FunctionDefinition = {
  name: 'lookup_json_integer',
  phases: ['custom', 'transform'],
  check(args) {
    return checkJsonLookup('lookup_json_integer', args, { kind: 'int' }, (leaf) =>
      leaf.kind === 'integer' ? leaf.value : undefined,
    );
  },
};
