// The dashboard's use of @portcullis/rules: live checking of an expression and the test bench's evaluation.
import { compile, cloudflareScheme, renderDiagnostics, explain } from '@portcullis/rules';

type CompileResult = ReturnType<typeof compile>;
/** A compiled filter, as @portcullis/rules returns it. */
export type CompiledFilter = Extract<CompileResult, { ok: true }>['filter'];

/** One problem of an expression, with its position already worked out for display. */
export interface DiagnosticView {
  code: string;
  category: string;
  message: string;
  span: readonly [number, number];
  line: number;
  column: number;
}

export type CheckOutcome =
  | { ok: true; filter: CompiledFilter; referencedFields: readonly string[] }
  | { ok: false; diagnostics: DiagnosticView[]; rendered: string };

/** 1-based line and column (in code points) of a UTF-16 offset, as the engine's renderer counts them. */
export function lineColumnOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: [...before.slice(lineStart)].length + 1 };
}

/** Compiles `expression` against Cloudflare's field scheme; never throws on user input. */
export function checkExpression(expression: string): CheckOutcome {
  const result = compile(expression, cloudflareScheme);
  if (result.ok) {
    return { ok: true, filter: result.filter, referencedFields: [...result.filter.referencedFields] };
  }
  const diagnostics = result.diagnostics.map((d) => ({
    code: d.code,
    category: d.category,
    message: d.message,
    span: [d.span[0], d.span[1]] as const,
    ...lineColumnOf(expression, d.span[0]),
  }));
  return { ok: false, diagnostics, rendered: renderDiagnostics(expression, result.diagnostics) };
}

/** One node of an evaluation trace, normalised for display. */
export interface TraceNode {
  text: string;
  value: string;
  children: TraceNode[];
}

export type EvaluationOutcome =
  { ok: true; matched: boolean; trace: TraceNode | null } | { ok: false; message: string };

/**
 * Evaluates a compiled filter against sample field values (JSON-shaped: strings are text, IPs are
 * strings, maps are objects) and explains each sub-expression's value.
 */
export function evaluate(filter: CompiledFilter, sample: Record<string, unknown>): EvaluationOutcome {
  const ctx = cloudflareScheme.createContext();
  try {
    for (const [name, value] of Object.entries(sample)) ctx.set(name, value);
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  const matched = filter.execute(ctx);
  let trace: TraceNode | null = null;
  try {
    trace = normaliseTrace(explain(filter, ctx));
  } catch {
    trace = null;
  }
  return { ok: true, matched, trace };
}

function normaliseTrace(node: unknown): TraceNode {
  const n = (node ?? {}) as Record<string, unknown>;
  const text = firstString(n, ['text', 'expression', 'source', 'label', 'kind']) ?? '';
  const children = Array.isArray(n['children']) ? (n['children'] as unknown[]).map(normaliseTrace) : [];
  return { text, value: displayValue(n['value']), children };
}

function firstString(n: Record<string, unknown>, keys: string[]): string | undefined {
  for (const key of keys) if (typeof n[key] === 'string') return n[key];
  return undefined;
}

/** A runtime value of the engine as short text; `missing` for an absent value. */
export function displayValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Map) return `{${[...value.keys()].map((k) => JSON.stringify(k)).join(', ')}}`;
  if (Array.isArray(value)) return `[${value.map(displayValue).join(', ')}]`;
  if (typeof value === 'object' && value !== null && 'bytes' in value && 'family' in value) {
    const ip = value as { family: 4 | 6; bytes: Uint8Array };
    return ip.family === 4 ? [...ip.bytes].join('.') : formatIpv6(ip.bytes);
  }
  return JSON.stringify(value) ?? String(value);
}

function formatIpv6(bytes: Uint8Array): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  return groups.join(':');
}
