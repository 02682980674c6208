// Test helpers for product functions: build the ArgInfo the checker would pass, and call checked impls.
import type {
  ArgInfo,
  CheckResult,
  FunctionDefinition,
  IpValue,
  MaybeValue,
  Type,
  Value,
} from '../functions/types.js';

export const BYTES: Type = { kind: 'bytes' };
export const INT: Type = { kind: 'int' };
export const BOOL: Type = { kind: 'bool' };
export const IP: Type = { kind: 'ip' };
export const BYTES_ARRAY: Type = { kind: 'array', of: BYTES };

let offset = 0;
function span(): readonly [number, number] {
  offset += 10;
  return [offset, offset + 5];
}

/** A field argument of the given type. */
export function field(type: Type): ArgInfo {
  return { type, isLiteral: false, isField: true, span: span() };
}

/** A computed argument (a nested call): neither literal nor field. */
export function computed(type: Type): ArgInfo {
  return { type, isLiteral: false, isField: false, span: span() };
}

/** A literal argument; its type is inferred from the value. */
export function literal(value: string | number | IpValue): ArgInfo {
  const type: Type = typeof value === 'string' ? BYTES : typeof value === 'number' ? INT : IP;
  return { type, isLiteral: true, literal: value, isField: false, span: span() };
}

/** Parses dotted-quad IPv4 or full/compressed IPv6 text into an IpValue (test inputs only). */
export function ip(text: string): IpValue {
  if (!text.includes(':')) return { family: 4, bytes: Uint8Array.from(text.split('.').map(Number)) };
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const parse = (part: string | undefined): number[] =>
    part ? part.split(':').map((g) => parseInt(g, 16)) : [];
  const left = parse(head);
  const right = parse(tail);
  const groups =
    tail === undefined
      ? left
      : [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[i * 2] = g >> 8;
    bytes[i * 2 + 1] = g & 0xff;
  });
  return { family: 6, bytes };
}

/** Checks a call and asserts it compiled; returns the success result. */
export function checked(
  def: FunctionDefinition,
  args: readonly ArgInfo[],
): Extract<CheckResult, { ok: true }> {
  const result = def.check(args);
  if (!result.ok) throw new Error(`expected ${def.name} to accept the arguments, got: ${result.message}`);
  return result;
}

/** Runs an impl as the engine does: a missing argument makes the result missing unless acceptsMissing. */
export function call(
  def: FunctionDefinition,
  args: readonly ArgInfo[],
  values: readonly MaybeValue[],
): MaybeValue {
  const result = checked(def, args);
  if (!result.acceptsMissing && values.some((v) => v === undefined)) return undefined;
  return result.impl(values);
}

/** Checks a call that must fail; returns the failure. */
export function rejected(
  def: FunctionDefinition,
  args: readonly ArgInfo[],
): Extract<CheckResult, { ok: false }> {
  const result = def.check(args);
  if (result.ok) throw new Error(`expected ${def.name} to refuse the arguments`);
  return result;
}

/** Binary string of the UTF-8 encoding of text (Node Buffer; tests only). */
export function utf8(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

export type { Value };
