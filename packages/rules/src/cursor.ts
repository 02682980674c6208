// The parser's position in the expression: whitespace (space, CR, LF — never TAB), names,
// keywords with word boundaries, and error helpers that point at the current place.
import { fail } from './diagnostics.js';
import { isWordChar } from './literals/strings.js';

/** Parse limits; every input either compiles or yields diagnostics within these bounds. */
export interface ParseLimits {
  /** Maximum expression length in UTF-16 units (Cloudflare: 4,096 characters). */
  readonly maxLength: number;
  /** Maximum nesting depth of groups, `not`, calls and quantifiers (wirefilter: 128). */
  readonly maxDepth: number;
  /** Maximum elements in one inline set `{…}`. */
  readonly maxSetElements: number;
}

/** Default limits: Cloudflare's 4,096 characters and wirefilter's nesting limit of 128. */
export const DEFAULT_LIMITS: ParseLimits = Object.freeze({
  maxLength: 4096,
  maxDepth: 128,
  maxSetElements: 4096,
});

/** A mutable cursor over `src[start, end)`. */
export class Cursor {
  pos: number;
  /** FNV-1a hash of the last name read by `readName`, for the scheme's field lookup. */
  nameHash = 0;

  constructor(
    readonly src: string,
    start: number,
    readonly end: number,
  ) {
    this.pos = start;
  }

  /** Char code at the cursor, or -1 at the end. */
  peek(offset = 0): number {
    const p = this.pos + offset;
    return p < this.end ? this.src.charCodeAt(p) : -1;
  }

  /** Skips spaces, CR and LF (the only whitespace between tokens). */
  ws(): void {
    const src = this.src;
    let p = this.pos;
    while (p < this.end) {
      const c = src.charCodeAt(p);
      if (c !== 32 && c !== 10 && c !== 13) break;
      p++;
    }
    this.pos = p;
  }

  /** Whether `word` is at the cursor followed by a non-word character. */
  atWord(word: string): boolean {
    if (!this.src.startsWith(word, this.pos) || this.pos + word.length > this.end) return false;
    const next = this.pos + word.length;
    return next >= this.end || !isWordChar(this.src.charCodeAt(next));
  }

  /** Whether `text` is at the cursor. */
  at(text: string): boolean {
    return this.pos + text.length <= this.end && this.src.startsWith(text, this.pos);
  }

  /** Reads a dotted name (`cf.tls_client_auth.cert_verified`); the cursor must be on a word char. */
  readName(): string {
    const src = this.src;
    const start = this.pos;
    let p = this.pos;
    let h = 0x811c9dc5;
    while (true) {
      while (p < this.end) {
        const c = src.charCodeAt(p);
        if (!isWordChar(c)) break;
        h = Math.imul(h ^ c, 16777619);
        p++;
      }
      if (p < this.end && src.charCodeAt(p) === 46) {
        if (p + 1 < this.end && isWordChar(src.charCodeAt(p + 1))) {
          h = Math.imul(h ^ 46, 16777619);
          p++;
          continue;
        }
        this.pos = p;
        fail('RULES_PARSE_UNEXPECTED', 'parse', "expected a name segment after '.'", start, p + 1);
      }
      break;
    }
    this.pos = p;
    this.nameHash = h >>> 0;
    return src.slice(start, p);
  }

  /** Fails at the cursor with `message` (or a TAB-specific message when a TAB is there). */
  unexpected(
    message: string,
    code:
      | 'RULES_PARSE_UNEXPECTED'
      | 'RULES_PARSE_OPERATOR_EXPECTED'
      | 'RULES_PARSE_TRAILING_INPUT' = 'RULES_PARSE_UNEXPECTED',
  ): never {
    const c = this.peek();
    if (c === 9)
      fail(
        'RULES_PARSE_TAB',
        'parse',
        'tab characters are not allowed in expressions; use spaces',
        this.pos,
        this.pos + 1,
      );
    if (c === -1)
      fail(code, 'parse', `${message}, but reached the end of the expression`, this.pos, this.pos);
    const endOfToken = code === 'RULES_PARSE_TRAILING_INPUT' ? this.end : this.pos + 1;
    fail(code, 'parse', message, this.pos, endOfToken);
  }
}
