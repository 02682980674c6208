// Predicates for comparisons: one specialised closure per operator and type, literals prepared
// at compile time (sets, ranges, CIDRs, regexes, wildcards) so evaluation allocates nothing.
import type { CompareNode, SetElement } from './ast.js';
import type { IpValue, MaybeValue } from './functions/types.js';
import { cidrRange, compareIpBytes, ipEquals, ipv4ToNumber, parseIp } from './literals/ip.js';
import type { CompiledRegex } from './literals/regex.js';
import { parseWildcard, wildcardMatcher } from './literals/wildcard.js';

/** A test of one left-hand value; `undefined` (missing) always gives false. */
export type Predicate = (v: MaybeValue) => boolean;

/** 64-bit two's-complement `a & b != 0` for JS integers. */
export function bitwiseAndNonZero(a: number, b: number): boolean {
  if ((a | 0) === a && (b | 0) === b) return (a & b) !== 0;
  return (BigInt.asIntN(64, BigInt(a)) & BigInt.asIntN(64, BigInt(b))) !== 0n;
}

function ipOf(text: string): IpValue {
  const ip = parseIp(text);
  if (ip === undefined) throw new Error(`internal: unparsable IP literal ${text}`);
  return ip;
}

function bytesSet(values: readonly string[]): Predicate {
  const uniq = [...new Set(values)];
  if (uniq.length === 0) return () => false;
  if (uniq.length === 1) {
    const a = uniq[0];
    return (v) => v === a;
  }
  if (uniq.length === 2) {
    const [a, b] = uniq;
    return (v) => v === a || v === b;
  }
  if (uniq.length === 3) {
    const [a, b, c] = uniq;
    return (v) => v === a || v === b || v === c;
  }
  const set = new Set<MaybeValue>(uniq);
  return (v) => set.has(v);
}

function intSet(elements: readonly SetElement[]): Predicate {
  const singles = new Set<number>();
  const ranges: number[] = [];
  for (const e of elements) {
    if (e.kind === 'int') singles.add(e.value);
    else if (e.kind === 'int_range') ranges.push(e.from, e.to);
  }
  const n = ranges.length;
  if (n === 0) {
    if (singles.size === 1) {
      const a = [...singles][0];
      return (v) => v === a;
    }
    return (v) => singles.has(v as number);
  }
  return (v) => {
    if (typeof v !== 'number') return false;
    if (singles.has(v)) return true;
    for (let i = 0; i < n; i += 2) if (v >= (ranges[i] ?? 0) && v <= (ranges[i + 1] ?? 0)) return true;
    return false;
  };
}

function ipSet(elements: readonly SetElement[]): Predicate {
  const v4: number[] = [];
  const v6: Uint8Array[] = [];
  const add = (from: IpValue, to: IpValue): void => {
    if (from.family === 4) v4.push(ipv4ToNumber(from.bytes), ipv4ToNumber(to.bytes));
    else v6.push(from.bytes, to.bytes);
  };
  for (const e of elements) {
    if (e.kind === 'ip') {
      const ip = ipOf(e.value);
      add(ip, ip);
    } else if (e.kind === 'ip_range') add(ipOf(e.from), ipOf(e.to));
    else if (e.kind === 'cidr') {
      const r = cidrRange(ipOf(e.address), e.prefix);
      if (r !== undefined) add(r.from, r.to);
    }
  }
  const n4 = v4.length;
  const n6 = v6.length;
  return (v) => {
    if (v === undefined) return false;
    const ip = v as IpValue;
    if (ip.family === 4) {
      const x = ipv4ToNumber(ip.bytes);
      for (let i = 0; i < n4; i += 2) if (x >= (v4[i] ?? 0) && x <= (v4[i + 1] ?? 0)) return true;
      return false;
    }
    for (let i = 0; i < n6; i += 2) {
      if (
        compareIpBytes(ip.bytes, v6[i] as Uint8Array) >= 0 &&
        compareIpBytes(ip.bytes, v6[i + 1] as Uint8Array) <= 0
      )
        return true;
    }
    return false;
  };
}

/** Builds the predicate of a comparison node (the left side is evaluated by the caller). */
export function comparePredicate(node: CompareNode, regex: CompiledRegex | undefined): Predicate {
  const { op, rhs } = node;
  const kind = node.lhs.type.kind;
  if (op === 'in') {
    if (rhs.kind !== 'set') return () => false;
    if (kind === 'bytes') return bytesSet(rhs.elements.map((e) => (e.kind === 'bytes' ? e.value : '')));
    if (kind === 'int') return intSet(rhs.elements);
    return ipSet(rhs.elements);
  }
  if (op === 'matches') {
    const re = regex;
    if (re === undefined) return () => false;
    return (v) => typeof v === 'string' && re.test(v);
  }
  if (op === 'wildcard' || op === 'strict wildcard') {
    const parsed = rhs.kind === 'wildcard' ? parseWildcard(rhs.pattern) : undefined;
    if (parsed === undefined || !parsed.ok) return () => false;
    const m = wildcardMatcher(parsed.pattern, op === 'wildcard');
    return (v) => typeof v === 'string' && m(v);
  }
  if (kind === 'ip') {
    if (rhs.kind !== 'ip') return () => false;
    const lit = ipOf(rhs.value);
    if (op === 'eq') return (v) => v !== undefined && ipEquals(v as IpValue, lit);
    return (v) => v !== undefined && !ipEquals(v as IpValue, lit);
  }
  if (rhs.kind !== 'bytes' && rhs.kind !== 'int') return () => false;
  const lit = rhs.value;
  const t = kind === 'bytes' ? 'string' : 'number';
  switch (op) {
    case 'eq':
      return (v) => v === lit;
    case 'ne':
      return (v) => typeof v === t && v !== lit;
    case 'lt':
      return (v) => typeof v === t && (v as string | number) < lit;
    case 'le':
      return (v) => typeof v === t && (v as string | number) <= lit;
    case 'gt':
      return (v) => typeof v === t && (v as string | number) > lit;
    case 'ge':
      return (v) => typeof v === t && (v as string | number) >= lit;
    case 'contains': {
      const s = lit as string;
      return (v) => typeof v === 'string' && v.includes(s);
    }
    case 'bitwise_and': {
      const b = lit as number;
      return (v) => typeof v === 'number' && bitwiseAndNonZero(v, b);
    }
    default:
      return () => false;
  }
}
