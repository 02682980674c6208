// The compiler: typed tree → closures. Fields are resolved to slots at compile time, literals
// prepared once, and the common paths (Bool fields, eq/in on a field, and/or/not) allocate nothing.
import type { ArgNode, CompareNode, ConditionNode, IndexNode, ValueNode } from './ast.js';
import { isMulti } from './ast.js';
import { comparePredicate } from './compile-compare.js';
import { PENDING, type Context, type FieldTable } from './context.js';
import type { MaybeValue, Value } from './functions/types.js';
import { parseIp } from './literals/ip.js';
import type { CallSite } from './parser.js';
import type { RegexTable } from './parse-rhs.js';

/** A compiled Bool condition. */
export type Cond = (ctx: Context) => boolean;
/** A compiled Array<Bool> condition; `undefined` when the array value itself is missing. */
export type CondArray = (ctx: Context) => boolean[] | undefined;
/** A compiled single value; `undefined` when missing. */
export type Getter = (ctx: Context) => MaybeValue;
/** A compiled `[*]` value: every visited value, or `undefined` when the mapped value is missing. */
export type Multi = (ctx: Context) => Value[] | undefined;

/** What the compiler needs besides the tree. */
export interface CompileTables {
  readonly table: FieldTable;
  readonly calls: ReadonlyMap<ArgNode, CallSite>;
  readonly regexes: RegexTable;
}

function slotOf(t: CompileTables, name: string): number {
  const f = t.table.byName.get(name);
  if (f === undefined) throw new Error(`internal: field ${name} vanished from the scheme`);
  return f.slot;
}

function pushElements(out: Value[], v: Value): void {
  if (Array.isArray(v)) {
    for (const x of v as Value[]) out.push(x);
  } else if (v instanceof Map) {
    for (const x of (v as Map<string, Value>).values()) out.push(x);
  }
}

function isBoolTyped(node: ConditionNode): boolean {
  if (node.kind === 'index' && node.multi) return false;
  return node.type.kind === 'bool';
}

/** Compiles a Bool condition. */
export function compileCond(node: ConditionNode, t: CompileTables): Cond {
  switch (node.kind) {
    case 'logical': {
      const ops = node.operands.map((o) => compileCond(o, t));
      const n = ops.length;
      if (node.op === 'and') {
        if (n === 2) {
          const [a, b] = ops as [Cond, Cond];
          return (c) => a(c) && b(c);
        }
        if (n === 3) {
          const [a, b, d] = ops as [Cond, Cond, Cond];
          return (c) => a(c) && b(c) && d(c);
        }
        return (c) => {
          for (let i = 0; i < n; i++) if (!(ops[i] as Cond)(c)) return false;
          return true;
        };
      }
      if (node.op === 'or') {
        if (n === 2) {
          const [a, b] = ops as [Cond, Cond];
          return (c) => a(c) || b(c);
        }
        if (n === 3) {
          const [a, b, d] = ops as [Cond, Cond, Cond];
          return (c) => a(c) || b(c) || d(c);
        }
        return (c) => {
          for (let i = 0; i < n; i++) if ((ops[i] as Cond)(c)) return true;
          return false;
        };
      }
      return (c) => {
        let r = false;
        for (let i = 0; i < n; i++) if ((ops[i] as Cond)(c)) r = !r;
        return r;
      };
    }
    case 'not': {
      const a = compileCond(node.operand, t);
      return (c) => !a(c);
    }
    case 'quantifier':
      return compileQuantifier(node.quantifier, node.operand, t);
    case 'compare':
      return compileCompare(node, t);
    case 'field': {
      const slot = slotOf(t, node.name);
      return (c) => {
        const v = c.values[slot];
        return v === true || (v === PENDING && c.force(slot) === true);
      };
    }
    default: {
      const g = compileGetter(node, t);
      return (c) => g(c) === true;
    }
  }
}

function compileCompare(node: CompareNode, t: CompileTables): Cond {
  const lhs = node.lhs;
  if (lhs.kind === 'field') {
    const slot = slotOf(t, lhs.name);
    const rhs = node.rhs;
    const single =
      node.op === 'eq' && (rhs.kind === 'bytes' || rhs.kind === 'int')
        ? rhs.value
        : node.op === 'in' &&
            rhs.kind === 'set' &&
            rhs.elements.length === 1 &&
            rhs.elements[0]?.kind === 'bytes'
          ? rhs.elements[0].value
          : undefined;
    if (single !== undefined) {
      return (c) => {
        let v = c.values[slot];
        if (v === PENDING) v = c.force(slot);
        return v === single;
      };
    }
    const pred = comparePredicate(node, t.regexes.get(node.rhs));
    return (c) => {
      let v = c.values[slot];
      if (v === PENDING) v = c.force(slot);
      return pred(v);
    };
  }
  const pred = comparePredicate(node, t.regexes.get(node.rhs));
  const g = compileGetter(lhs, t);
  return (c) => pred(g(c));
}

function compileQuantifier(q: 'any' | 'all', operand: ConditionNode, t: CompileTables): Cond {
  if (operand.kind === 'compare' && isMulti(operand.lhs)) {
    // Fast path: test the visited values directly, without building the Array<Bool>.
    const pred = comparePredicate(operand, t.regexes.get(operand.rhs));
    const m = compileMulti(operand.lhs as IndexNode, t);
    if (q === 'any') {
      return (c) => {
        const vs = m(c);
        if (vs === undefined) return false;
        for (let i = 0; i < vs.length; i++) if (pred(vs[i])) return true;
        return false;
      };
    }
    return (c) => {
      const vs = m(c);
      if (vs === undefined) return true;
      for (let i = 0; i < vs.length; i++) if (!pred(vs[i])) return false;
      return true;
    };
  }
  const arr = compileArray(operand, t);
  if (q === 'any') {
    return (c) => {
      const a = arr(c);
      return a !== undefined && a.includes(true);
    };
  }
  return (c) => {
    const a = arr(c);
    return a !== undefined && !a.includes(false);
  };
}

/** Compiles an Array<Bool> condition (a `[*]` comparison, a mapped Bool call, or logic over them). */
export function compileArray(node: ConditionNode, t: CompileTables): CondArray {
  switch (node.kind) {
    case 'compare': {
      const pred = comparePredicate(node, t.regexes.get(node.rhs));
      if (!isMulti(node.lhs)) {
        const g = compileGetter(node.lhs, t);
        return (c) => [pred(g(c))];
      }
      const m = compileMulti(node.lhs as IndexNode, t);
      return (c) => {
        const vs = m(c);
        if (vs === undefined) return [];
        const out: boolean[] = [];
        for (let i = 0; i < vs.length; i++) out.push(pred(vs[i]));
        return out;
      };
    }
    case 'not': {
      const a = compileArray(node.operand, t);
      return (c) => a(c)?.map((x) => !x);
    }
    case 'logical': {
      const ops = node.operands.map((o) => compileArray(o, t));
      const op = node.op;
      return (c) => {
        let acc: boolean[] | undefined;
        for (const f of ops) {
          const next = f(c) ?? [];
          if (acc === undefined) {
            acc = next.slice();
            continue;
          }
          const n = Math.min(acc.length, next.length);
          acc.length = n;
          for (let i = 0; i < n; i++) {
            const x = acc[i] as boolean;
            const y = next[i] as boolean;
            acc[i] = op === 'and' ? x && y : op === 'or' ? x || y : x !== y;
          }
        }
        return acc ?? [];
      };
    }
    case 'quantifier': {
      const q = compileQuantifier(node.quantifier, node.operand, t);
      return (c) => [q(c)];
    }
    default: {
      if (isMulti(node)) {
        const m = compileMulti(node as IndexNode, t);
        return (c) => (m(c) ?? []).map((v) => v === true);
      }
      if (isBoolTyped(node)) {
        const g = compileGetter(node, t);
        return (c) => [g(c) === true];
      }
      const g = compileGetter(node, t);
      return (c) => {
        const v = g(c);
        return v === undefined ? undefined : (v as Value[]).map((x) => x === true);
      };
    }
  }
}

/** Compiles a single (non-`[*]`) value. */
export function compileGetter(node: ValueNode, t: CompileTables): Getter {
  switch (node.kind) {
    case 'field': {
      const slot = slotOf(t, node.name);
      return (c) => {
        const v = c.values[slot];
        return v === PENDING ? c.force(slot) : v;
      };
    }
    case 'index': {
      if (node.multi) throw new Error('internal: a [*] value compiled as a single value');
      const g = compileGetter(node.target, t);
      const index = node.index;
      if (index.kind === 'element') {
        const i = index.index;
        return (c) => {
          const a = g(c);
          return a === undefined ? undefined : (a as Value[])[i];
        };
      }
      if (index.kind === 'key') {
        const key = index.key;
        return (c) => {
          const m = g(c);
          return m === undefined ? undefined : (m as ReadonlyMap<string, Value>).get(key);
        };
      }
      throw new Error('internal: [*] on a single value');
    }
    case 'call':
      return compileCall(node, t);
  }
}

/** Compiles a `[*]` value into the list of visited values. */
export function compileMulti(node: IndexNode, t: CompileTables): Multi {
  const index = node.index;
  const target = node.target;
  if (index.kind === 'each') {
    if (isMulti(target)) {
      const tm = compileMulti(target as IndexNode, t);
      return (c) => {
        const vs = tm(c);
        if (vs === undefined) return undefined;
        const out: Value[] = [];
        for (const v of vs) pushElements(out, v);
        return out;
      };
    }
    const g = compileGetter(target, t);
    return (c) => {
      const v = g(c);
      if (v === undefined) return undefined;
      const out: Value[] = [];
      pushElements(out, v);
      return out;
    };
  }
  const tm = compileMulti(target as IndexNode, t);
  const step: (v: Value) => MaybeValue =
    index.kind === 'element'
      ? (v) => (v as Value[])[index.index]
      : (v) => (v as ReadonlyMap<string, Value>).get(index.key);
  return (c) => {
    const vs = tm(c);
    if (vs === undefined) return undefined;
    const out: Value[] = [];
    for (const v of vs) {
      const r = step(v);
      if (r !== undefined) out.push(r);
    }
    return out;
  };
}

function compileArg(arg: ArgNode, t: CompileTables): Getter {
  if (arg.kind === 'literal') {
    const value: Value = arg.type.kind === 'ip' ? (parseIp(arg.value as string) as Value) : arg.value;
    return () => value;
  }
  if (arg.kind === 'field' || arg.kind === 'index' || arg.kind === 'call') {
    if (arg.kind === 'index' && arg.multi) {
      const m = compileMulti(arg, t);
      return (c) => m(c);
    }
    return compileGetter(arg, t);
  }
  if (arg.type.kind === 'bool') {
    const cond = compileCond(arg, t);
    return (c) => cond(c);
  }
  const arr = compileArray(arg, t);
  return (c) => arr(c);
}

function compileCall(node: Extract<ValueNode, { kind: 'call' }>, t: CompileTables): Getter {
  const site = t.calls.get(node);
  if (site === undefined) throw new Error(`internal: call site of ${node.name} was not checked`);
  const { impl, acceptsMissing } = site;
  const getters = node.args.map((a) => compileArg(a, t));
  const n = getters.length;
  const safe = (args: MaybeValue[]): MaybeValue => {
    try {
      return impl(args);
    } catch {
      return undefined;
    }
  };
  if (!node.mapped) {
    // One- and two-argument calls (the common case) reuse one argument array per call site. The
    // arguments are evaluated into locals first, so a re-entrant evaluation (a lazy field that
    // runs this filter again) cannot overwrite a half-filled array; implementations are pure.
    if (n === 1 && !acceptsMissing) {
      const g0 = getters[0] as Getter;
      const scratch: MaybeValue[] = [undefined];
      return (c) => {
        const a0 = g0(c);
        if (a0 === undefined) return undefined;
        scratch[0] = a0;
        return safe(scratch);
      };
    }
    if (n === 2 && !acceptsMissing) {
      const g0 = getters[0] as Getter;
      const g1 = getters[1] as Getter;
      const scratch: MaybeValue[] = [undefined, undefined];
      return (c) => {
        const a0 = g0(c);
        if (a0 === undefined) return undefined;
        const a1 = g1(c);
        if (a1 === undefined) return undefined;
        scratch[0] = a0;
        scratch[1] = a1;
        return safe(scratch);
      };
    }
    return (c) => {
      const args: MaybeValue[] = new Array<MaybeValue>(n);
      for (let i = 0; i < n; i++) {
        const v = (getters[i] as Getter)(c);
        if (v === undefined && !acceptsMissing) return undefined;
        args[i] = v;
      }
      return safe(args);
    };
  }
  return (c) => {
    const first = (getters[0] as Getter)(c) as Value[] | undefined;
    if (first === undefined) return undefined;
    const rest: MaybeValue[] = [];
    for (let i = 1; i < n; i++) {
      const v = (getters[i] as Getter)(c);
      if (v === undefined && !acceptsMissing) return undefined;
      rest.push(v);
    }
    const out: Value[] = [];
    for (const v of first) {
      const r = safe([v, ...rest]);
      if (r !== undefined) out.push(r);
    }
    return out;
  };
}
