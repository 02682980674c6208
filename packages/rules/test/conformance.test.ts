// Runs every case of the language conformance corpus (checked against wirefilter itself).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCase, type CorpusCase } from './corpus-runner.js';

const here = dirname(fileURLToPath(import.meta.url));
const corpus = JSON.parse(readFileSync(join(here, 'fixtures', 'rules-conformance.json'), 'utf8')) as {
  cases: CorpusCase[];
};

describe('rules-conformance.json', () => {
  it('has the 170 cases of the shared corpus', () => {
    expect(corpus.cases.length).toBe(170);
  });

  it.each(corpus.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const outcome = runCase(c);
    if (c.expect_error !== undefined) expect(outcome).toMatchObject({ error: c.expect_error });
    else expect(outcome).toEqual({ result: c.expect });
  });
});

describe('vendored fixtures', () => {
  // The repository root is three levels up; ../shared beside it holds the originals when present.
  const shared = join(here, '..', '..', '..', '..', 'shared');
  it.runIf(existsSync(shared))('are byte-identical to the shared originals', () => {
    for (const name of ['rules-conformance.json', 'rules-functions.json']) {
      expect(readFileSync(join(here, 'fixtures', name), 'utf8')).toBe(
        readFileSync(join(shared, name), 'utf8'),
      );
    }
  });
});
