// The registry: built-in functions plus the product functions, each with its phases.
import { builtinFunctions } from './builtins.js';
import { productFunctions } from './product.js';
import type { FunctionDefinition } from './types.js';

/**
 * Every function the Cloudflare schemes know. A product function whose name repeats a built-in
 * replaces it (so the product file may refine a built-in's checks).
 */
export function allFunctions(): readonly FunctionDefinition[] {
  const byName = new Map<string, FunctionDefinition>();
  for (const f of builtinFunctions) byName.set(f.name, f);
  for (const f of productFunctions) byName.set(f.name, f);
  return Object.freeze([...byName.values()]);
}
