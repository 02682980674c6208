// The type rules of RULES-LANGUAGE.md §8, applied by the parser as it builds each node: logical
// operands, indexes, operators per type, function lookup by phase and call-site checks.
import type {
  ArgNode,
  CallNode,
  CompareOp,
  ConditionNode,
  IndexKey,
  IndexNode,
  Span,
  ValueNode,
} from './ast.js';
import { isMulti } from './ast.js';
import { fail } from './diagnostics.js';
import type { ArgInfo, FunctionDefinition, FunctionImpl, Type } from './functions/types.js';
import { parseIp } from './literals/ip.js';
import type { Scheme } from './scheme.js';
import { arrayOf, isArrayOfBool, typeName } from './type-utils.js';

/** What the compiler needs to run one call site. */
export interface CallSite {
  readonly impl: FunctionImpl;
  readonly acceptsMissing: boolean;
}

const OPS_BY_TYPE: Readonly<Record<string, readonly CompareOp[]>> = {
  bytes: ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'contains', 'matches', 'wildcard', 'strict wildcard', 'in'],
  int: ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'in', 'bitwise_and'],
  // Cloudflare documents no ordering on IP addresses (wirefilter has it); we follow the product.
  ip: ['eq', 'ne', 'in'],
};

/** The type a condition evaluates to: Bool, or Array<…> for a `[*]` value. */
export function conditionType(node: ConditionNode): Type {
  if (node.kind === 'index' && node.multi) return arrayOf(node.type);
  return node.type;
}

/** `and`/`or`/`xor` operands must all be Bool or all Array<Bool>. */
export function checkLogicalOperand(first: Type, next: ConditionNode): void {
  const t = conditionType(next);
  if (t.kind !== first.kind || !(t.kind === 'bool' || isArrayOfBool(t)))
    fail(
      'RULES_TYPE_MISMATCH',
      'type',
      `expected value of type ${typeName(first)}, but got ${typeName(t)}`,
      next.span[0],
      next.span[1],
    );
}

/** `any`/`all` take an Array<Bool>. */
export function checkQuantifierOperand(name: string, operand: ConditionNode): void {
  const t = conditionType(operand);
  if (!isArrayOfBool(t))
    fail(
      'RULES_TYPE_MISMATCH',
      'type',
      `${name}() expects a value of type Array<Bool>, but got ${typeName(t)}`,
      operand.span[0],
      operand.span[1],
    );
}

/** The whole filter must be Bool (a bare `[*]` comparison is Array<Bool>). */
export function checkFilter(root: ConditionNode): void {
  const t = conditionType(root);
  if (t.kind !== 'bool')
    fail(
      'RULES_TYPE_NOT_BOOL',
      'type',
      `expected value of type Bool, but got ${typeName(t)}; wrap [*] comparisons in any() or all()`,
      root.span[0],
      root.span[1],
    );
}

/** Builds an index node after checking the index kind fits the value's type. */
export function checkIndex(target: ValueNode, index: IndexKey, start: number, end: number): IndexNode {
  const span: Span = [target.span[0], end];
  const t = target.type;
  if (index.kind === 'each') {
    if (t.kind !== 'array' && t.kind !== 'map')
      fail(
        'RULES_TYPE_MAP_EACH',
        'type',
        `invalid use of map each access operator on a value of type ${typeName(t)}`,
        start,
        end,
      );
    return { kind: 'index', target, index, multi: true, type: t.of, span };
  }
  if (index.kind === 'element' && t.kind !== 'array')
    fail(
      'RULES_TYPE_INDEX',
      'type',
      `cannot index a value of type ${typeName(t)} with an integer`,
      start,
      end,
    );
  if (index.kind === 'key' && t.kind !== 'map')
    fail('RULES_TYPE_INDEX', 'type', `cannot index a value of type ${typeName(t)} with a key`, start, end);
  const of = t.kind === 'array' || t.kind === 'map' ? t.of : t;
  return { kind: 'index', target, index, multi: isMulti(target), type: of, span };
}

/** The operator must be defined for the left-hand type. */
export function checkOperator(t: Type, op: CompareOp, start: number, end: number): void {
  const allowed = OPS_BY_TYPE[t.kind];
  if (allowed !== undefined && allowed.includes(op)) return;
  const why =
    t.kind === 'ip' && (op === 'lt' || op === 'le' || op === 'gt' || op === 'ge')
      ? ' (ordering is not supported on IP addresses)'
      : '';
  const hint = t.kind === 'array' || t.kind === 'map' ? '; index it or use [*] inside any() or all()' : '';
  fail(
    'RULES_TYPE_OPERATOR',
    'type',
    `cannot perform this operation on type ${typeName(t)}${why}${hint}`,
    start,
    end,
  );
}

/** Finds a callable function, or reports it unknown / unavailable in the scheme's phase. */
export function lookupCallable(scheme: Scheme, name: string, start: number, end: number): FunctionDefinition {
  const lookup = scheme.lookupFunction(name);
  if (lookup.kind === 'found') return lookup.definition;
  if (lookup.kind === 'unknown')
    fail('RULES_UNKNOWN_FUNCTION', 'unknown_function', `unknown function ${name}`, start, end);
  const where = lookup.definition.phases.includes('transform')
    ? 'transform rules'
    : lookup.definition.phases.join(', ') + ' rules';
  const here = scheme.phase === 'custom' ? 'custom rules' : `${scheme.phase} rules`;
  return fail(
    'RULES_FUNCTION_PHASE',
    'unknown_function',
    `function ${name} is only available in ${where}, not in ${here}`,
    start,
    end,
  );
}

function isFieldAccess(node: ArgNode): boolean {
  let n: ArgNode = node;
  while (n.kind === 'index') n = n.target;
  return n.kind === 'field';
}

function argInfo(a: ArgNode): ArgInfo {
  if (a.kind === 'literal') {
    const literal = a.type.kind === 'ip' ? parseIp(a.value as string) : a.value;
    return { type: a.type, isLiteral: true, literal, isField: false, span: a.span };
  }
  const type = a.kind === 'field' || a.kind === 'call' || a.kind === 'index' ? a.type : conditionType(a);
  return { type, isLiteral: false, isField: isFieldAccess(a), span: a.span };
}

/**
 * Checks a call's arguments with the function's own `check` (the engine handles `[*]` in the
 * first argument by mapping) and builds the call node with its runtime site.
 */
export function checkCall(
  def: FunctionDefinition,
  args: readonly ArgNode[],
  span: Span,
): { node: CallNode; site: CallSite } {
  const name = def.name;
  let mapped = false;
  args.forEach((a, i) => {
    if (!isMulti(a)) return;
    if (i > 0)
      fail(
        'RULES_TYPE_MAP_EACH',
        'type',
        `invalid use of map each access operator: [*] is only allowed in the first argument of ${name}`,
        a.span[0],
        a.span[1],
      );
    mapped = true;
  });
  let result;
  try {
    result = def.check(args.map(argInfo));
  } catch (e) {
    fail(
      'RULES_TYPE_ARGUMENT',
      'type',
      `function ${name} rejected its arguments: ${e instanceof Error ? e.message : String(e)}`,
      span[0],
      span[1],
    );
  }
  if (!result.ok) {
    const at = (result.argIndex === undefined ? undefined : args[result.argIndex])?.span ?? span;
    const code =
      result.category === 'regex'
        ? 'RULES_REGEX_INVALID'
        : result.category === 'wildcard'
          ? 'RULES_WILDCARD_INVALID'
          : 'RULES_TYPE_ARGUMENT';
    fail(code, result.category, result.message, at[0], at[1]);
  }
  const type = mapped ? arrayOf(result.returns) : result.returns;
  return {
    node: { kind: 'call', name, args, mapped, type, span },
    site: { impl: result.impl, acceptsMissing: result.acceptsMissing === true },
  };
}
