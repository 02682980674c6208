// Shared by the corpus tests: turns a corpus case into a compile + evaluate outcome.
import { compile, cloudflareScheme, transformScheme } from '../src/index.js';

/** One case of rules-conformance.json / rules-functions.json. */
export interface CorpusCase {
  readonly id: string;
  readonly expression: string;
  readonly fields?: Record<string, unknown>;
  readonly expect?: boolean;
  readonly expect_error?: string;
  readonly phase?: string;
  readonly note?: string;
}

/** The outcome of running a case: a result, or the first diagnostic's category. */
export type CaseOutcome = { readonly result: boolean } | { readonly error: string; readonly message: string };

/** Compiles and evaluates a case the way the corpus describes (absent field = missing). */
export function runCase(c: CorpusCase): CaseOutcome {
  const scheme = c.phase === 'transform' ? transformScheme : cloudflareScheme;
  const r = compile(c.expression, scheme);
  if (!r.ok) return { error: r.diagnostics[0]?.category ?? 'none', message: r.diagnostics[0]?.message ?? '' };
  const ctx = scheme.createContext();
  for (const [name, value] of Object.entries(c.fields ?? {})) ctx.set(name, value);
  return { result: r.filter.execute(ctx) };
}
