// The validator: no coercion of bodies, converted query strings, messages naming the field.
import { describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import { validatorCompiler } from './validation.js';

const body = Type.Object(
  {
    csr: Type.String(),
    validity_days: Type.Integer({ minimum: 1 }),
    nested: Type.Optional(Type.Object({ a: Type.Boolean() }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

function validate(schema: typeof body, httpPart: string, data: unknown): { value?: unknown; error?: Error } {
  const fn = validatorCompiler({ schema, httpPart, method: 'POST', url: '/' }) as (d: unknown) => {
    value?: unknown;
    error?: Error;
  };
  return fn(data);
}

describe('validatorCompiler', () => {
  it('accepts a valid body unchanged', () => {
    expect(validate(body, 'body', { csr: 'x', validity_days: 3 })).toEqual({
      value: { csr: 'x', validity_days: 3 },
    });
  });

  it.each([
    [{ csr: 'x', validity_days: '3' }, 'body.validity_days must be integer'],
    [{ csr: 'x', validity_days: 3, extra: 1 }, 'body has unknown field "extra"'],
    [{ csr: 'x', validity_days: 3, nested: { a: true, b: 1 } }, 'body.nested has unknown field "b"'],
    [{ validity_days: 3 }, 'body is missing required field "csr"'],
    [null, 'body must be object'],
    [[], 'body must be object'],
    [{ csr: 'x', validity_days: 0 }, 'body.validity_days must be >= 1'],
  ])('refuses %j with "%s"', (data, message) => {
    const result = validate(body, 'body', data);
    expect(result.error?.message).toBe(message);
    expect((result.error as { code?: string }).code).toBe('API_VALIDATION');
  });

  it('converts query strings', () => {
    const query = Type.Object({
      page: Type.Optional(Type.Integer({ minimum: 1 })),
      status: Type.Optional(Type.String()),
    });
    expect(validate(query as never, 'querystring', { page: '2', status: 'active' })).toEqual({
      value: { page: 2, status: 'active' },
    });
    expect(validate(query as never, 'querystring', { page: 'two' }).error?.message).toBe(
      'query.page must be integer',
    );
  });
});
