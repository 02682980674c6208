#!/usr/bin/env node
// Regenerates docs/api.md (from the API's OpenAPI document) and docs/rules-reference.md (from the
// rules scheme). Run after `npm run build`; packages/cli's docs-drift test fails when these drift.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { providedFields } from '../packages/edge/dist/index.js';
import { loadOpenApiDocument, renderApiReference, renderRulesReference } from '../packages/cli/dist/docs-gen/index.js';

const here = (name) => fileURLToPath(new URL(name, import.meta.url));
writeFileSync(here('api.md'), renderApiReference(await loadOpenApiDocument()));
writeFileSync(here('rules-reference.md'), renderRulesReference({ providedFields }));
console.log('wrote docs/api.md and docs/rules-reference.md');
