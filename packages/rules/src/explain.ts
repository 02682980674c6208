// explain(filter, ctx): the value of every sub-expression, for the dashboard's expression tester.
import type { ConditionNode, Node, Span } from './ast.js';
import { isMulti } from './ast.js';
import { binaryToUtf8, quoteBytes } from './bytes.js';
import type { Filter } from './compile.js';
import { compileArray, compileCond, compileGetter, compileMulti } from './compiler.js';
import type { Context } from './context.js';
import { printNode } from './format.js';
import type { IpValue, MaybeValue } from './functions/types.js';
import { formatIp } from './literals/ip.js';
import { conditionType } from './parser.js';

/** A JSON view of a runtime value: Bytes as text (or a quoted escape form when not UTF-8). */
export type ExplainValue =
  null | boolean | number | string | ExplainValue[] | { [key: string]: ExplainValue };

/** One sub-expression and its value. `missing` is true when the value is missing. */
export interface ExplainNode {
  readonly kind: Node['kind'];
  readonly text: string;
  readonly span: Span;
  readonly value: ExplainValue;
  readonly missing: boolean;
  readonly children: readonly ExplainNode[];
}

function bytesText(s: string): string {
  return binaryToUtf8(s) ?? quoteBytes(s);
}

/** Converts a runtime value to its JSON view. */
export function explainValue(v: MaybeValue): ExplainValue {
  if (v === undefined) return null;
  if (typeof v === 'string') return bytesText(v);
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return (v as MaybeValue[]).map(explainValue);
  if (v instanceof Map) {
    const o: { [key: string]: ExplainValue } = {};
    for (const [k, x] of v as Map<string, MaybeValue>) o[bytesText(k)] = explainValue(x);
    return o;
  }
  return formatIp(v as IpValue);
}

function children(node: Node): Node[] {
  switch (node.kind) {
    case 'logical':
      return [...node.operands];
    case 'not':
    case 'quantifier':
      return [node.operand];
    case 'compare':
      return [node.lhs];
    case 'call':
      return [...node.args];
    case 'index':
      return [node.target];
    default:
      return [];
  }
}

function evaluate(node: Node, filter: Filter, ctx: Context): MaybeValue {
  const t = filter.tables;
  if (node.kind === 'literal') return node.value;
  if (node.kind === 'field' || node.kind === 'call' || node.kind === 'index') {
    if (isMulti(node)) return compileMulti(node as Extract<Node, { kind: 'index' }>, t)(ctx);
    return compileGetter(node, t)(ctx);
  }
  const type = conditionType(node as ConditionNode);
  if (type.kind === 'bool') return compileCond(node as ConditionNode, t)(ctx);
  return compileArray(node as ConditionNode, t)(ctx);
}

function walk(node: Node, filter: Filter, ctx: Context): ExplainNode {
  let value: MaybeValue;
  try {
    value = evaluate(node, filter, ctx);
  } catch {
    value = undefined;
  }
  return {
    kind: node.kind,
    text: printNode(node),
    span: node.span,
    value: explainValue(value),
    missing: value === undefined,
    children: children(node).map((c) => walk(c, filter, ctx)),
  };
}

/**
 * Evaluates every sub-expression of `filter` against `ctx` and returns the tree with values
 * (conditions are evaluated fully, without short-circuiting, so every branch shows its value).
 */
export function explain(filter: Filter, ctx: Context): ExplainNode {
  return walk(filter.ast, filter, ctx);
}
