// Execution contexts: one per request, a values array indexed by field slot, with lazy fields
// computed on first read. Values arrive JSON-shaped (text strings) or already binary.
import { utf8ToBinary } from './bytes.js';
import { RulesError } from './errors.js';
import type { IpValue, MaybeValue, Type, Value } from './functions/types.js';
import { parseIp } from './literals/ip.js';
import { typeName } from './type-utils.js';

/** One field of a scheme's table. */
export interface FieldSlot {
  readonly name: string;
  readonly slot: number;
  readonly type: Type;
}

/** The immutable field table shared by a scheme and its phases. */
export interface FieldTable {
  readonly byName: ReadonlyMap<string, FieldSlot>;
  readonly slots: readonly FieldSlot[];
}

/** Marks a slot whose lazy value has not been computed yet. */
export const PENDING: unique symbol = Symbol('pending');

/** A lazy value producer: returns a JSON-shaped value (or binary strings for the *Binary forms). */
export type LazyValue = () => unknown;

interface LazyEntry {
  readonly fn: LazyValue;
  readonly binary: boolean;
}

/**
 * The field values of one request. Create it with `scheme.createContext()`, fill it, then pass it
 * to `filter.execute`. Not shareable between concurrent requests; cheap to create.
 */
export class Context {
  /** @internal Slot-indexed values; `PENDING` for lazy ones not yet computed. */
  readonly values: (MaybeValue | typeof PENDING)[];
  /** @internal */
  readonly table: FieldTable;
  private readonly lazies: (LazyEntry | undefined)[];

  /** @internal Use `scheme.createContext()`. */
  constructor(table: FieldTable) {
    this.table = table;
    const n = table.slots.length;
    const values: (MaybeValue | typeof PENDING)[] = [];
    const lazies: (LazyEntry | undefined)[] = [];
    for (let i = 0; i < n; i++) {
      values.push(undefined);
      lazies.push(undefined);
    }
    this.values = values;
    this.lazies = lazies;
  }

  private slotOf(name: string): FieldSlot {
    const f = this.table.byName.get(name);
    if (f === undefined) throw new RulesError('RULES_CONTEXT_FIELD', `unknown field ${name}`);
    return f;
  }

  /**
   * Sets a field from a JSON-shaped value: strings are UTF-8 text for Bytes and address text for
   * Ip, numbers for Int, booleans, arrays, objects (or Maps) for maps. `undefined`/`null` make the
   * field missing. Throws `RulesError` (RULES_CONTEXT_FIELD / RULES_CONTEXT_TYPE) on misuse.
   */
  set(name: string, value: unknown): this {
    const f = this.slotOf(name);
    this.values[f.slot] = convertValue(value, f.type, false, name);
    this.lazies[f.slot] = undefined;
    return this;
  }

  /** Sets a Bytes field (or an array/map of Bytes) from binary strings, without UTF-8 conversion. */
  setBinary(name: string, value: unknown): this {
    const f = this.slotOf(name);
    this.values[f.slot] = convertValue(value, f.type, true, name);
    this.lazies[f.slot] = undefined;
    return this;
  }

  /** Sets a field computed on first read (at most once); the function returns what `set` takes. */
  setLazy(name: string, fn: LazyValue): this {
    const f = this.slotOf(name);
    this.values[f.slot] = PENDING;
    this.lazies[f.slot] = { fn, binary: false };
    return this;
  }

  /** As `setLazy`, for a function returning binary strings. */
  setLazyBinary(name: string, fn: LazyValue): this {
    const f = this.slotOf(name);
    this.values[f.slot] = PENDING;
    this.lazies[f.slot] = { fn, binary: true };
    return this;
  }

  /** Reads a field's current value (computing a lazy one); `undefined` when missing. */
  get(name: string): MaybeValue {
    return this.read(this.slotOf(name).slot);
  }

  /** @internal Reads a slot, computing a lazy value. */
  read(slot: number): MaybeValue {
    const v = this.values[slot];
    return v === PENDING ? this.force(slot) : v;
  }

  /** @internal Computes a pending lazy value; a throwing producer leaves the field missing. */
  force(slot: number): MaybeValue {
    const entry = this.lazies[slot];
    const field = this.table.slots[slot];
    let v: MaybeValue = undefined;
    if (entry !== undefined && field !== undefined) {
      try {
        v = convertValue(entry.fn(), field.type, entry.binary, field.name);
      } catch {
        v = undefined;
      }
    }
    this.values[slot] = v;
    this.lazies[slot] = undefined;
    return v;
  }
}

function typeError(name: string, type: Type, value: unknown): never {
  const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
  throw new RulesError('RULES_CONTEXT_TYPE', `field ${name} expects ${typeName(type)}, got ${shown}`);
}

function isIpValue(v: unknown): v is IpValue {
  return (
    typeof v === 'object' &&
    v !== null &&
    'family' in v &&
    'bytes' in v &&
    (v as IpValue).bytes instanceof Uint8Array
  );
}

/** Converts a JSON-shaped value to the engine's runtime form for `type`; throws RulesError. */
export function convertValue(value: unknown, type: Type, binary: boolean, name: string): MaybeValue {
  if (value === undefined || value === null) return undefined;
  switch (type.kind) {
    case 'bytes':
      if (typeof value === 'string') return binary ? value : utf8ToBinary(value);
      if (value instanceof Uint8Array) {
        let s = '';
        for (let i = 0; i < value.length; i += 4096)
          s += String.fromCharCode(...value.subarray(i, Math.min(i + 4096, value.length)));
        return s;
      }
      return typeError(name, type, value);
    case 'int':
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      if (typeof value === 'bigint') return Number(value);
      return typeError(name, type, value);
    case 'bool':
      if (typeof value === 'boolean') return value;
      return typeError(name, type, value);
    case 'ip': {
      if (isIpValue(value)) return value;
      if (typeof value === 'string') {
        const ip = parseIp(value);
        if (ip !== undefined) return ip;
      }
      return typeError(name, type, value);
    }
    case 'array': {
      if (!Array.isArray(value)) return typeError(name, type, value);
      const out: Value[] = [];
      for (const item of value as unknown[]) {
        const v = convertValue(item, type.of, binary, name);
        if (v === undefined) return typeError(name, type, item);
        out.push(v);
      }
      return out;
    }
    case 'map': {
      let entries: [string, unknown][];
      if (value instanceof Map)
        entries = [...(value as Map<unknown, unknown>)].map(([k, v]) => [String(k), v]);
      else if (typeof value === 'object' && !Array.isArray(value)) entries = Object.entries(value);
      else return typeError(name, type, value);
      const converted: [string, Value][] = [];
      for (const [k, item] of entries) {
        const v = convertValue(item, type.of, binary, name);
        if (v === undefined) return typeError(name, type, item);
        converted.push([binary ? k : utf8ToBinary(k), v]);
      }
      // Keys in ascending byte order, the order `[*]` visits map values in.
      converted.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      return new Map(converted);
    }
  }
}
