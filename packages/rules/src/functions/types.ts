/**
 * Compatible extension (rules engineer): `FunctionDefinition.exclusiveGroup` (optional) lets a
 * function be used at most once per expression and never nested inside another of its group.
 *
 * The contract between the type checker/compiler and the product functions (one file per function
 * in this folder). The checker calls `check` once per call site at compile time; the compiled
 * filter calls the returned `impl` per evaluation.
 */

/** A static type of the Rules language. */
export type Type =
  | { readonly kind: 'bytes' }
  | { readonly kind: 'int' }
  | { readonly kind: 'bool' }
  | { readonly kind: 'ip' }
  | { readonly kind: 'array'; readonly of: Type }
  | { readonly kind: 'map'; readonly of: Type };

/** An IP address value: 4 bytes for IPv4, 16 for IPv6 (an IPv4-mapped IPv6 address stays IPv6). */
export interface IpValue {
  readonly family: 4 | 6;
  readonly bytes: Uint8Array;
}

/**
 * A runtime value. Bytes are binary strings (one UTF-16 code unit per byte, 0-255); Int is a
 * number; arrays are JS arrays; maps are `Map` with binary-string keys.
 */
export type Value = string | number | boolean | IpValue | readonly Value[] | ReadonlyMap<string, Value>;

/** `undefined` stands for a missing value. */
export type MaybeValue = Value | undefined;

/** The rule phases a function may be used in. Custom rules are the firewall phase. */
export type Phase = 'custom' | 'transform';

/** What the checker knows about one argument of a call. */
export interface ArgInfo {
  readonly type: Type;
  /** The argument is a literal (quoted/raw/hex string, integer or IP), not a field or expression. */
  readonly isLiteral: boolean;
  /** The literal's runtime value, when `isLiteral`. */
  readonly literal?: Value;
  /** The argument is a field or field access (possibly indexed), not a call or a literal. */
  readonly isField: boolean;
  /** UTF-16 offsets into the expression. */
  readonly span: readonly [number, number];
}

/**
 * Runs one call. Must be pure and synchronous, and must not keep or return the `args` array itself:
 * the engine reuses it between evaluations of a call site. Throwing makes the result missing.
 */
export type FunctionImpl = (args: readonly MaybeValue[]) => MaybeValue;

export type CheckResult =
  | {
      readonly ok: true;
      readonly returns: Type;
      readonly impl: FunctionImpl;
      /**
       * When false (the default), the engine returns missing without calling `impl` if any
       * argument is missing. `concat` sets it true (it skips missing arguments).
       */
      readonly acceptsMissing?: boolean;
    }
  | {
      readonly ok: false;
      readonly category: 'type' | 'regex' | 'wildcard';
      readonly message: string;
      /** The argument the problem is in, for the diagnostic's span; absent means the whole call. */
      readonly argIndex?: number;
    };

/** One product function. `[*]` mapping over the first argument is done by the engine, not here. */
export interface FunctionDefinition {
  readonly name: string;
  readonly phases: readonly Phase[];
  /**
   * Functions sharing a group name may appear at most once, together, per expression and never
   * nested in one another (Cloudflare: regex_replace / wildcard_replace). The engine reports a
   * `type` diagnostic for a second use.
   */
  readonly exclusiveGroup?: string;
  /** Checks the arguments (count, types, literal-vs-field) and prepares the implementation. */
  check(args: readonly ArgInfo[]): CheckResult;
}
