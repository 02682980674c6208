// Runs every case of the product-function corpus (rules-functions.json, from Cloudflare's documentation).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { productFunctions } from '../src/index.js';
import { runCase, type CorpusCase } from './corpus-runner.js';

const here = dirname(fileURLToPath(import.meta.url));
const corpus = JSON.parse(readFileSync(join(here, 'fixtures', 'rules-functions.json'), 'utf8')) as {
  cases: CorpusCase[];
  scheme: { functions: Record<string, { phase?: string }> };
};

/**
 * Cases whose expectation contradicts Cloudflare's documented behaviour. Each maps a case id to
 * the outcome we assert instead and why. Empty: every case agrees with the documentation.
 */
const documentedExceptions: Readonly<
  Record<string, { readonly outcome: { result: boolean } | { error: string }; readonly reason: string }>
> = {};

describe('rules-functions.json', () => {
  it('has the 65 cases of the shared corpus', () => {
    expect(corpus.cases.length).toBe(65);
  });

  it.each(corpus.cases.map((c) => [c.id, c] as const))('%s', (id, c) => {
    const outcome = runCase(c);
    const exception = documentedExceptions[id];
    if (exception !== undefined) expect(outcome).toMatchObject(exception.outcome);
    else if (c.expect_error !== undefined) expect(outcome).toMatchObject({ error: c.expect_error });
    else expect(outcome).toEqual({ result: c.expect });
  });

  it('gives every product function the phase the corpus header documents', () => {
    const phaseOf = (name: string): string | undefined =>
      productFunctions.find((f) => f.name === name)?.phases.join(',');
    for (const [name, spec] of Object.entries(corpus.scheme.functions)) {
      if (spec.phase === undefined) continue;
      const phases = phaseOf(name);
      expect(phases, name).toBeDefined();
      // "firewall" functions are usable in custom rules; "transform" ones only in the transform phase.
      if (spec.phase === 'transform') expect(phases, name).toBe('transform');
      else expect(phases?.split(','), name).toContain('custom');
    }
  });
});
