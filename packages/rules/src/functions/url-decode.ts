// url_decode(source[, options]): percent-decoding of a field, once or to a fixed point ("r"), with %uXXXX ("u").
// https://developers.cloudflare.com/ruleset-engine/rules-language/functions/#url_decode
import {
  checkCount,
  checkLiteral,
  checkNotLiteral,
  checkType,
  firstFailure,
  parseFlags,
} from './arg-checks.js';
import { hexDigit, utf8OfCodePoint } from './binary.js';
import type { FunctionDefinition, MaybeValue } from './types.js';

const PERCENT = 0x25;
const PLUS = 0x2b;
const SPACE = 0x20;
const LOWER_U = 0x75;
const UPPER_U = 0x55;

/** Reads the code unit at an index (NaN or undefined past the end, which no check accepts). */
type CodeAt = (index: number) => number | undefined;

/** The value of `count` hex digits at `at`, or -1 if any is not a hex digit. */
function hexAt(code: CodeAt, at: number, count: number): number {
  let value = 0;
  for (let i = 0; i < count; i++) {
    const d = hexDigit(code(at + i) ?? -1);
    if (d < 0) return -1;
    value = value * 16 + d;
  }
  return value;
}

function isHighSurrogate(value: number): boolean {
  return value >= 0xd800 && value <= 0xdbff;
}

function isLowSurrogate(value: number): boolean {
  return value >= 0xdc00 && value <= 0xdfff;
}

/** The 16-bit value of a `%uHHHH` escape at `at` (ending by `end`), or -1. */
function unicodeUnitAt(code: CodeAt, at: number, end: number): number {
  if (at + 6 > end || code(at) !== PERCENT) return -1;
  const u = code(at + 1);
  if (u !== LOWER_U && u !== UPPER_U) return -1;
  return hexAt(code, at + 2, 4);
}

/**
 * Reads a `%uHHHH` escape (or a `%uHHHH%uHHHH` surrogate pair) at `at`; returns the code point
 * and the length consumed, or undefined. Lone surrogates are not decoded.
 */
function unicodeEscapeAt(code: CodeAt, at: number, end: number): { cp: number; length: number } | undefined {
  const unit = unicodeUnitAt(code, at, end);
  if (unit < 0 || isLowSurrogate(unit)) return undefined;
  if (!isHighSurrogate(unit)) return { cp: unit, length: 6 };
  const low = unicodeUnitAt(code, at + 6, end);
  if (!isLowSurrogate(low)) return undefined;
  return { cp: 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00), length: 12 };
}

/** The index of the next `%` or `+` at or after `from`, or -1. */
function nextSpecial(source: string, from: number): number {
  for (let i = from; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === PERCENT || c === PLUS) return i;
  }
  return -1;
}

/** One left-to-right decoding pass: `%XX` → byte, `+` → space, and `%uXXXX` → UTF-8 when `unicode`. */
export function urlDecodeOnce(source: string, unicode: boolean): string {
  let next = nextSpecial(source, 0);
  if (next < 0) return source;
  const code: CodeAt = (index) => source.charCodeAt(index);
  let out = '';
  let runStart = 0;
  while (next >= 0) {
    out += source.slice(runStart, next);
    runStart = next + 1;
    if (source.charCodeAt(next) === PLUS) {
      out += ' ';
    } else {
      const byte = next + 3 <= source.length ? hexAt(code, next + 1, 2) : -1;
      const escape = byte < 0 && unicode ? unicodeEscapeAt(code, next, source.length) : undefined;
      if (byte >= 0) {
        out += String.fromCharCode(byte);
        runStart = next + 3;
      } else if (escape !== undefined) {
        out += utf8OfCodePoint(escape.cp);
        runStart = next + escape.length;
      } else {
        out += '%';
      }
    }
    next = nextSpecial(source, runStart);
  }
  return out + source.slice(runStart);
}

/**
 * Decodes until nothing changes, in one linear pass: every decoded byte is pushed on an output
 * stack and the stack's tail is re-examined, which reaches the same fixed point as repeating
 * whole passes (escapes never overlap: `%` is not a hex digit) without their quadratic cost on
 * inputs such as `%252525…`.
 */
export function urlDecodeFully(source: string, unicode: boolean): string {
  if (source.indexOf('%') < 0 && source.indexOf('+') < 0) return source;
  const stack: number[] = [];
  const at: CodeAt = (index) => stack[index];
  const push = (code: number): void => {
    stack.push(code === PLUS ? SPACE : code);
    // Reduce the tail as long as it ends with a complete escape.
    for (;;) {
      const n = stack.length;
      if (n >= 3 && stack[n - 3] === PERCENT) {
        const byte = hexAt(at, n - 2, 2);
        if (byte >= 0) {
          stack.length = n - 3;
          stack.push(byte === PLUS ? SPACE : byte);
          continue;
        }
      }
      if (unicode && n >= 6) {
        let start = n - 6;
        let escape = unicodeEscapeAt(at, start, n);
        if (escape === undefined && n >= 12 && isLowSurrogate(unicodeUnitAt(at, n - 6, n))) {
          start = n - 12;
          escape = unicodeEscapeAt(at, start, n);
        }
        if (escape !== undefined && start + escape.length === n) {
          stack.length = start;
          const encoded = utf8OfCodePoint(escape.cp);
          // The encoded bytes of a non-ASCII code point are all >= 0x80 and can start no escape;
          // an ASCII one goes through push so that it can complete an earlier escape.
          if (encoded.length === 1) {
            push(encoded.charCodeAt(0));
          } else {
            for (let k = 0; k < encoded.length; k++) stack.push(encoded.charCodeAt(k));
          }
          return;
        }
      }
      return;
    }
  };
  for (let i = 0; i < source.length; i++) push(source.charCodeAt(i));
  let out = '';
  for (let i = 0; i < stack.length; i += 0x2000) out += String.fromCharCode(...stack.slice(i, i + 0x2000));
  return out;
}

/** `url_decode`: usable in every phase; the source cannot be a literal; options "r", "u" in one literal. */
export const urlDecode: FunctionDefinition = {
  name: 'url_decode',
  phases: ['custom', 'transform'],
  check(args) {
    const failure = firstFailure(
      checkCount('url_decode', args, 1, 2),
      checkType('url_decode', args, 0, ['bytes']),
      checkNotLiteral('url_decode', args, 0),
      checkType('url_decode', args, 1, ['bytes']),
      checkLiteral('url_decode', args, 1),
    );
    if (failure !== undefined) return failure;
    let recursive = false;
    let unicode = false;
    const options = args[1]?.literal;
    if (typeof options === 'string') {
      const parsed = parseFlags('url_decode', 1, options, 'ru');
      if (!parsed.ok) return parsed;
      recursive = parsed.flags.has('r');
      unicode = parsed.flags.has('u');
    }
    const decode = recursive ? urlDecodeFully : urlDecodeOnce;
    return {
      ok: true,
      returns: { kind: 'bytes' },
      impl: (values: readonly MaybeValue[]): MaybeValue => {
        const source = values[0];
        return typeof source === 'string' ? decode(source, unicode) : undefined;
      },
    };
  },
};
