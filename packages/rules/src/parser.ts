// The parser and type checker in one pass (the right-hand literal is read according to the
// left-hand type, as wirefilter does): expression text → frozen, typed syntax tree.
import type { ArgNode, CallNode, CompareNode, ConditionNode, IndexKey, IndexNode, ValueNode } from './ast.js';
import { isMulti } from './ast.js';
import {
  checkCall,
  checkFilter,
  checkIndex,
  checkLogicalOperand,
  checkOperator,
  checkQuantifierOperand,
  conditionType,
  lookupCallable,
  type CallSite,
} from './checker.js';
import { Cursor, type ParseLimits } from './cursor.js';
import { fail } from './diagnostics.js';
import type { Type } from './functions/types.js';
import { lexInteger } from './literals/integers.js';
import { formatIp, parseIp } from './literals/ip.js';
import { isWordChar, lexQuotedString, lexRawString } from './literals/strings.js';
import { readRhs, type RegexTable } from './parse-rhs.js';
import type { Scheme } from './scheme.js';
import { peekLogicalOp, readCompareOp } from './tokens.js';
import { ARRAY_BOOL, BOOL, BYTES, INT, IP, arrayOf, isArrayOfBool, typeName } from './type-utils.js';

export type { CallSite } from './checker.js';
export { conditionType } from './checker.js';

/** The parser's output: the tree plus side tables that are not part of the serialisable tree. */
export interface ParseOutput {
  readonly root: ConditionNode;
  readonly calls: Map<CallNode, CallSite>;
  readonly regexes: RegexTable;
  readonly fields: readonly string[];
}

class Parser {
  readonly cur: Cursor;
  depth = 0;
  readonly calls = new Map<CallNode, CallSite>();
  readonly regexes: RegexTable = new Map();
  readonly fields: string[] = [];
  exclusive: Set<string> | undefined;

  constructor(
    src: string,
    start: number,
    end: number,
    readonly scheme: Scheme,
    readonly limits: ParseLimits,
  ) {
    this.cur = new Cursor(src, start, end);
  }

  enter(at: number): void {
    if (++this.depth > this.limits.maxDepth)
      fail(
        'RULES_PARSE_NESTING',
        'parse',
        `maximum nesting depth exceeded (limit: ${this.limits.maxDepth})`,
        at,
        at + 1,
      );
  }

  parseFilter(): ConditionNode {
    const cur = this.cur;
    cur.ws();
    if (cur.pos >= cur.end) fail('RULES_PARSE_EMPTY', 'parse', 'the expression is empty', cur.pos, cur.pos);
    const root = this.parseLevel(2);
    cur.ws();
    if (cur.pos < cur.end) cur.unexpected('unrecognised input', 'RULES_PARSE_TRAILING_INPUT');
    checkFilter(root);
    return root;
  }

  /**
   * The logical operator after the cursor (skipping whitespace): its level (0 = and, 1 = xor,
   * 2 = or) and the offset after it, or level -1. Cached per position, since every precedence
   * level asks the same question.
   */
  private peekAt = -1;
  private peekLevel = -1;
  private peekEnd = 0;

  peekLogical(): number {
    const cur = this.cur;
    if (this.peekAt === cur.pos) return this.peekLevel;
    const at = cur.pos;
    cur.ws();
    const packed = peekLogicalOp(cur);
    this.peekEnd = cur.pos + (packed & 3);
    cur.pos = at;
    this.peekAt = at;
    this.peekLevel = packed < 0 ? -1 : packed >> 2;
    return this.peekLevel;
  }

  /** level 0 = and, 1 = xor, 2 = or; chains of one operator are n-ary. */
  parseLevel(level: number): ConditionNode {
    const cur = this.cur;
    const first = level === 0 ? this.parseOperand(false) : this.parseLevel(level - 1);
    let operands: ConditionNode[] | undefined;
    let t0: Type | undefined;
    while (this.peekLogical() === level) {
      cur.pos = this.peekEnd;
      const next = level === 0 ? this.parseOperand(false) : this.parseLevel(level - 1);
      // Checked as each operand arrives, so the first problem in source order is the one reported.
      t0 ??= conditionType(first);
      checkLogicalOperand(t0, next);
      (operands ??= [first]).push(next);
    }
    if (operands === undefined || t0 === undefined) return first;
    const last = operands[operands.length - 1] ?? first;
    return {
      kind: 'logical',
      op: level === 0 ? 'and' : level === 1 ? 'xor' : 'or',
      operands,
      type: t0,
      span: [first.span[0], last.span[1]],
    };
  }

  parseOperand(allowBareValue: boolean): ConditionNode {
    const cur = this.cur;
    cur.ws();
    const start = cur.pos;
    const c = cur.peek();
    if (c === 40) {
      this.enter(start);
      cur.pos++;
      const inner = this.parseLevel(2);
      cur.ws();
      if (cur.peek() !== 41) cur.unexpected("expected ')'");
      cur.pos++;
      this.depth--;
      return inner;
    }
    if (c === 33 && cur.peek(1) !== 61) {
      cur.pos++;
      return this.parseNot(start);
    }
    if (c >= 0 && isWordChar(c)) {
      const name = cur.readName();
      if (name === 'not') return this.parseNot(start);
      const afterName = cur.pos;
      cur.ws();
      const callFollows = cur.peek() === 40;
      cur.pos = afterName;
      if ((name === 'any' || name === 'all') && callFollows) return this.parseQuantifier(name, start);
      const value = this.parseValue(name, start, callFollows);
      return this.finishCondition(value, allowBareValue);
    }
    return cur.unexpected('expected a field, a function call, not or (');
  }

  parseNot(start: number): ConditionNode {
    this.enter(start);
    const operand = this.parseOperand(false);
    this.depth--;
    const t = conditionType(operand);
    return { kind: 'not', operand, type: t, span: [start, operand.span[1]] };
  }

  parseQuantifier(name: 'any' | 'all', start: number): ConditionNode {
    const cur = this.cur;
    this.enter(start);
    cur.ws();
    cur.pos++;
    cur.ws();
    if (cur.peek() === 41)
      fail('RULES_PARSE_UNEXPECTED', 'parse', `${name}() needs an argument`, start, cur.pos + 1);
    const operand = this.parseOperand(false);
    cur.ws();
    if (cur.peek() !== 41)
      cur.unexpected(`expected ')' to close ${name}(; put a compound condition in parentheses`);
    cur.pos++;
    this.depth--;
    checkQuantifierOperand(name, operand);
    return { kind: 'quantifier', quantifier: name, operand, type: BOOL, span: [start, cur.pos] };
  }

  parseValue(name: string, start: number, callFollows: boolean): ValueNode {
    const cur = this.cur;
    let value: ValueNode;
    if (callFollows) {
      if (this.scheme.fieldByHash(name, cur.nameHash) !== undefined)
        fail('RULES_PARSE_FIELD_CALLED', 'parse', `${name} is a field, not a function`, start, cur.pos);
      value = this.parseCall(name, start);
    } else {
      const field = this.scheme.fieldByHash(name, cur.nameHash);
      if (field === undefined) {
        if (this.scheme.lookupFunction(name).kind !== 'unknown' || name === 'any' || name === 'all')
          fail(
            'RULES_PARSE_FUNCTION_NOT_CALLED',
            'parse',
            `expected ( after the function name ${name}`,
            start,
            cur.pos,
          );
        fail('RULES_UNKNOWN_FIELD', 'unknown_field', `unknown field ${name}`, start, cur.pos);
      }
      // The scheme's own string: its hash is cached, so the compiler's slot lookup is cheap.
      if (!this.fields.includes(field.name)) this.fields.push(field.name);
      value = { kind: 'field', name: field.name, type: field.type, span: [start, cur.pos] };
    }
    while (cur.peek() === 91) value = this.parseIndex(value);
    return value;
  }

  parseIndex(target: ValueNode): IndexNode {
    const cur = this.cur;
    const start = cur.pos;
    cur.pos++;
    cur.ws();
    const c = cur.peek();
    let index: IndexKey;
    if (c === 42) {
      cur.pos++;
      index = { kind: 'each' };
    } else if (c === 34) {
      const s = lexQuotedString(cur.src, cur.pos, cur.end);
      cur.pos = s.end;
      index = { kind: 'key', key: s.value };
    } else if (c >= 48 && c <= 57) {
      const n = lexInteger(cur.src, cur.pos, cur.end);
      cur.pos = n.end;
      index = { kind: 'element', index: n.value };
    } else if (c === 45) {
      fail('RULES_PARSE_BAD_INDEX', 'parse', 'an array index cannot be negative', cur.pos, cur.pos + 1);
    } else {
      return cur.unexpected('expected an index: a non-negative integer, a quoted key or *');
    }
    cur.ws();
    if (cur.peek() !== 93) cur.unexpected("expected ']'");
    cur.pos++;
    return checkIndex(target, index, start, cur.pos);
  }

  parseCall(name: string, start: number): CallNode {
    const cur = this.cur;
    const def = lookupCallable(this.scheme, name, start, cur.pos);
    if (def.exclusiveGroup !== undefined) {
      this.exclusive ??= new Set();
      if (this.exclusive.has(def.exclusiveGroup))
        fail(
          'RULES_TYPE_EXCLUSIVE_FUNCTION',
          'type',
          `${name} may be used only once per expression and not combined with another ${def.exclusiveGroup} function`,
          start,
          cur.pos,
        );
      this.exclusive.add(def.exclusiveGroup);
    }
    this.enter(start);
    cur.ws();
    cur.pos++;
    const args: ArgNode[] = [];
    cur.ws();
    if (cur.peek() === 41) cur.pos++;
    else {
      while (true) {
        args.push(this.parseArgument());
        cur.ws();
        const c = cur.peek();
        if (c === 44) {
          cur.pos++;
          continue;
        }
        if (c === 41) {
          cur.pos++;
          break;
        }
        cur.unexpected("expected ',' or ')' in the argument list");
      }
    }
    this.depth--;
    const { node, site } = checkCall(def, args, [start, cur.pos]);
    this.calls.set(node, site);
    return node;
  }

  parseArgument(): ArgNode {
    const cur = this.cur;
    cur.ws();
    const start = cur.pos;
    const c = cur.peek();
    if (c === 34) {
      const s = lexQuotedString(cur.src, start, cur.end);
      cur.pos = s.end;
      return { kind: 'literal', type: BYTES, value: s.value, span: [start, s.end] };
    }
    if (c === 114 && (cur.peek(1) === 34 || cur.peek(1) === 35)) {
      const s = lexRawString(cur.src, start, cur.end);
      cur.pos = s.end;
      return { kind: 'literal', type: BYTES, value: s.value, span: [start, s.end] };
    }
    if (c === 45 || c === 58 || (c >= 48 && c <= 57)) {
      let p = start;
      while (p < cur.end && /[0-9a-fA-F:.x-]/.test(cur.src[p] ?? '')) p++;
      const run = cur.src.slice(start, p);
      if (run.includes(':') || /^\d+\.\d+\.\d+\.\d+$/.test(run)) {
        const ip = parseIp(run);
        if (ip === undefined || (p < cur.end && isWordChar(cur.src.charCodeAt(p))))
          fail('RULES_PARSE_BAD_IP', 'parse', `invalid IP address ${run}`, start, p);
        cur.pos = p;
        return { kind: 'literal', type: IP, value: formatIp(ip), span: [start, p] };
      }
      const n = lexInteger(cur.src, start, cur.end);
      cur.pos = n.end;
      return { kind: 'literal', type: INT, value: n.value, span: [start, n.end] };
    }
    return this.parseOperand(true);
  }

  finishCondition(value: ValueNode, allowBareValue: boolean): ConditionNode {
    const cur = this.cur;
    const t = value.type;
    const multi = isMulti(value);
    if (t.kind === 'bool' || (!multi && isArrayOfBool(t))) return value;
    const save = cur.pos;
    cur.ws();
    const opStart = cur.pos;
    const op = readCompareOp(cur);
    if (op === undefined) {
      if (allowBareValue) {
        const c = cur.peek();
        if (c === 44 || c === 41) {
          cur.pos = save;
          return value;
        }
      }
      return cur.unexpected(
        `expected an operator after a value of type ${typeName(multi ? arrayOf(t) : t)}`,
        'RULES_PARSE_OPERATOR_EXPECTED',
      );
    }
    checkOperator(t, op, opStart, cur.pos);
    const rhs = readRhs(cur, op, t, this.limits, this.regexes);
    if (rhs.kind === 'list')
      fail(
        'RULES_TYPE_UNKNOWN_LIST',
        'type',
        `unknown list $${rhs.name} for type ${typeName(t)}`,
        rhs.span[0],
        rhs.span[1],
      );
    const node: CompareNode = {
      kind: 'compare',
      lhs: value,
      op,
      rhs,
      type: multi ? ARRAY_BOOL : BOOL,
      span: [value.span[0], rhs.span[1]],
    };
    return node;
  }
}

/** Parses and type-checks `src[start, end)`; throws DiagnosticFailure at the first problem. */
export function parseExpression(
  src: string,
  start: number,
  end: number,
  scheme: Scheme,
  limits: ParseLimits,
): ParseOutput {
  const p = new Parser(src, start, end, scheme, limits);
  const root = p.parseFilter();
  return { root, calls: p.calls, regexes: p.regexes, fields: p.fields };
}
