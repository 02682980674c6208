// wildcard_replace(source, pattern, replacement[, "s"]): rewrites a field that wholly matches a wildcard pattern.
// https://developers.cloudflare.com/ruleset-engine/rules-language/functions/#wildcard_replace
import {
  checkBytesLiteral,
  checkCount,
  checkNotLiteral,
  checkType,
  firstFailure,
  parseFlags,
} from './arg-checks.js';
import { parseWildcard, wildcardCaptures } from '../literals/wildcard.js';
import {
  checkedReplacement,
  describeReference,
  expandTemplate,
  REPLACE_GROUP,
  replaceImpl,
} from './replacement-template.js';
import type { FunctionDefinition } from './types.js';

/**
 * `wildcard_replace`: URL rewrites and dynamic redirects only. The source must not be a literal;
 * pattern, replacement and flags must be. A source that does not match is returned unchanged.
 */
export const wildcardReplace: FunctionDefinition = {
  name: 'wildcard_replace',
  phases: ['transform'],
  exclusiveGroup: REPLACE_GROUP,
  check(args) {
    const fn = 'wildcard_replace';
    const failure = firstFailure(
      checkCount(fn, args, 3, 4),
      checkType(fn, args, 0, ['bytes']),
      checkNotLiteral(fn, args, 0),
      checkBytesLiteral(fn, args, 1),
      checkBytesLiteral(fn, args, 2),
      checkBytesLiteral(fn, args, 3),
    );
    if (failure !== undefined) return failure;
    const parsed = parseWildcard(args[1]?.literal as string);
    if (!parsed.ok) return { ok: false, category: 'wildcard', message: parsed.message, argIndex: 1 };
    const stars = parsed.pattern.segments.length - 1;
    const template = checkedReplacement(fn, args[2]?.literal as string, (part) => {
      if ('group' in part && part.group >= 1 && part.group <= stars) return undefined;
      const range = stars === 0 ? 'the pattern has no *' : `the pattern's * are numbered 1 to ${stars}`;
      return `${describeReference(part)} refers to no capture (${range}; use $$ for a literal $)`;
    });
    if ('ok' in template) return template;
    let caseSensitive = false;
    const flags = args[3]?.literal;
    if (typeof flags === 'string') {
      const parsedFlags = parseFlags(fn, 3, flags, 's');
      if (!parsedFlags.ok) return parsedFlags;
      caseSensitive = parsedFlags.flags.has('s');
    }
    const pattern = parsed.pattern;
    return {
      ok: true,
      returns: { kind: 'bytes' },
      impl: replaceImpl((source) => {
        const captures = wildcardCaptures(pattern, source, !caseSensitive);
        if (captures === undefined) return source;
        return expandTemplate(template, (part) => ('group' in part ? (captures[part.group - 1] ?? '') : ''));
      }),
    };
  },
};
