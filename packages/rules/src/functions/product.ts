// The Cloudflare product functions (rules-functions.json), one file per function beside this one.
import type { FunctionDefinition } from './types.js';

/** Every product function, combined with the built-ins by the registry. */
export const productFunctions: readonly FunctionDefinition[] = [];
