// Right-hand sides of comparisons: literals read according to the left-hand type, inline sets
// with ranges and CIDRs, named lists, regex and wildcard patterns (RULES-LANGUAGE.md §2, §4).
import type { CompareOp, RhsNode, SetElement, Span } from './ast.js';
import type { Cursor, ParseLimits } from './cursor.js';
import { fail } from './diagnostics.js';
import type { Type } from './functions/types.js';
import { lexInteger } from './literals/integers.js';
import { cidrRange, compareIpBytes, formatIp, parseIp } from './literals/ip.js';
import { compileRegex, type CompiledRegex } from './literals/regex.js';
import {
  isWordChar,
  lexHexBytes,
  lexQuotedRegex,
  lexQuotedString,
  lexRawString,
  lexRawText,
} from './literals/strings.js';
import { parseWildcard } from './literals/wildcard.js';

/** Compiled regexes by node, so the compiler does not compile them twice. */
export type RegexTable = Map<RhsNode, CompiledRegex>;

function isIpChar(c: number): boolean {
  return (c >= 48 && c <= 58) || c === 46 || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Reads a Bytes literal: quoted, raw or hex bytes. */
export function readBytesLiteral(cur: Cursor): { value: string; span: Span } {
  const start = cur.pos;
  const c = cur.peek();
  let lexed;
  if (c === 34) lexed = lexQuotedString(cur.src, start, cur.end);
  else if (c === 114 && (cur.peek(1) === 34 || cur.peek(1) === 35))
    lexed = lexRawString(cur.src, start, cur.end);
  else if (c === -1 || c === 9) cur.unexpected('expected a string literal');
  else lexed = lexHexBytes(cur.src, start, cur.end);
  cur.pos = lexed.end;
  return { value: lexed.value, span: [start, lexed.end] };
}

function readInt(cur: Cursor): number {
  const c = cur.peek();
  if (!(c === 45 || (c >= 48 && c <= 57))) {
    if (c === -1 || c === 9) cur.unexpected('expected an integer');
    fail('RULES_PARSE_BAD_INTEGER', 'parse', 'expected an integer', cur.pos, cur.pos + 1);
  }
  const r = lexInteger(cur.src, cur.pos, cur.end);
  cur.pos = r.end;
  return r.value;
}

/** Reads an IP run `[0-9a-fA-F:.]+` with an optional `/len`; returns its text and span. */
function readIpRun(cur: Cursor): {
  text: string;
  prefix: number | undefined;
  start: number;
  slashAt: number;
} {
  const start = cur.pos;
  let p = start;
  while (p < cur.end && isIpChar(cur.src.charCodeAt(p))) p++;
  const text = cur.src.slice(start, p);
  let prefix: number | undefined;
  let slashAt = -1;
  if (p < cur.end && cur.src.charCodeAt(p) === 47) {
    slashAt = p;
    let q = p + 1;
    while (q < cur.end && cur.src.charCodeAt(q) >= 48 && cur.src.charCodeAt(q) <= 57) q++;
    const digits = cur.src.slice(p + 1, q);
    if (digits.length === 0 || digits.length > 3 || (digits.length > 1 && digits.startsWith('0')))
      fail('RULES_PARSE_BAD_CIDR', 'parse', 'expected a prefix length after /', start, Math.max(q, p + 1));
    prefix = Number(digits);
    p = q;
  }
  if (text.length === 0) {
    if (cur.peek() === -1 || cur.peek() === 9) cur.unexpected('expected an IP address');
    fail('RULES_PARSE_BAD_IP', 'parse', 'expected an IP address', start, start + 1);
  }
  if (p < cur.end && (isWordChar(cur.src.charCodeAt(p)) || cur.src.charCodeAt(p) === 37)) {
    fail('RULES_PARSE_BAD_IP', 'parse', `invalid IP address ${cur.src.slice(start, p + 1)}`, start, p + 1);
  }
  cur.pos = p;
  return { text, prefix, start, slashAt };
}

function ipOrFail(text: string, start: number): ReturnType<typeof parseIp> & object {
  const ip = parseIp(text);
  if (ip === undefined)
    fail('RULES_PARSE_BAD_IP', 'parse', `invalid IP address ${text}`, start, start + text.length);
  return ip;
}

/** Reads a single IP address (after eq/ne): no CIDR, no range. */
export function readSingleIp(cur: Cursor): { value: string; span: Span } {
  const run = readIpRun(cur);
  if (run.slashAt >= 0)
    fail(
      'RULES_PARSE_BAD_CIDR',
      'parse',
      'a CIDR is only allowed inside a set: use in {…}',
      run.start,
      cur.pos,
    );
  if (run.text.includes('..'))
    fail(
      'RULES_PARSE_BAD_RANGE',
      'parse',
      'an IP range is only allowed inside a set: use in {…}',
      run.start,
      cur.pos,
    );
  return { value: formatIp(ipOrFail(run.text, run.start)), span: [run.start, cur.pos] };
}

function readIpElement(cur: Cursor): SetElement {
  const run = readIpRun(cur);
  const dots = run.text.indexOf('..');
  if (dots >= 0) {
    if (run.prefix !== undefined)
      fail('RULES_PARSE_BAD_RANGE', 'parse', 'a range bound cannot be a CIDR', run.start, cur.pos);
    const a = ipOrFail(run.text.slice(0, dots), run.start);
    const b = ipOrFail(run.text.slice(dots + 2), run.start + dots + 2);
    if (a.family !== b.family || compareIpBytes(a.bytes, b.bytes) > 0)
      fail('RULES_PARSE_BAD_RANGE', 'parse', 'incompatible range bounds', run.start, cur.pos);
    return { kind: 'ip_range', from: formatIp(a), to: formatIp(b) };
  }
  const ip = ipOrFail(run.text, run.start);
  if (run.prefix === undefined) return { kind: 'ip', value: formatIp(ip) };
  if (run.prefix > ip.bytes.length * 8)
    fail(
      'RULES_PARSE_BAD_CIDR',
      'parse',
      `prefix length /${run.prefix} is too long for this address`,
      run.start,
      cur.pos,
    );
  if (cidrRange(ip, run.prefix) === undefined)
    fail(
      'RULES_PARSE_BAD_CIDR',
      'parse',
      `CIDR ${run.text}/${run.prefix} has host bits set`,
      run.start,
      cur.pos,
    );
  return { kind: 'cidr', address: formatIp(ip), prefix: run.prefix };
}

function readSetElement(cur: Cursor, type: Type): SetElement {
  switch (type.kind) {
    case 'bytes':
      return { kind: 'bytes', value: readBytesLiteral(cur).value };
    case 'int': {
      const start = cur.pos;
      const from = readInt(cur);
      if (cur.at('..')) {
        cur.pos += 2;
        const to = readInt(cur);
        if (from > to) fail('RULES_PARSE_BAD_RANGE', 'parse', 'incompatible range bounds', start, cur.pos);
        return { kind: 'int_range', from, to };
      }
      return { kind: 'int', value: from };
    }
    default:
      return readIpElement(cur);
  }
}

/** Reads `{ … }` for a left side of `type` (Bytes, Int or Ip). */
function readSet(cur: Cursor, type: Type, limits: ParseLimits): RhsNode {
  const start = cur.pos;
  if (cur.peek() !== 123) cur.unexpected("expected '{' or a list name after in");
  cur.pos++;
  const elements: SetElement[] = [];
  while (true) {
    cur.ws();
    const c = cur.peek();
    if (c === 125) {
      cur.pos++;
      break;
    }
    if (c === -1) fail('RULES_PARSE_UNEXPECTED', 'parse', "expected '}' to close the set", start, cur.pos);
    if (c === 44)
      fail(
        'RULES_PARSE_UNEXPECTED',
        'parse',
        'set elements are separated by spaces, not commas',
        cur.pos,
        cur.pos + 1,
      );
    const elStart = cur.pos;
    elements.push(readSetElement(cur, type));
    if (elements.length > limits.maxSetElements)
      fail(
        'RULES_LIMIT_SET_SIZE',
        'limit',
        `a set may hold at most ${limits.maxSetElements} elements`,
        elStart,
        cur.pos,
      );
    const next = cur.peek();
    const quoted = cur.src.charCodeAt(cur.pos - 1) === 34 || cur.src.charCodeAt(cur.pos - 1) === 35;
    if (!quoted && next !== 125 && next !== 32 && next !== 10 && next !== 13)
      cur.unexpected("expected a space or '}' after a set element");
  }
  return { kind: 'set', elements, span: [start, cur.pos] };
}

function readListName(cur: Cursor): RhsNode {
  const start = cur.pos;
  cur.pos++;
  let p = cur.pos;
  while (p < cur.end) {
    const c = cur.src.charCodeAt(p);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 46) p++;
    else break;
  }
  if (p === cur.pos || (p < cur.end && isWordChar(cur.src.charCodeAt(p))))
    fail(
      'RULES_PARSE_BAD_LIST_NAME',
      'parse',
      'invalid list name: use lower-case letters, digits and _',
      start,
      Math.max(p, cur.pos) + 1,
    );
  cur.pos = p;
  return { kind: 'list', name: cur.src.slice(start + 1, p), span: [start, p] };
}

/**
 * Reads the right-hand side of `op` for a left side of element type `type` (already checked to
 * support the operator). Regexes are compiled here so their errors carry the literal's span.
 */
export function readRhs(
  cur: Cursor,
  op: CompareOp,
  type: Type,
  limits: ParseLimits,
  regexes: RegexTable,
): RhsNode {
  cur.ws();
  const start = cur.pos;
  if (op === 'in') {
    if (cur.peek() === 36) return readListName(cur);
    return readSet(cur, type, limits);
  }
  if (op === 'matches') {
    const c = cur.peek();
    let lexed;
    if (c === 34) lexed = lexQuotedRegex(cur.src, start, cur.end);
    else if (c === 114 && (cur.peek(1) === 34 || cur.peek(1) === 35))
      lexed = lexRawText(cur.src, start, cur.end);
    else cur.unexpected('expected a quoted or raw string holding a regular expression');
    cur.pos = lexed.end;
    const node: RhsNode = { kind: 'regex', pattern: lexed.value, span: [start, lexed.end] };
    const compiled = compileRegex(lexed.value);
    if (!compiled.ok)
      fail(
        compiled.tooLarge ? 'RULES_REGEX_TOO_LARGE' : 'RULES_REGEX_INVALID',
        'regex',
        `regex parse error: ${compiled.message}`,
        start,
        lexed.end,
      );
    regexes.set(node, compiled.regex);
    return node;
  }
  if (op === 'wildcard' || op === 'strict wildcard') {
    const c = cur.peek();
    let lexed;
    if (c === 34) lexed = lexQuotedString(cur.src, start, cur.end);
    else if (c === 114 && (cur.peek(1) === 34 || cur.peek(1) === 35))
      lexed = lexRawString(cur.src, start, cur.end);
    else cur.unexpected('expected a quoted or raw string holding a wildcard pattern');
    cur.pos = lexed.end;
    const parsed = parseWildcard(lexed.value);
    if (!parsed.ok) fail('RULES_WILDCARD_INVALID', 'wildcard', parsed.message, start, lexed.end);
    return { kind: 'wildcard', pattern: lexed.value, span: [start, lexed.end] };
  }
  switch (type.kind) {
    case 'bytes': {
      const b = readBytesLiteral(cur);
      return { kind: 'bytes', value: b.value, span: b.span };
    }
    case 'int': {
      const value = readInt(cur);
      return { kind: 'int', value, span: [start, cur.pos] };
    }
    default: {
      const ip = readSingleIp(cur);
      return { kind: 'ip', value: ip.value, span: ip.span };
    }
  }
}
