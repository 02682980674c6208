// The public entry: compile(expression, scheme) → an immutable Filter, or diagnostics. Never throws
// on user input; enforces the length, nesting, set and regex limits.
import { freezeTree, type ConditionNode } from './ast.js';
import { compileCond, type CompileTables, type Cond } from './compiler.js';
import type { Context } from './context.js';
import { DEFAULT_LIMITS, type ParseLimits } from './cursor.js';
import { DiagnosticFailure, diagnostic, type Diagnostic } from './diagnostics.js';
import { RulesError } from './errors.js';
import { parseExpression } from './parser.js';
import type { Scheme } from './scheme.js';

/** Options of {@link compile} and {@link parse}. */
export interface CompileOptions {
  /** Overrides of the default limits (4,096 characters, depth 128, 4,096 set elements). */
  readonly limits?: Partial<ParseLimits>;
}

/**
 * A compiled expression: immutable and shareable across requests and threads of control.
 * `execute` runs it against one request's context.
 */
export class Filter {
  /** The source text. */
  readonly expression: string;
  private readonly tree: ConditionNode;
  private frozen = false;
  /** Every field name the expression reads, in order of first appearance. */
  readonly referencedFields: readonly string[];
  /** The scheme the expression was checked against. */
  readonly scheme: Scheme;
  /** @internal */
  readonly tables: CompileTables;
  private readonly run: Cond;

  /** @internal Use {@link compile}. */
  constructor(
    expression: string,
    ast: ConditionNode,
    fields: readonly string[],
    scheme: Scheme,
    tables: CompileTables,
  ) {
    this.expression = expression;
    this.tree = ast;
    this.referencedFields = Object.freeze(fields);
    this.scheme = scheme;
    this.tables = tables;
    this.run = compileCond(ast, tables);
  }

  /** The typed syntax tree (deep-frozen on first access, JSON-serialisable). */
  get ast(): ConditionNode {
    if (!this.frozen) {
      freezeTree(this.tree);
      this.frozen = true;
    }
    return this.tree;
  }

  /**
   * Evaluates the filter for one request. Returns a boolean and never throws for any field
   * values; only a context made by a scheme with a different field table is refused
   * (RulesError RULES_CONTEXT_SCHEME), as that is a programming error.
   */
  execute(ctx: Context): boolean {
    if (ctx.table !== this.tables.table)
      throw new RulesError('RULES_CONTEXT_SCHEME', 'the context was created by a scheme with other fields');
    return this.run(ctx);
  }
}

/** The result of {@link compile}. */
export type CompileResult =
  | { readonly ok: true; readonly filter: Filter; readonly diagnostics: readonly [] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** The result of {@link parse}. */
export type ParseResult =
  | { readonly ok: true; readonly ast: ConditionNode; readonly referencedFields: readonly string[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

const WS = /\s/u;

function isTrimmed(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return WS.test(ch);
}

function limitsOf(options?: CompileOptions): ParseLimits {
  return options?.limits === undefined ? DEFAULT_LIMITS : { ...DEFAULT_LIMITS, ...options.limits };
}

function run<T>(
  expression: string,
  scheme: Scheme,
  options: CompileOptions | undefined,
  then: (out: ReturnType<typeof parseExpression>) => T,
): T | { ok: false; diagnostics: readonly Diagnostic[] } {
  if (typeof expression !== 'string')
    return {
      ok: false,
      diagnostics: [diagnostic('RULES_PARSE_UNEXPECTED', 'parse', 'the expression must be a string', 0, 0)],
    };
  const limits = limitsOf(options);
  if (expression.length > limits.maxLength) {
    return {
      ok: false,
      diagnostics: [
        diagnostic(
          'RULES_LIMIT_LENGTH',
          'limit',
          `the expression is ${expression.length} characters long; the limit is ${limits.maxLength}`,
          limits.maxLength,
          expression.length,
        ),
      ],
    };
  }
  // The whole input is trimmed first (any Unicode whitespace, TAB included), as Cloudflare does.
  let start = 0;
  let end = expression.length;
  while (start < end && isTrimmed(expression[start] ?? '')) start++;
  while (end > start && isTrimmed(expression[end - 1] ?? '')) end--;
  try {
    return then(parseExpression(expression, start, end, scheme, limits));
  } catch (e) {
    if (e instanceof DiagnosticFailure) return { ok: false, diagnostics: [e.diagnostic] };
    if (e instanceof RangeError)
      return {
        ok: false,
        diagnostics: [
          diagnostic(
            'RULES_PARSE_NESTING',
            'parse',
            'the expression is nested too deeply',
            0,
            expression.length,
          ),
        ],
      };
    // A bug in the engine must not take the caller down with it: report it as a diagnostic.
    const detail = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      diagnostics: [
        diagnostic(
          'RULES_INTERNAL_ERROR',
          'parse',
          `internal error while compiling: ${detail}`,
          0,
          expression.length,
        ),
      ],
    };
  }
}

/**
 * Parses, type-checks and compiles an expression. Never throws on user input: a bad expression
 * gives `{ ok: false, diagnostics }` (print them with `renderDiagnostics`).
 *
 * @example
 * const r = compile('not cf.tls_client_auth.cert_verified and http.request.uri.path in {"/admin"}', cloudflareScheme);
 * if (r.ok) {
 *   const ctx = cloudflareScheme.createContext().set('cf.tls_client_auth.cert_verified', false).set('http.request.uri.path', '/admin');
 *   r.filter.execute(ctx); // true
 * }
 */
export function compile(expression: string, scheme: Scheme, options?: CompileOptions): CompileResult {
  return run(expression, scheme, options, (out) => {
    const ast = out.root;
    const tables: CompileTables = { table: scheme.table, calls: out.calls, regexes: out.regexes };
    return {
      ok: true as const,
      filter: new Filter(expression, ast, out.fields, scheme, tables),
      diagnostics: [] as const,
    };
  });
}

/** Parses and type-checks without compiling: the tree for tools (formatter, dashboard). */
export function parse(expression: string, scheme: Scheme, options?: CompileOptions): ParseResult {
  return run(expression, scheme, options, (out) => ({
    ok: true as const,
    ast: freezeTree(out.root),
    referencedFields: Object.freeze([...out.fields]),
  }));
}
