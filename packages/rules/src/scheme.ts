// A scheme: field names → types (built once, immutable) plus the functions of one rule phase.
import { Context, type FieldSlot, type FieldTable } from './context.js';
import { RulesError } from './errors.js';
import type { FunctionDefinition, Phase, Type } from './functions/types.js';
import { parseTypeName } from './type-utils.js';

/** FNV-1a over UTF-16 units, as the cursor computes while reading a name. */
export function nameHash(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return h >>> 0;
}

const FIELD_NAME = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/;

/** What a scheme is built from. Types may be given as objects or display names (`Map<Array<Bytes>>`). */
export interface SchemeDefinition {
  readonly fields: Readonly<Record<string, Type | string>>;
  readonly functions?: readonly FunctionDefinition[];
  readonly phase?: Phase;
}

/** The result of looking up a function name in a scheme. */
export type FunctionLookup =
  | { readonly kind: 'found'; readonly definition: FunctionDefinition }
  | { readonly kind: 'wrong_phase'; readonly definition: FunctionDefinition }
  | { readonly kind: 'unknown' };

/**
 * Field names and types plus the functions available in one phase. Immutable; share one instance
 * per process. `createContext()` makes the per-request value holder.
 */
export class Scheme {
  /** The rule phase this scheme checks expressions for. */
  readonly phase: Phase;
  /** @internal */
  readonly table: FieldTable;
  private readonly functions: ReadonlyMap<string, FunctionDefinition>;
  private readonly byHash: ReadonlyMap<number, readonly FieldSlot[]>;

  /** @internal Use {@link createScheme} or {@link Scheme.withPhase}. */
  constructor(table: FieldTable, functions: ReadonlyMap<string, FunctionDefinition>, phase: Phase) {
    this.table = table;
    this.functions = functions;
    this.phase = phase;
    const byHash = new Map<number, FieldSlot[]>();
    for (const f of table.slots) {
      const h = nameHash(f.name);
      const list = byHash.get(h);
      if (list === undefined) byHash.set(h, [f]);
      else list.push(f);
    }
    this.byHash = byHash;
    Object.freeze(this);
  }

  /** The field named `name`, or undefined. */
  field(name: string): FieldSlot | undefined {
    return this.table.byName.get(name);
  }

  /** @internal The field named `name` whose FNV-1a hash is `hash` (the parser's fast path). */
  fieldByHash(name: string, hash: number): FieldSlot | undefined {
    const list = this.byHash.get(hash);
    if (list === undefined) return undefined;
    for (const f of list) if (f.name === name) return f;
    return undefined;
  }

  /** Every field name, in table order. */
  fieldNames(): string[] {
    return this.table.slots.map((f) => f.name);
  }

  /** Looks a function up, telling apart unknown names and functions of another phase. */
  lookupFunction(name: string): FunctionLookup {
    const def = this.functions.get(name);
    if (def === undefined) return { kind: 'unknown' };
    return def.phases.includes(this.phase)
      ? { kind: 'found', definition: def }
      : { kind: 'wrong_phase', definition: def };
  }

  /** Every function name known to the scheme (any phase). */
  functionNames(): string[] {
    return [...this.functions.keys()];
  }

  /** A scheme with the same fields (contexts are interchangeable) for another phase. */
  withPhase(phase: Phase): Scheme {
    return new Scheme(this.table, this.functions, phase);
  }

  /** A new, empty execution context for one request. */
  createContext(): Context {
    return new Context(this.table);
  }
}

/** Builds a scheme; throws RulesError (RULES_SCHEME_INVALID) for a bad definition. */
export function createScheme(def: SchemeDefinition): Scheme {
  const byName = new Map<string, FieldSlot>();
  const slots: FieldSlot[] = [];
  for (const [name, t] of Object.entries(def.fields)) {
    if (!FIELD_NAME.test(name)) throw new RulesError('RULES_SCHEME_INVALID', `invalid field name ${name}`);
    const type = typeof t === 'string' ? parseTypeName(t) : t;
    if (type === undefined)
      throw new RulesError('RULES_SCHEME_INVALID', `invalid type ${String(t)} for field ${name}`);
    const slot: FieldSlot = Object.freeze({ name, slot: slots.length, type });
    slots.push(slot);
    byName.set(name, slot);
  }
  const functions = new Map<string, FunctionDefinition>();
  for (const f of def.functions ?? []) {
    if (!FIELD_NAME.test(f.name) || f.name.includes('.'))
      throw new RulesError('RULES_SCHEME_INVALID', `invalid function name ${f.name}`);
    if (functions.has(f.name))
      throw new RulesError('RULES_SCHEME_INVALID', `function ${f.name} is defined twice`);
    if (byName.has(f.name))
      throw new RulesError('RULES_SCHEME_INVALID', `function ${f.name} has a field's name`);
    if (f.name === 'any' || f.name === 'all')
      throw new RulesError('RULES_SCHEME_INVALID', `${f.name} is a built-in quantifier`);
    functions.set(f.name, f);
  }
  const table: FieldTable = Object.freeze({ byName, slots: Object.freeze(slots) });
  return new Scheme(table, functions, def.phase ?? 'custom');
}
