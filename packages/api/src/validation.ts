// Request validation: TypeBox-compiled JSON Schemas, no coercion of bodies, clear per-field messages.
import type { FastifySchemaCompiler } from 'fastify';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';
import { ApiError } from './errors.js';

interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message: string;
}

/** Human names of the request parts in messages (`body.validity_days must be integer`). */
const partNames: Record<string, string> = {
  body: 'body',
  querystring: 'query',
  params: 'path',
  headers: 'header',
};

/**
 * Builds Fastify's validator for one schema. Bodies are checked exactly as sent (a string is
 * never an integer, unknown fields are refused); query strings and path parameters are strings
 * on the wire, so their numbers and booleans are converted first, as Cloudflare does.
 */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const compiled = Compile(schema);
  const convert = httpPart !== 'body';
  const part = partNames[httpPart ?? 'body'] ?? String(httpPart);
  const bodyMayBeAbsent = (schema as Record<string, unknown>)[optionalBodyKey] === true;
  return (data: unknown) => {
    if (bodyMayBeAbsent && httpPart === 'body' && (data === undefined || data === null))
      return { value: undefined };
    const value = convert ? Value.Convert(schema, data) : data;
    if (compiled.Check(value)) return { value };
    const messages = describeErrors(part, [...compiled.Errors(value)] as SchemaError[]);
    return {
      error: new ApiError('API_VALIDATION', messages[0] ?? `${part} is invalid`, {
        details: messages.slice(1),
      }),
    };
  };
};

const optionalBodyKey = 'x-body-optional';

/** Marks a body schema as optional: a request without a body is valid (the SDK may send none). */
export function optionalBody<T extends TSchema>(schema: T): T {
  return { ...schema, [optionalBodyKey]: true } as T;
}

/** Turns schema errors into short, distinct messages naming the offending field. */
export function describeErrors(part: string, errors: readonly SchemaError[]): string[] {
  const messages: string[] = [];
  for (const error of errors) {
    const message = describeError(part, error);
    if (message !== null && !messages.includes(message)) messages.push(message);
  }
  return messages.slice(0, 10);
}

function describeError(part: string, error: SchemaError): string | null {
  const where = part + error.instancePath.replaceAll('/', '.');
  switch (error.keyword) {
    case 'boolean':
      // "schema is false" duplicates the additionalProperties error that follows.
      return null;
    case 'additionalProperties': {
      const names = (error.params['additionalProperties'] as string[] | undefined) ?? [];
      return names.length === 1
        ? `${where} has unknown field "${names[0]}"`
        : `${where} has unknown fields ${names.map((n) => `"${n}"`).join(', ')}`;
    }
    case 'required': {
      const names = (error.params['requiredProperties'] as string[] | undefined) ?? [];
      return names.length > 0
        ? `${where} is missing required field${names.length > 1 ? 's' : ''} ${names.map((n) => `"${n}"`).join(', ')}`
        : `${where} is missing a required field`;
    }
    case 'anyOf':
    case 'oneOf':
      return `${where} does not match any allowed shape`;
    default:
      return `${where} ${error.message}`;
  }
}
