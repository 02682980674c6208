// The dashboard's use of @portcullis/rules: live checking of an expression and the test bench's evaluation.
import {
  compile,
  cloudflareScheme,
  renderDiagnostics,
  explain,
  format,
  typeName,
  type ExplainNode,
} from '@portcullis/rules';

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
  { ok: true; matched: boolean; trace: TraceNode } | { ok: false; message: string };

/**
 * Evaluates a compiled filter against sample field values (JSON-shaped: strings are text, IPs are
 * strings, maps are objects of arrays) and explains each sub-expression's value.
 */
export function evaluate(filter: CompiledFilter, sample: Record<string, unknown>): EvaluationOutcome {
  const ctx = cloudflareScheme.createContext();
  try {
    for (const [name, value] of Object.entries(sample)) ctx.set(name, value);
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  return { ok: true, matched: filter.execute(ctx), trace: toTrace(explain(filter, ctx)) };
}

function toTrace(node: ExplainNode): TraceNode {
  return {
    text: node.text,
    value: node.missing ? 'missing' : JSON.stringify(node.value),
    children: node.children.map(toTrace),
  };
}

/** A neutral sample value for a field of the Cloudflare scheme, by its type (false, 0, "", [], {}). */
export function neutralValue(field: string): unknown {
  const type = cloudflareScheme.field(field)?.type;
  switch (type?.kind) {
    case 'bool':
      return false;
    case 'int':
      return 0;
    case 'ip':
      return '192.0.2.10';
    case 'array':
      return [];
    case 'map':
      return {};
    default:
      return '';
  }
}

/** The canonical text of a valid expression (the engine's formatter; it parses back to the same tree). */
export function formatExpression(filter: CompiledFilter): string {
  return format(filter);
}

/** One field of the scheme, with its type as the documentation writes it. */
export interface FieldInfo {
  name: string;
  type: string;
}

/** The scheme's fields in groups, client-certificate fields first. */
export function fieldGroups(): { label: string; fields: FieldInfo[] }[] {
  const groups = new Map<string, FieldInfo[]>();
  for (const name of cloudflareScheme.fieldNames()) {
    const slot = cloudflareScheme.field(name);
    if (!slot) continue;
    const label = name.startsWith('cf.tls_client_auth.')
      ? 'Client certificate (mTLS)'
      : name.startsWith('http.')
        ? 'HTTP request'
        : name.startsWith('ip.')
          ? 'Client IP'
          : 'Connection and other';
    const list = groups.get(label) ?? [];
    list.push({ name, type: typeName(slot.type) });
    groups.set(label, list);
  }
  const order = ['Client certificate (mTLS)', 'HTTP request', 'Client IP', 'Connection and other'];
  return order.filter((label) => groups.has(label)).map((label) => ({ label, fields: groups.get(label)! }));
}
