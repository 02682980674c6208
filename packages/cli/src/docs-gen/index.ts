// The documentation generators, for docs/generate.mjs (which runs them from the built CLI).
export { renderApiReference, type OpenApiDocument } from './api-reference.js';
export { loadOpenApiDocument } from './load-openapi.js';
export { renderRulesReference, rulesNames } from './rules-reference.js';
