// The functions of the open engine and the corpus (besides the any/all quantifiers, which the
// parser handles): concat, lower, upper, len, starts_with, ends_with.
import { concatFunction } from './concat.js';
import { endsWithFunction } from './ends-with.js';
import { lenFunction } from './len.js';
import { lowerFunction } from './lower.js';
import { startsWithFunction } from './starts-with.js';
import type { FunctionDefinition } from './types.js';
import { upperFunction } from './upper.js';

/** The built-in functions, available in every phase. */
export const builtinFunctions: readonly FunctionDefinition[] = Object.freeze([
  concatFunction,
  lowerFunction,
  upperFunction,
  lenFunction,
  startsWithFunction,
  endsWithFunction,
]);
