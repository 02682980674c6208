// regex_replace(source, regex, replacement): replaces the first match of a Rust-syntax regex (linear time, re2js).
// https://developers.cloudflare.com/ruleset-engine/rules-language/functions/#regex_replace
import { compileRegexFromBytes } from '../literals/regex.js';
import { checkCount, checkLiteral, checkType, firstFailure, valueError } from './arg-checks.js';
import {
  describeReference,
  expandTemplate,
  MAX_REFERENCES,
  parseReplacement,
} from './replacement-template.js';
import type { FunctionDefinition, MaybeValue } from './types.js';
import { REPLACE_GROUP } from './wildcard-replace.js';

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
      checkType(fn, args, 1, ['bytes']),
      checkLiteral(fn, args, 1),
      checkType(fn, args, 2, ['bytes']),
      checkLiteral(fn, args, 2),
    );
    if (failure !== undefined) return failure;
    const compiled = compileRegexFromBytes(args[1]?.literal as string);
    if (!compiled.ok) return { ok: false, category: 'regex', message: compiled.message, argIndex: 1 };
    const regex = compiled.regex;
    const template = parseReplacement(args[2]?.literal as string);
    if (template.references > MAX_REFERENCES) {
      return valueError(
        fn,
        2,
        `at most ${MAX_REFERENCES} capture references are allowed, got ${template.references}`,
      );
    }
    for (const part of template.parts) {
      if (typeof part === 'string') continue;
      if (!('group' in part)) {
        return valueError(
          fn,
          2,
          `named reference ${describeReference(part)} is not supported; use a group number such as \${1}`,
        );
      }
      if (part.group > regex.groupCount) {
        const count =
          regex.groupCount === 0
            ? 'the regex has no capture group'
            : `the regex has ${regex.groupCount} capture group(s)`;
        return valueError(
          fn,
          2,
          `${describeReference(part)} refers to no capture group (${count}; use $$ for a literal $)`,
        );
      }
    }
    return {
      ok: true,
      returns: { kind: 'bytes' },
      impl: (values: readonly MaybeValue[]): MaybeValue => {
        const source = values[0];
        if (typeof source !== 'string') return undefined;
        const match = regex.firstMatch(source);
        if (match === undefined) return source;
        const replaced = expandTemplate(template, (part) =>
          'group' in part ? (part.group === 0 ? match.match : (match.groups[part.group - 1] ?? '')) : '',
        );
        return match.before + replaced + match.after;
      },
    };
  },
};
