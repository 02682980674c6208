// Regular expressions with Rust `regex` semantics (byte-oriented, Unicode off by default), run by
// re2js in guaranteed linear time. The Rust pattern is translated to RE2 syntax over binary strings.
import { RE2JS } from 're2js';
import { binaryToUtf8, utf8ToBinary } from '../bytes.js';
import { ByteDfa, type Program } from './byte-dfa.js';

/**
 * Largest compiled program (RE2 instructions) accepted. Rust's limit is 10 MiB, but here a search
 * that outgrows the byte DFA costs about (input length × program size) in re2js; 1,000 keeps every
 * accepted program inside the DFA's reach (a counter such as `a{900}` needs ~900 states) while
 * real patterns stay far below it (a URL or fingerprint pattern is ~20-300).
 */
export const MAX_REGEX_PROGRAM_SIZE = 1_000;

/** The first match of a regex in a byte string, as binary strings. */
export interface RegexMatch {
  readonly before: string;
  readonly match: string;
  readonly after: string;
  /** Capture groups 1..n; undefined for a group that did not participate. */
  readonly groups: readonly (string | undefined)[];
}

/** A compiled pattern. `test` is an unanchored search over a binary string. */
export interface CompiledRegex {
  readonly pattern: string;
  test(subject: string): boolean;
  firstMatch(subject: string): RegexMatch | undefined;
  readonly groupCount: number;
}

/** The outcome of compiling a pattern. */
export type RegexResult =
  | { readonly ok: true; readonly regex: CompiledRegex }
  | { readonly ok: false; readonly message: string; readonly tooLarge: boolean };

interface Flags {
  i: boolean;
  u: boolean;
  x: boolean;
}

class RegexSyntaxError {
  constructor(readonly message: string) {}
}

const SPACE_CLASS = '\\t\\n\\x0B\\f\\r ';
const LITERAL_META = /[\\.+*?()|[\]{}^$#\s]/;

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

/** Translates a Rust pattern to RE2 syntax; reports whether Unicode mode is ever switched on. */
export function translateRustRegex(pattern: string): { source: string; unicode: boolean } {
  const unicode = /\(\?[a-zA-Z]*u[a-zA-Z-]*[:)]/.test(pattern);
  const stack: Flags[] = [];
  let flags: Flags = { i: false, u: unicode, x: false };
  let out = '';
  let i = 0;
  const n = pattern.length;
  const readHexEscape = (at: number, width: number): { value: number; end: number } => {
    // at points after `\x`, `\u` or `\U`
    let digits: string;
    let end: number;
    if (pattern[at] === '{') {
      const close = pattern.indexOf('}', at);
      digits = close < 0 ? '' : pattern.slice(at + 1, close);
      if (!/^[0-9a-fA-F]{1,8}$/.test(digits)) throw new RegexSyntaxError('invalid hexadecimal escape');
      end = close + 1;
    } else {
      digits = pattern.slice(at, at + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(digits))
        throw new RegexSyntaxError('invalid hexadecimal escape');
      end = at + width;
    }
    const value = parseInt(digits, 16);
    if (value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff))
      throw new RegexSyntaxError('hexadecimal escape is not a Unicode scalar value');
    return { value, end };
  };
  const byteOut = (v: number, inClass: boolean): string => {
    if (v < 0x80) return `\\x{${hex2(v)}}`;
    if (flags.u) return `\\x{${v.toString(16)}}`;
    if (v > 0xff) throw new RegexSyntaxError('Unicode not allowed here (enable it with (?u))');
    // re2js would fold Latin-1 letters in a case-insensitive class (\xC9 ~ \xE9); Rust folds ASCII
    // only. Refuse rather than match differently; (?-i:[…]) expresses the intent exactly.
    if (inClass && flags.i)
      throw new RegexSyntaxError(
        'a byte above \\x7F in a case-insensitive class is not supported; use (?-i:[...])',
      );
    return inClass ? `\\x{${hex2(v)}}` : `(?-i:\\x{${hex2(v)}})`;
  };
  const escape = (inClass: boolean): string => {
    const e = pattern[i + 1];
    if (e === undefined) throw new RegexSyntaxError('incomplete escape sequence, reached end of pattern');
    if (e >= '0' && e <= '9') throw new RegexSyntaxError('backreferences are not supported');
    if (e === 'x' || e === 'u' || e === 'U') {
      // \xHH, \uHHHH, \UHHHHHHHH or the braced forms \x{…}, \u{…}, \U{…}.
      const h = readHexEscape(i + 2, e === 'x' ? 2 : e === 'u' ? 4 : 8);
      i = h.end;
      return byteOut(h.value, inClass);
    }
    if (e === 'p' || e === 'P') {
      if (!flags.u)
        throw new RegexSyntaxError('Unicode-aware classes are not allowed; enable Unicode with (?u)');
      i += 2;
      return '\\' + e;
    }
    if ((e === 's' || e === 'S') && !flags.u) {
      i += 2;
      if (inClass) {
        if (e === 'S') return '\\S';
        return SPACE_CLASS;
      }
      return e === 's' ? `[${SPACE_CLASS}]` : `[^${SPACE_CLASS}]`;
    }
    if (e === 'Q' || e === 'E' || e === 'C' || e === 'G' || e === 'K' || e === 'X' || e === 'R')
      throw new RegexSyntaxError(`unrecognized escape sequence \\${e}`);
    const cp = pattern.codePointAt(i + 1) ?? 0;
    const len = cp > 0xffff ? 2 : 1;
    const text = pattern.slice(i, i + 1 + len);
    i += 1 + len;
    if (cp >= 0x80 && !flags.u) return literalOut(String.fromCodePoint(cp), inClass);
    return text;
  };
  const literalOut = (ch: string, inClass: boolean): string => {
    if (flags.u) return ch;
    if (inClass)
      throw new RegexSyntaxError(
        'Unicode not allowed here (a non-ASCII character in a class; enable Unicode with (?u))',
      );
    let s = '(?-i:';
    for (const b of utf8ToBinary(ch)) s += `\\x{${hex2(b.charCodeAt(0))}}`;
    return s + ')';
  };
  while (i < n) {
    const c = pattern[i] ?? '';
    if (flags.x && (c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f' || c === '\v')) {
      i++;
      continue;
    }
    if (flags.x && c === '#') {
      const nl = pattern.indexOf('\n', i);
      i = nl < 0 ? n : nl + 1;
      continue;
    }
    if (c === '\\') {
      out += escape(false);
      continue;
    }
    if (c === '(') {
      if (pattern[i + 1] === '?') {
        const rest = pattern.slice(i + 2, i + 5);
        if (rest.startsWith('=') || rest.startsWith('!') || rest.startsWith('<=') || rest.startsWith('<!'))
          throw new RegexSyntaxError('look-around, including look-ahead and look-behind, is not supported');
        if (rest.startsWith('P<') || rest.startsWith('<')) {
          stack.push(flags);
          flags = { ...flags };
          const nameStart = i + (rest.startsWith('P<') ? 4 : 3);
          const close = pattern.indexOf('>', nameStart);
          if (close < 0) throw new RegexSyntaxError('unclosed capture group name');
          out += `(?P<${pattern.slice(nameStart, close)}>`;
          i = close + 1;
          continue;
        }
        let j = i + 2;
        let on = true;
        const next: Flags = { ...flags };
        let re2Flags = '';
        while (j < n && /[a-zA-Z-]/.test(pattern[j] ?? '')) {
          const f = pattern[j];
          if (f === '-') {
            if (!on) throw new RegexSyntaxError('repeated negation in flags');
            on = false;
            re2Flags += '-';
          } else if (f === 'i') {
            next.i = on;
            re2Flags += 'i';
          } else if (f === 'm' || f === 's' || f === 'U') re2Flags += f;
          else if (f === 'u') next.u = on || unicode;
          else if (f === 'x') next.x = on;
          else if (f !== 'R') throw new RegexSyntaxError(`unrecognized flag ${f}`);
          j++;
        }
        re2Flags = re2Flags.replace(/-$/, '');
        const end = pattern[j];
        if (end === ')') {
          if (re2Flags !== '' && re2Flags !== '-') out += `(?${re2Flags})`;
          flags = next;
          i = j + 1;
          continue;
        }
        if (end === ':') {
          stack.push(flags);
          flags = next;
          out += re2Flags !== '' && re2Flags !== '-' ? `(?${re2Flags}:` : '(?:';
          i = j + 1;
          continue;
        }
        throw new RegexSyntaxError('unrecognized flag or group syntax');
      }
      stack.push(flags);
      flags = { ...flags };
      out += '(';
      i++;
      continue;
    }
    if (c === ')') {
      const prev = stack.pop();
      if (prev === undefined) throw new RegexSyntaxError('unopened group');
      flags = prev;
      out += ')';
      i++;
      continue;
    }
    if (c === '[') {
      out += translateClass();
      continue;
    }
    const cp = pattern.codePointAt(i) ?? 0;
    if (cp >= 0x80) {
      const ch = String.fromCodePoint(cp);
      out += literalOut(ch, false);
      i += ch.length;
      continue;
    }
    out += c;
    i++;
  }
  if (stack.length > 0) throw new RegexSyntaxError('unclosed group');
  return { source: out, unicode };

  function translateClass(): string {
    let s = '[';
    i++;
    if (pattern[i] === '^') {
      s += '^';
      i++;
    }
    if (pattern[i] === ']') {
      s += '\\]';
      i++;
    }
    while (true) {
      if (i >= n) throw new RegexSyntaxError('unclosed character class');
      const c = pattern[i] ?? '';
      if (c === ']') {
        i++;
        return s + ']';
      }
      if (c === '\\') {
        s += escape(true);
        continue;
      }
      if (c === '[') {
        if (pattern[i + 1] === ':') {
          const close = pattern.indexOf(':]', i + 2);
          if (close < 0) throw new RegexSyntaxError('unclosed character class');
          s += pattern.slice(i, close + 2);
          i = close + 2;
          continue;
        }
        throw new RegexSyntaxError('nested character classes are not supported');
      }
      if (
        (c === '&' && pattern[i + 1] === '&') ||
        (c === '~' && pattern[i + 1] === '~') ||
        (c === '-' && pattern[i + 1] === '-')
      )
        throw new RegexSyntaxError('character class set operations are not supported');
      const cp = pattern.codePointAt(i) ?? 0;
      if (cp >= 0x80) {
        const ch = String.fromCodePoint(cp);
        s += literalOut(ch, true);
        i += ch.length;
        continue;
      }
      s += c;
      i++;
    }
  }
}

/** A plain literal pattern (optionally anchored) that needs no regex engine at all. */
function literalMatcher(pattern: string): CompiledRegex | undefined {
  let body = pattern;
  const start = body.startsWith('^');
  if (start) body = body.slice(1);
  const end = body.endsWith('$') && !body.endsWith('\\$');
  if (end) body = body.slice(0, -1);
  if (body.length === 0 || LITERAL_META.test(body) || /[^\x20-\x7e]/.test(body)) return undefined;
  const lit = body;
  const test: (s: string) => boolean =
    start && end
      ? (s) => s === lit
      : start
        ? (s) => s.startsWith(lit)
        : end
          ? (s) => s.endsWith(lit)
          : (s) => s.includes(lit);
  const firstMatch = (s: string): RegexMatch | undefined => {
    if (!test(s)) return undefined;
    const at = end && !start ? s.length - lit.length : start ? 0 : s.indexOf(lit);
    return { before: s.slice(0, at), match: lit, after: s.slice(at + lit.length), groups: [] };
  };
  return { pattern, test, firstMatch, groupCount: 0 };
}

/**
 * Compiles a Rust-syntax pattern (given as text, as written in the expression) into a linear-time
 * matcher over binary strings. Never throws.
 */
export function compileRegex(pattern: string): RegexResult {
  const fast = literalMatcher(pattern);
  if (fast !== undefined) return { ok: true, regex: fast };
  let translated: { source: string; unicode: boolean };
  let re: RE2JS;
  try {
    translated = translateRustRegex(pattern);
    re = RE2JS.compile(translated.source);
  } catch (e) {
    const message =
      e instanceof RegexSyntaxError
        ? e.message
        : e instanceof Error
          ? e.message.replace(/^error parsing regexp: /, '')
          : String(e);
    return { ok: false, message, tooLarge: false };
  }
  if (re.programSize() > MAX_REGEX_PROGRAM_SIZE)
    return {
      ok: false,
      message: `compiled regex exceeds size limit of ${MAX_REGEX_PROGRAM_SIZE} instructions`,
      tooLarge: true,
    };
  const unicode = translated.unicode;
  const prepare = unicode ? (s: string): string => binaryToUtf8(s) ?? lossyUtf8(s) : (s: string): string => s;
  const back = unicode ? utf8ToBinary : (s: string): string => s;
  const groupCount = re.groupCount();
  const prog = (re.re2() as unknown as { prog: Program }).prog;
  // Searching with captures keeps re2js on its bounded backtracker / NFA (no per-regex DFA cache).
  let test = (subject: string): boolean => re.matcher(prepare(subject)).find();
  if (!unicode && ByteDfa.supports(prog)) {
    // The byte DFA answers yes/no in one table lookup per byte; re2js stays the fallback.
    const dfa = new ByteDfa(prog);
    // The fallback searches with captures, which re2js runs on its bounded backtracker or NFA,
    // not on its own DFA (whose cache may grow to 8 MiB per regex).
    test = (subject) => dfa.test(subject) ?? re.matcher(subject).find();
  }
  return {
    ok: true,
    regex: {
      pattern,
      groupCount,
      test,
      firstMatch: (subject) => {
        const text = prepare(subject);
        const m = re.matcher(text);
        if (!m.find()) return undefined;
        const groups: (string | undefined)[] = [];
        for (let g = 1; g <= groupCount; g++) {
          const v = m.group(g);
          groups.push(v === null || v === undefined ? undefined : back(v));
        }
        return {
          before: back(text.slice(0, m.start())),
          match: back(text.slice(m.start(), m.end())),
          after: back(text.slice(m.end())),
          groups,
        };
      },
    },
  };
}

/** Compiles a pattern given as bytes (a function argument): decoded from UTF-8 first. */
export function compileRegexFromBytes(pattern: string): RegexResult {
  return compileRegex(binaryToUtf8(pattern) ?? pattern);
}

function lossyUtf8(s: string): string {
  // Invalid UTF-8 in Unicode mode: decode what is valid, one U+FFFD per bad byte.
  let out = '';
  let i = 0;
  while (i < s.length) {
    let done = false;
    for (let len = 4; len >= 1 && !done; len--) {
      const piece = binaryToUtf8(s.slice(i, i + len));
      if (piece !== undefined && piece.length > 0 && [...piece].length === 1) {
        out += piece;
        i += len;
        done = true;
      }
    }
    if (!done) {
      out += '\ufffd';
      i++;
    }
  }
  return out;
}
