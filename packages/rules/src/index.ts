/**
 * @module @portcullis/rules
 * The Cloudflare Rules language: parse, type-check, compile and evaluate expressions against the
 * Cloudflare field scheme. Isomorphic (Node and browsers).
 */
export { compile, parse, Filter } from './compile.js';
export type { CompileOptions, CompileResult, ParseResult } from './compile.js';
export { Scheme, createScheme } from './scheme.js';
export type { SchemeDefinition, FunctionLookup } from './scheme.js';
export { Context } from './context.js';
export type { FieldSlot, LazyValue } from './context.js';
export { cloudflareScheme, transformScheme, cloudflareFields } from './fields/cloudflare.js';
export { renderDiagnostics } from './diagnostics.js';
export type { Diagnostic, DiagnosticCategory, DiagnosticCode } from './diagnostics.js';
export { RulesError } from './errors.js';
export type { RulesErrorCode } from './errors.js';
export { format } from './format.js';
export { explain } from './explain.js';
export type { ExplainNode, ExplainValue } from './explain.js';
export { DEFAULT_LIMITS } from './cursor.js';
export type { ParseLimits } from './cursor.js';
export { BYTES, INT, BOOL, IP, arrayOf, mapOf, typeName, parseTypeName } from './type-utils.js';
export { builtinFunctions } from './functions/builtins.js';
export { productFunctions } from './functions/product.js';
export type {
  Type,
  IpValue,
  Value,
  MaybeValue,
  Phase,
  ArgInfo,
  CheckResult,
  FunctionDefinition,
  FunctionImpl,
} from './functions/types.js';
export type {
  Node,
  ConditionNode,
  ValueNode,
  ArgNode,
  CompareNode,
  CompareOp,
  LogicalNode,
  NotNode,
  QuantifierNode,
  FieldNode,
  CallNode,
  IndexNode,
  IndexKey,
  LiteralNode,
  RhsNode,
  SetElement,
  Span,
} from './ast.js';
