// The syntax tree: frozen, JSON-serialisable nodes tagged by `kind`, each with its span and type.
import type { Type } from './functions/types.js';

/** UTF-16 offsets `[start, end)` into the expression. */
export type Span = readonly [number, number];

/** A scheme field read. */
export interface FieldNode {
  readonly kind: 'field';
  readonly name: string;
  readonly type: Type;
  readonly span: Span;
}

/** A function call. `mapped` when `[*]` in the first argument maps it over elements (type is then Array<…>). */
export interface CallNode {
  readonly kind: 'call';
  readonly name: string;
  readonly args: readonly ArgNode[];
  readonly mapped: boolean;
  readonly type: Type;
  readonly span: Span;
}

/** An index step: `[0]`, `["key"]` or `[*]`. `multi` when this node or one below it is `[*]`. */
export interface IndexNode {
  readonly kind: 'index';
  readonly target: ValueNode;
  readonly index: IndexKey;
  readonly multi: boolean;
  /** The type of one visited value (element type when `multi`). */
  readonly type: Type;
  readonly span: Span;
}

/** What an index step selects. */
export type IndexKey =
  | { readonly kind: 'element'; readonly index: number }
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'each' };

/** A value: field, call or indexed value. */
export type ValueNode = FieldNode | CallNode | IndexNode;

/** A literal function argument: quoted/raw string (Bytes, binary string), integer, or IP (text). */
export interface LiteralNode {
  readonly kind: 'literal';
  readonly type: Type;
  readonly value: string | number;
  readonly span: Span;
}

/** A function argument. */
export type ArgNode = LiteralNode | ValueNode | ConditionNode;

/** Comparison operators in their canonical (English) names. */
export type CompareOp =
  | 'eq'
  | 'ne'
  | 'lt'
  | 'le'
  | 'gt'
  | 'ge'
  | 'contains'
  | 'matches'
  | 'wildcard'
  | 'strict wildcard'
  | 'in'
  | 'bitwise_and';

/** One element of an inline set `{…}`. Bytes are binary strings, IPs canonical text. */
export type SetElement =
  | { readonly kind: 'bytes'; readonly value: string }
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'int_range'; readonly from: number; readonly to: number }
  | { readonly kind: 'ip'; readonly value: string }
  | { readonly kind: 'ip_range'; readonly from: string; readonly to: string }
  | { readonly kind: 'cidr'; readonly address: string; readonly prefix: number };

/** The right-hand side of a comparison, always a literal read according to the left type. */
export type RhsNode =
  | { readonly kind: 'bytes'; readonly value: string; readonly span: Span }
  | { readonly kind: 'int'; readonly value: number; readonly span: Span }
  | { readonly kind: 'ip'; readonly value: string; readonly span: Span }
  | { readonly kind: 'regex'; readonly pattern: string; readonly span: Span }
  | { readonly kind: 'wildcard'; readonly pattern: string; readonly span: Span }
  | { readonly kind: 'set'; readonly elements: readonly SetElement[]; readonly span: Span }
  | { readonly kind: 'list'; readonly name: string; readonly span: Span };

/** `value op literal`. Its type is Bool, or Array<Bool> when the left side contains `[*]`. */
export interface CompareNode {
  readonly kind: 'compare';
  readonly lhs: ValueNode;
  readonly op: CompareOp;
  readonly rhs: RhsNode;
  readonly type: Type;
  readonly span: Span;
}

/** `not x` / `!x`. */
export interface NotNode {
  readonly kind: 'not';
  readonly operand: ConditionNode;
  readonly type: Type;
  readonly span: Span;
}

/** An n-ary chain of one logical operator. */
export interface LogicalNode {
  readonly kind: 'logical';
  readonly op: 'and' | 'or' | 'xor';
  readonly operands: readonly ConditionNode[];
  readonly type: Type;
  readonly span: Span;
}

/** `any(…)` / `all(…)` over an Array<Bool>. */
export interface QuantifierNode {
  readonly kind: 'quantifier';
  readonly quantifier: 'any' | 'all';
  readonly operand: ConditionNode;
  readonly type: Type;
  readonly span: Span;
}

/** Anything of type Bool or Array<Bool>. A Bool value (field, call) is a condition by itself. */
export type ConditionNode = CompareNode | NotNode | LogicalNode | QuantifierNode | ValueNode;

/** Any node. */
export type Node = ConditionNode | LiteralNode;

/** Whether a value node visits several values (contains `[*]` in its own index chain). */
export function isMulti(node: ArgNode): boolean {
  return node.kind === 'index' && node.multi;
}

/** Deep-freezes a tree built by the parser. */
export function freezeTree<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) freezeTree(value[i] as unknown);
  } else {
    const o = value as Record<string, unknown>;
    for (const k in o) freezeTree(o[k]);
  }
  return value;
}
