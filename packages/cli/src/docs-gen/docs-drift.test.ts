// Drift tests: docs/api.md and docs/rules-reference.md must equal what `node docs/generate.mjs` writes today.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { providedFields } from '@portcullis/edge';
import { renderApiReference } from './api-reference.js';
import { loadOpenApiDocument } from './load-openapi.js';
import { fieldDescriptions, functionDescriptions } from './rules-descriptions.js';
import { renderRulesReference, rulesNames } from './rules-reference.js';

const docs = fileURLToPath(new URL('../../../../docs/', import.meta.url));
const regenerate = 'regenerate it with `npm run build && node docs/generate.mjs`';

describe('generated references', () => {
  it(`docs/api.md matches the OpenAPI document (${regenerate})`, async () => {
    const expected = renderApiReference(await loadOpenApiDocument());
    expect(readFileSync(`${docs}api.md`, 'utf8')).toBe(expected);
  });

  it(`docs/rules-reference.md matches the rules scheme (${regenerate})`, () => {
    expect(readFileSync(`${docs}rules-reference.md`, 'utf8')).toBe(renderRulesReference({ providedFields }));
  });

  it('describes every field and function of the scheme, and nothing else', () => {
    const { fields, functions } = rulesNames();
    expect(Object.keys(fieldDescriptions).sort()).toEqual([...fields].sort());
    expect(Object.keys(functionDescriptions).sort()).toEqual([...functions].sort());
  });
});
