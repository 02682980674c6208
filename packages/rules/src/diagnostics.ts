// Diagnostics: the user-facing problems of an expression, and the `Filter parsing error` renderer.

/** The error categories of RULES-LANGUAGE.md §8.1, plus `limit` for product limits. */
export type DiagnosticCategory =
  'parse' | 'unknown_field' | 'unknown_function' | 'type' | 'regex' | 'wildcard' | 'limit';

/** Stable diagnostic codes; callers branch on these, never on messages. */
export type DiagnosticCode =
  | 'RULES_PARSE_EMPTY'
  | 'RULES_PARSE_UNEXPECTED'
  | 'RULES_PARSE_TAB'
  | 'RULES_PARSE_OPERATOR_EXPECTED'
  | 'RULES_PARSE_TRAILING_INPUT'
  | 'RULES_PARSE_UNTERMINATED_STRING'
  | 'RULES_PARSE_BAD_ESCAPE'
  | 'RULES_PARSE_BAD_RAW_STRING'
  | 'RULES_PARSE_BAD_BYTES'
  | 'RULES_PARSE_BAD_INTEGER'
  | 'RULES_PARSE_INTEGER_OVERFLOW'
  | 'RULES_PARSE_BAD_IP'
  | 'RULES_PARSE_BAD_CIDR'
  | 'RULES_PARSE_BAD_RANGE'
  | 'RULES_PARSE_BAD_LIST_NAME'
  | 'RULES_PARSE_BAD_INDEX'
  | 'RULES_PARSE_NESTING'
  | 'RULES_PARSE_FIELD_CALLED'
  | 'RULES_PARSE_FUNCTION_NOT_CALLED'
  | 'RULES_UNKNOWN_FIELD'
  | 'RULES_UNKNOWN_FUNCTION'
  | 'RULES_FUNCTION_PHASE'
  | 'RULES_TYPE_OPERATOR'
  | 'RULES_TYPE_MISMATCH'
  | 'RULES_TYPE_INDEX'
  | 'RULES_TYPE_MAP_EACH'
  | 'RULES_TYPE_ARGUMENT'
  | 'RULES_TYPE_NOT_BOOL'
  | 'RULES_TYPE_UNKNOWN_LIST'
  | 'RULES_TYPE_EXCLUSIVE_FUNCTION'
  | 'RULES_REGEX_INVALID'
  | 'RULES_REGEX_TOO_LARGE'
  | 'RULES_WILDCARD_INVALID'
  | 'RULES_LIMIT_LENGTH'
  | 'RULES_LIMIT_SET_SIZE'
  | 'RULES_INTERNAL_ERROR';

/** One problem in an expression. `span` holds UTF-16 offsets `[start, end)` into the expression. */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly category: DiagnosticCategory;
  readonly message: string;
  readonly span: readonly [number, number];
}

/** Internal: thrown inside the parser to stop at the first problem; caught by `compile`. */
export class DiagnosticFailure {
  constructor(readonly diagnostic: Diagnostic) {}
}

/** Builds a frozen diagnostic. */
export function diagnostic(
  code: DiagnosticCode,
  category: DiagnosticCategory,
  message: string,
  start: number,
  end: number,
): Diagnostic {
  return Object.freeze({
    code,
    category,
    message,
    span: Object.freeze([start, Math.max(start, end)] as const),
  });
}

/** Throws a {@link DiagnosticFailure}; typed `never` so callers can `return fail(...)`. */
export function fail(
  code: DiagnosticCode,
  category: DiagnosticCategory,
  message: string,
  start: number,
  end: number,
): never {
  throw new DiagnosticFailure(diagnostic(code, category, message, start, end));
}

/** 1-based line and column (in code points) of a UTF-16 offset. */
export function lineColumn(
  text: string,
  offset: number,
): { line: number; column: number; lineStart: number } {
  let line = 1;
  let lineStart = 0;
  const stop = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < stop; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: codePointLength(text.slice(lineStart, stop)) + 1, lineStart };
}

function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length) n++;
    else {
      n++;
      i++;
    }
  }
  return n;
}

/**
 * Renders diagnostics the way Cloudflare shows them: `Filter parsing error (line:col):`, the
 * expression line, and a caret line under the span followed by the message.
 *
 * @example
 * renderDiagnostics('http.host eq 5', result.diagnostics)
 * // Filter parsing error (1:14):
 * // http.host eq 5
 * //              ^ expected two hex digits separated by ':', '-' or '.'
 */
export function renderDiagnostics(expression: string, diagnostics: readonly Diagnostic[]): string {
  const blocks: string[] = [];
  for (const d of diagnostics) {
    const [start, end] = d.span;
    const { line, column, lineStart } = lineColumn(expression, start);
    let lineEnd = expression.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = expression.length;
    const lineText = expression.slice(lineStart, lineEnd).replace(/\r$/, '');
    const caretEnd = Math.min(Math.max(end, start), lineStart + lineText.length);
    const width = Math.max(1, codePointLength(expression.slice(start, caretEnd)));
    const pad = ' '.repeat(column - 1);
    blocks.push(
      `Filter parsing error (${line}:${column}):\n${lineText}\n${pad}${'^'.repeat(width)} ${d.message}`,
    );
  }
  return blocks.join('\n\n');
}
