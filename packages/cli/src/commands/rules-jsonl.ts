// The evaluator behind `portcullis rules eval --jsonl`: one JSON request line in, one JSON result line out.
import { cloudflareScheme, compile, transformScheme } from '@portcullis/rules';

type CompileResult = ReturnType<typeof compile>;
type Filter = Extract<CompileResult, { ok: true }>['filter'];
type Diagnostic = Extract<CompileResult, { ok: false }>['diagnostics'][number];
type Scheme = typeof cloudflareScheme;

/** An answer line: a boolean result or an error. Input problems use category `input` and carry the line number. */
export type EvalAnswer =
  | { readonly result: boolean }
  | {
      readonly error: {
        readonly category: string;
        readonly code: string;
        readonly message: string;
        readonly span?: readonly [number, number];
        readonly line?: number;
      };
    };

/** Codes of input problems (the line itself is malformed, not the expression). */
export type InputErrorCode =
  | 'CLI_INPUT_JSON'
  | 'CLI_INPUT_SHAPE'
  | 'CLI_INPUT_PHASE'
  | 'CLI_INPUT_FIELD'
  | 'CLI_INPUT_VALUE'
  | 'CLI_INPUT_TOO_LONG'
  | 'CLI_INPUT_ENCODING';

/** Distinct expressions kept compiled; the cache is emptied when it fills (inputs are usually repetitive or not at all). */
const CACHE_LIMIT = 4096;
/** Longer expressions are not cached (they exceed the 4,096-character limit anyway), which bounds the cache's memory. */
const CACHEABLE_LENGTH = 8192;

const schemes: Readonly<Record<string, Scheme>> = {
  custom: cloudflareScheme,
  firewall: cloudflareScheme,
  transform: transformScheme,
};

/** Builds an `input` error answer for line `line`. */
export function inputError(code: InputErrorCode, line: number, message: string): EvalAnswer {
  return { error: { category: 'input', code, message: `line ${line}: ${message}`, line } };
}

function diagnosticAnswer(diagnostic: Diagnostic): EvalAnswer {
  const { category, code, message, span } = diagnostic;
  return { error: { category, code, message, span: [span[0], span[1]] } };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** The first number in `value` (searched through arrays and objects) that is not a safe integer. */
function unsafeNumber(value: unknown, depth = 0): number | undefined {
  if (typeof value === 'number')
    return Number.isInteger(value) && !Number.isSafeInteger(value) ? value : undefined;
  if (depth > 64 || typeof value !== 'object' || value === null) return undefined;
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    const found = unsafeNumber(item, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Evaluates JSON request lines against the Cloudflare schemes, caching each compiled expression.
 * Never throws: every problem becomes an error answer.
 */
export class RulesLineEvaluator {
  private readonly cache = new Map<string, { filter: Filter } | { diagnostic: Diagnostic }>();

  /** Answers one line; undefined for a blank line (which produces no output). */
  evaluate(text: string, line: number): EvalAnswer | undefined {
    try {
      return this.answer(text, line);
    } catch (error) {
      // The engine promises never to throw on user input; if it ever does, the stream goes on.
      const message = error instanceof Error ? error.message : String(error);
      return {
        error: { category: 'internal', code: 'CLI_INTERNAL', message: `line ${line}: ${message}`, line },
      };
    }
  }

  private answer(text: string, line: number): EvalAnswer | undefined {
    if (text.trim() === '') return undefined;
    let request: unknown;
    try {
      request = JSON.parse(text);
    } catch (error) {
      return inputError(
        'CLI_INPUT_JSON',
        line,
        `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    if (typeof request !== 'object' || request === null || Array.isArray(request)) {
      return inputError(
        'CLI_INPUT_SHAPE',
        line,
        `expected an object with "expression" and "fields", got ${describe(request)}`,
      );
    }
    const { expression, fields, phase } = request as Record<string, unknown>;
    if (typeof expression !== 'string') {
      return inputError(
        'CLI_INPUT_SHAPE',
        line,
        `"expression" must be a string, got ${describe(expression)}`,
      );
    }
    if (fields !== undefined && (typeof fields !== 'object' || fields === null || Array.isArray(fields))) {
      return inputError(
        'CLI_INPUT_SHAPE',
        line,
        `"fields" must be an object of field names to values, got ${describe(fields)}`,
      );
    }
    const phaseName = phase === undefined || phase === null ? 'custom' : phase;
    const scheme =
      typeof phaseName === 'string' && Object.hasOwn(schemes, phaseName) ? schemes[phaseName] : undefined;
    if (scheme === undefined) {
      return inputError(
        'CLI_INPUT_PHASE',
        line,
        `"phase" must be "custom" or "transform", got ${JSON.stringify(phase)}`,
      );
    }

    const compiled = this.compiled(expression, scheme);
    if ('diagnostic' in compiled) return diagnosticAnswer(compiled.diagnostic);

    const context = scheme.createContext();
    for (const [name, value] of Object.entries((fields ?? {}) as Record<string, unknown>)) {
      if (scheme.field(name) === undefined)
        return inputError('CLI_INPUT_FIELD', line, `unknown field ${JSON.stringify(name)} in "fields"`);
      const unsafe = unsafeNumber(value);
      if (unsafe !== undefined) {
        return inputError(
          'CLI_INPUT_VALUE',
          line,
          `field ${name}: ${unsafe} is outside the exactly representable integer range (±2^53-1)`,
        );
      }
      try {
        context.set(name, value);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        // The engine's message usually names the field already.
        return inputError(
          'CLI_INPUT_VALUE',
          line,
          message.includes(name) ? message : `field ${name}: ${message}`,
        );
      }
    }
    return { result: compiled.filter.execute(context) };
  }

  private compiled(expression: string, scheme: Scheme): { filter: Filter } | { diagnostic: Diagnostic } {
    const key = `${scheme.phase}\u0000${expression}`;
    let entry = this.cache.get(key);
    if (entry === undefined) {
      const result = compile(expression, scheme);
      entry = result.ok
        ? { filter: result.filter }
        : {
            diagnostic: result.diagnostics[0] ?? {
              code: 'RULES_PARSE_UNEXPECTED',
              category: 'parse',
              message: 'invalid expression',
              span: [0, expression.length],
            },
          };
      if (expression.length <= CACHEABLE_LENGTH) {
        if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
        this.cache.set(key, entry);
      }
    }
    return entry;
  }
}
