// regex_replace(source, regex, replacement): replaces the first match of a Rust-syntax regex (linear time, re2js).
// https://developers.cloudflare.com/ruleset-engine/rules-language/functions/#regex_replace
import { compileRegexFromBytes } from '../literals/regex.js';
import { checkBytesLiteral, checkCount, checkType, firstFailure } from './arg-checks.js';
import {
  checkedReplacement,
  describeReference,
  expandTemplate,
  REPLACE_GROUP,
  replaceImpl,
} from './replacement-template.js';
import type { FunctionDefinition } from './types.js';

/**
 * `regex_replace`: Transform Rules rewrite expressions and dynamic redirects only. The pattern and
 * the replacement must be literals (both are checked at compile time); the source may be anything
 * of type Bytes (the docs' own examples pass literals). No match leaves the source unchanged.
 */
export const regexReplace: FunctionDefinition = {
  name: 'regex_replace',
  phases: ['transform'],
  exclusiveGroup: REPLACE_GROUP,
  check(args) {
    const fn = 'regex_replace';
    const failure = firstFailure(
      checkCount(fn, args, 3, 3),
      checkType(fn, args, 0, ['bytes']),
      checkBytesLiteral(fn, args, 1),
      checkBytesLiteral(fn, args, 2),
    );
    if (failure !== undefined) return failure;
    const compiled = compileRegexFromBytes(args[1]?.literal as string);
    if (!compiled.ok) return { ok: false, category: 'regex', message: compiled.message, argIndex: 1 };
    const regex = compiled.regex;
    const template = checkedReplacement(fn, args[2]?.literal as string, (part) => {
      if (!('group' in part)) {
        return `named reference ${describeReference(part)} is not supported; use a group number such as \${1}`;
      }
      if (part.group <= regex.groupCount) return undefined;
      const count =
        regex.groupCount === 0
          ? 'the regex has no capture group'
          : `the regex has ${regex.groupCount} capture group(s)`;
      return `${describeReference(part)} refers to no capture group (${count}; use $$ for a literal $)`;
    });
    if ('ok' in template) return template;
    return {
      ok: true,
      returns: { kind: 'bytes' },
      impl: replaceImpl((source) => {
        const match = regex.firstMatch(source);
        if (match === undefined) return source;
        const replaced = expandTemplate(template, (part) =>
          'group' in part ? (part.group === 0 ? match.match : (match.groups[part.group - 1] ?? '')) : '',
        );
        return match.before + replaced + match.after;
      }),
    };
  },
};
