// A lazily built DFA over bytes for `matches`: runs the program re2js compiled, one table lookup
// per byte once warm. Linear time; bounded memory (falls back to re2js when the cache is full).

/** The slice of re2js's compiled program the DFA reads. */
export interface ProgramInstruction {
  readonly op: number;
  readonly out: number;
  readonly arg: number;
  matchRune(r: number): boolean;
}

/** A compiled re2js program. */
export interface Program {
  readonly inst: readonly ProgramInstruction[];
  readonly start: number;
}

const ALT = 1;
const ALT_MATCH = 2;
const CAPTURE = 3;
const EMPTY_WIDTH = 4;
const FAIL = 5;
const MATCH = 6;
const NOP = 7;
const RUNE = 8;
const RUNE_ANY = 10;
const RUNE_ANY_NOT_NL = 11;

const BEGIN_LINE = 1;
const END_LINE = 2;
const BEGIN_TEXT = 4;
const END_TEXT = 8;
const WORD_BOUNDARY = 16;
const NO_WORD_BOUNDARY = 32;

/**
 * Most states kept per regex (1 KiB of transitions each, so at most 1 MiB per regex however
 * hostile the input); past it, the cache is dropped and the caller falls back for that input.
 */
export const MAX_DFA_STATES = 1024;

/** Most transitions computed before the cache is dropped: each costs up to one pass over the program. */
export const MAX_DFA_TRANSITIONS = 8192;

/** Largest program the DFA takes on; bigger ones run on re2js directly. */
export const MAX_DFA_PROGRAM = 1000;

const UNKNOWN = -1;
const MATCHED = -2;

interface State {
  readonly pcs: Int32Array;
  readonly past: number;
  readonly lastWord: boolean;
  /** Whether the input may end here with a match: -1 unknown, 0 no, 1 yes. */
  end: number;
}

function isWord(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * A byte-level DFA for an unanchored search, built on demand from `program`. `test` returns
 * undefined when the input holds a non-byte unit or the state budget is exhausted.
 */
export class ByteDfa {
  private readonly prog: Program;
  private states: State[] = [];
  /** Transitions: `trans[state * 256 + byte]` is the next state, UNKNOWN or MATCHED. */
  private trans = new Int32Array(256 * 16).fill(UNKNOWN);
  private index = new Map<string, number>();
  private initial = UNKNOWN;
  private transitions = 0;

  constructor(prog: Program) {
    this.prog = prog;
  }

  /** Whether the program can run here (no look-behind instructions). */
  static supports(prog: Program): boolean {
    return prog.inst.length <= MAX_DFA_PROGRAM && prog.inst.every((i) => i.op <= RUNE_ANY_NOT_NL);
  }

  /** Follows empty transitions from `seeds` under `flags`; returns the sorted thread set or MATCHED. */
  private closure(seeds: readonly number[], flags: number): number[] | typeof MATCHED {
    const inst = this.prog.inst;
    const seen = new Uint8Array(inst.length);
    const out: number[] = [];
    const stack = seeds.slice();
    while (stack.length > 0) {
      const pc = stack.pop() as number;
      if (seen[pc] === 1) continue;
      seen[pc] = 1;
      const i = inst[pc];
      if (i === undefined) continue;
      switch (i.op) {
        case ALT:
        case ALT_MATCH:
          stack.push(i.arg, i.out);
          break;
        case CAPTURE:
        case NOP:
          stack.push(i.out);
          break;
        case EMPTY_WIDTH:
          if ((i.arg & ~flags) === 0) stack.push(i.out);
          else out.push(pc);
          break;
        case MATCH:
          return MATCHED;
        case FAIL:
          break;
        default:
          out.push(pc);
      }
    }
    return out.sort((a, b) => a - b);
  }

  private intern(pcs: number[], past: number, lastWord: boolean): number | undefined {
    const key = `${past}|${lastWord ? 1 : 0}|${pcs.join(',')}`;
    const found = this.index.get(key);
    if (found !== undefined) return found;
    if (this.states.length >= MAX_DFA_STATES) return undefined;
    const id = this.states.length;
    this.states.push({ pcs: Int32Array.from(pcs), past, lastWord, end: -1 });
    if ((id + 1) * 256 > this.trans.length) {
      const grown = new Int32Array(this.trans.length * 2).fill(UNKNOWN);
      grown.set(this.trans);
      this.trans = grown;
    }
    this.index.set(key, id);
    return id;
  }

  private start(): number | undefined {
    if (this.initial !== UNKNOWN) return this.initial;
    const c = this.closure([this.prog.start], BEGIN_TEXT | BEGIN_LINE);
    if (c === MATCHED) return (this.initial = MATCHED);
    const id = this.intern(c, BEGIN_TEXT | BEGIN_LINE, false);
    if (id !== undefined) this.initial = id;
    return id;
  }

  private step(s: State, c: number): number | undefined {
    const inst = this.prog.inst;
    const word = isWord(c);
    const before =
      s.past | (c === 10 ? END_LINE : 0) | (word !== s.lastWord ? WORD_BOUNDARY : NO_WORD_BOUNDARY);
    const now = this.closure(Array.from(s.pcs), before);
    if (now === MATCHED) return MATCHED;
    const seeds: number[] = [];
    for (const pc of now) {
      const i = inst[pc];
      if (i !== undefined && i.op >= RUNE && i.op <= RUNE_ANY_NOT_NL) {
        const ok = i.op === RUNE_ANY_NOT_NL ? c !== 10 : i.op === RUNE_ANY ? true : i.matchRune(c);
        if (ok) seeds.push(i.out);
      }
    }
    seeds.push(this.prog.start); // unanchored: a new thread may start after every byte
    const past = c === 10 ? BEGIN_LINE : 0;
    const after = this.closure(seeds, past);
    if (after === MATCHED) return MATCHED;
    return this.intern(after, past, word);
  }

  private endMatches(s: State): boolean {
    if (s.end < 0) {
      const flags = s.past | END_LINE | END_TEXT | (s.lastWord ? WORD_BOUNDARY : NO_WORD_BOUNDARY);
      s.end = this.closure(Array.from(s.pcs), flags) === MATCHED ? 1 : 0;
    }
    return s.end === 1;
  }

  /** Unanchored search of a binary string; undefined when the caller must use another engine. */
  test(subject: string): boolean | undefined {
    let id = this.start();
    if (id === undefined) return this.reset();
    if (id === MATCHED) return true;
    let trans = this.trans;
    const n = subject.length;
    for (let i = 0; i < n; i++) {
      const c = subject.charCodeAt(i);
      if (c > 255) return undefined;
      let next = trans[(id << 8) | c] as number;
      if (next === UNKNOWN) {
        if (++this.transitions > MAX_DFA_TRANSITIONS) return this.reset();
        const computed = this.step(this.states[id] as State, c);
        if (computed === undefined) return this.reset();
        trans = this.trans;
        trans[(id << 8) | c] = computed;
        next = computed;
      }
      if (next === MATCHED) return true;
      id = next;
    }
    return this.endMatches(this.states[id] as State);
  }

  private reset(): undefined {
    // Out of budget: drop the cache so memory stays bounded; this call uses the fallback engine.
    this.states = [];
    this.transitions = 0;
    this.trans = new Int32Array(256 * 16).fill(UNKNOWN);
    this.index = new Map();
    this.initial = UNKNOWN;
    return undefined;
  }
}
