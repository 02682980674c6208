// lookup_json_string(document, key…): the string at a JSON key path, escapes resolved, as UTF-8 bytes.
// https://developers.cloudflare.com/ruleset-engine/rules-language/functions/#lookup_json_string
import { checkJsonLookup } from './lookup-json.js';
import type { FunctionDefinition } from './types.js';

/** `lookup_json_string`: missing unless the path leads to a JSON string in a valid document. */
export const lookupJsonString: FunctionDefinition = {
  name: 'lookup_json_string',
  phases: ['custom', 'transform'],
  check(args) {
    return checkJsonLookup('lookup_json_string', args, { kind: 'bytes' }, (leaf) =>
      leaf.kind === 'string' ? leaf.value : undefined,
    );
  },
};
