// Static types of the Rules language: singletons, constructors, equality and display names.
import type { Type } from './functions/types.js';

/** The Bytes type (JSON spelling in docs: String). */
export const BYTES: Type = Object.freeze({ kind: 'bytes' });
/** The Int type. */
export const INT: Type = Object.freeze({ kind: 'int' });
/** The Bool type. */
export const BOOL: Type = Object.freeze({ kind: 'bool' });
/** The Ip type. */
export const IP: Type = Object.freeze({ kind: 'ip' });

/** Array<of>. */
export function arrayOf(of: Type): Type {
  return Object.freeze({ kind: 'array', of });
}

/** Map<of>. */
export function mapOf(of: Type): Type {
  return Object.freeze({ kind: 'map', of });
}

/** Array<Bool>, the type of a `[*]` comparison. */
export const ARRAY_BOOL: Type = arrayOf(BOOL);

/** Structural equality of types. */
export function typeEquals(a: Type, b: Type): boolean {
  if (a.kind !== b.kind) return false;
  if ((a.kind === 'array' || a.kind === 'map') && (b.kind === 'array' || b.kind === 'map'))
    return typeEquals(a.of, b.of);
  return true;
}

/** Whether `t` is Array<Bool>. */
export function isArrayOfBool(t: Type): boolean {
  return t.kind === 'array' && t.of.kind === 'bool';
}

/** wirefilter-style display name: Bytes, Int, Bool, Ip, Array<Bytes>, Map<Array<Bytes>>. */
export function typeName(t: Type): string {
  switch (t.kind) {
    case 'bytes':
      return 'Bytes';
    case 'int':
      return 'Int';
    case 'bool':
      return 'Bool';
    case 'ip':
      return 'Ip';
    case 'array':
      return `Array<${typeName(t.of)}>`;
    case 'map':
      return `Map<${typeName(t.of)}>`;
  }
}

/** Parses a display name such as `Map<Array<Bytes>>` back into a type (for schemes given as data). */
export function parseTypeName(name: string): Type | undefined {
  const s = name.trim();
  switch (s) {
    case 'Bytes':
    case 'String':
      return BYTES;
    case 'Int':
    case 'Integer':
    case 'Number':
      return INT;
    case 'Bool':
    case 'Boolean':
      return BOOL;
    case 'Ip':
    case 'IP':
      return IP;
  }
  const m = /^(Array|Map)<(.+)>$/.exec(s);
  if (m === null) return undefined;
  const inner = parseTypeName(m[2] ?? '');
  if (inner === undefined) return undefined;
  return m[1] === 'Array' ? arrayOf(inner) : mapOf(inner);
}
