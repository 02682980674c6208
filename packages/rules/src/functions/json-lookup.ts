// A validating JSON reader over UTF-8 binary strings that extracts the one value a key path names.
// Used by lookup_json_string and lookup_json_integer; the whole document must be valid JSON.
import { hexDigit, utf8OfCodePoint } from './binary.js';

/** The value found at a path: a string (as UTF-8 bytes), a plain integer, or anything else. */
export type JsonLeaf =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'integer'; readonly value: number }
  | { readonly kind: 'other' };

/** A key path step: an object member name (bytes) or a zero-based array index. */
export type JsonKey = string | number;

/** Deepest nesting of arrays and objects accepted (serde_json's default recursion limit). */
export const MAX_JSON_DEPTH = 128;

class JsonSyntaxError extends Error {}

const OTHER: JsonLeaf = { kind: 'other' };

class Reader {
  pos = 0;
  found: JsonLeaf | undefined = undefined;

  constructor(
    private readonly text: string,
    private readonly path: readonly JsonKey[],
  ) {}

  fail(): never {
    throw new JsonSyntaxError();
  }

  code(): number {
    return this.pos < this.text.length ? this.text.charCodeAt(this.pos) : -1;
  }

  skipSpace(): void {
    for (;;) {
      const c = this.code();
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.pos++;
      else return;
    }
  }

  expectWord(word: string): void {
    if (!this.text.startsWith(word, this.pos)) this.fail();
    this.pos += word.length;
  }

  /** Reads one value; `onPath` means the path's first `depth` keys led here. */
  value(depth: number, onPath: boolean): void {
    this.skipSpace();
    const target = onPath && depth === this.path.length;
    const c = this.code();
    if (c === 0x7b) this.object(depth, onPath && !target);
    else if (c === 0x5b) this.array(depth, onPath && !target);
    else if (c === 0x22) {
      const value = this.string(target);
      if (target) this.found = { kind: 'string', value };
      return;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const integer = this.number();
      if (target) this.found = integer === undefined ? OTHER : { kind: 'integer', value: integer };
      return;
    } else if (c === 0x74) this.expectWord('true');
    else if (c === 0x66) this.expectWord('false');
    else if (c === 0x6e) this.expectWord('null');
    else this.fail();
    if (target) this.found = OTHER;
  }

  object(depth: number, onPath: boolean): void {
    if (depth >= MAX_JSON_DEPTH) this.fail();
    this.pos++;
    this.skipSpace();
    if (this.code() === 0x7d) {
      this.pos++;
      return;
    }
    const key = this.path[depth];
    for (;;) {
      this.skipSpace();
      if (this.code() !== 0x22) this.fail();
      const name = this.string(onPath && typeof key === 'string');
      const match = onPath && typeof key === 'string' && name === key;
      // A later duplicate member replaces an earlier one, as in serde_json's maps.
      if (match) this.found = undefined;
      this.skipSpace();
      if (this.code() !== 0x3a) this.fail();
      this.pos++;
      this.value(depth + 1, match);
      this.skipSpace();
      const c = this.code();
      this.pos++;
      if (c === 0x7d) return;
      if (c !== 0x2c) this.fail();
    }
  }

  array(depth: number, onPath: boolean): void {
    if (depth >= MAX_JSON_DEPTH) this.fail();
    this.pos++;
    this.skipSpace();
    if (this.code() === 0x5d) {
      this.pos++;
      return;
    }
    const key = this.path[depth];
    for (let index = 0; ; index++) {
      this.value(depth + 1, onPath && key === index);
      this.skipSpace();
      const c = this.code();
      this.pos++;
      if (c === 0x5d) return;
      if (c !== 0x2c) this.fail();
    }
  }

  /** Reads a JSON number; returns its value when it is a plain integer that is exactly representable. */
  number(): number | undefined {
    const start = this.pos;
    if (this.code() === 0x2d) this.pos++;
    let c = this.code();
    if (c === 0x30) this.pos++;
    else if (c >= 0x31 && c <= 0x39) while ((c = this.code()) >= 0x30 && c <= 0x39) this.pos++;
    else this.fail();
    let integer = true;
    if (this.code() === 0x2e) {
      integer = false;
      this.pos++;
      if (!this.digits()) this.fail();
    }
    c = this.code();
    if (c === 0x65 || c === 0x45) {
      integer = false;
      this.pos++;
      c = this.code();
      if (c === 0x2b || c === 0x2d) this.pos++;
      if (!this.digits()) this.fail();
    }
    if (!integer) return undefined;
    const value = Number(this.text.slice(start, this.pos));
    return Number.isSafeInteger(value) ? value + 0 : undefined;
  }

  digits(): boolean {
    const start = this.pos;
    let c: number;
    while ((c = this.code()) >= 0x30 && c <= 0x39) this.pos++;
    return this.pos > start;
  }

  hex4(): number {
    let value = 0;
    for (let i = 0; i < 4; i++) {
      const d = hexDigit(this.code());
      if (d < 0) this.fail();
      value = value * 16 + d;
      this.pos++;
    }
    return value;
  }

  /** Reads a string, checking escapes and UTF-8; returns its bytes when `decode`, else ''. */
  string(decode: boolean): string {
    const text = this.text;
    this.pos++;
    let out = '';
    let runStart = this.pos;
    for (;;) {
      const c = this.code();
      if (c === 0x22) {
        if (decode) out += text.slice(runStart, this.pos);
        this.pos++;
        return out;
      }
      if (c < 0x20) this.fail(); // control characters and end of input
      if (c === 0x5c) {
        if (decode) out += text.slice(runStart, this.pos);
        this.pos++;
        const e = this.code();
        this.pos++;
        let decoded: string;
        switch (e) {
          case 0x22:
            decoded = '"';
            break;
          case 0x5c:
            decoded = '\\';
            break;
          case 0x2f:
            decoded = '/';
            break;
          case 0x62:
            decoded = '\b';
            break;
          case 0x66:
            decoded = '\f';
            break;
          case 0x6e:
            decoded = '\n';
            break;
          case 0x72:
            decoded = '\r';
            break;
          case 0x74:
            decoded = '\t';
            break;
          case 0x75: {
            let cp = this.hex4();
            if (cp >= 0xdc00 && cp <= 0xdfff) this.fail();
            if (cp >= 0xd800 && cp <= 0xdbff) {
              if (this.code() !== 0x5c || text.charCodeAt(this.pos + 1) !== 0x75) this.fail();
              this.pos += 2;
              const low = this.hex4();
              if (low < 0xdc00 || low > 0xdfff) this.fail();
              cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
            }
            decoded = utf8OfCodePoint(cp);
            break;
          }
          default:
            this.fail();
        }
        if (decode) out += decoded;
        runStart = this.pos;
        continue;
      }
      if (c < 0x80) {
        this.pos++;
        continue;
      }
      this.utf8Sequence(c);
    }
  }

  /** Checks one multi-byte UTF-8 sequence starting with lead byte `lead` (RFC 3629 well-formedness). */
  utf8Sequence(lead: number): void {
    let count: number;
    let min = 0x80;
    let max = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) count = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      count = 2;
      if (lead === 0xe0) min = 0xa0;
      if (lead === 0xed) max = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      count = 3;
      if (lead === 0xf0) min = 0x90;
      if (lead === 0xf4) max = 0x8f;
    } else this.fail();
    this.pos++;
    for (let i = 0; i < count; i++) {
      const c = this.code();
      if (c < (i === 0 ? min : 0x80) || c > (i === 0 ? max : 0xbf)) this.fail();
      this.pos++;
    }
  }
}

/**
 * Walks `document` (JSON as UTF-8 bytes) along `path`. Returns undefined when the document is not
 * valid JSON or the path leads nowhere; otherwise what was found there.
 */
export function lookupJson(document: string, path: readonly JsonKey[]): JsonLeaf | undefined {
  const reader = new Reader(document, path);
  try {
    reader.value(0, true);
    reader.skipSpace();
    if (reader.pos !== document.length) return undefined;
  } catch (error) {
    if (error instanceof JsonSyntaxError) return undefined;
    throw error;
  }
  return reader.found;
}
