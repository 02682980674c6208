// Success envelopes of the API, built with the model's v4 builders so every route answers alike.
import { success } from '@portcullis/model';
import type { ResultInfo, SuccessEnvelope } from '@portcullis/model';
import { Type, type TSchema } from 'typebox';

/** A success envelope around one result. */
export function ok<T>(result: T): SuccessEnvelope<T> {
  return success(result);
}

/** A success envelope around one page of a list. */
export function page<T>(items: T[], info: ResultInfo): SuccessEnvelope<T[]> {
  return success(items, info);
}

const message = Type.Object({ code: Type.Integer(), message: Type.String() });

const resultInfoSchema = Type.Object({
  page: Type.Integer(),
  per_page: Type.Integer(),
  count: Type.Integer(),
  total_count: Type.Integer(),
  total_pages: Type.Integer(),
});

/** OpenAPI schema of a success envelope whose `result` is `result`. */
export function envelopeSchema(result: TSchema, options?: { list?: boolean }): TSchema {
  return Type.Object({
    success: Type.Boolean(),
    errors: Type.Array(message),
    messages: Type.Array(message),
    result,
    ...(options?.list === true ? { result_info: Type.Optional(resultInfoSchema) } : {}),
  });
}

/** OpenAPI schema of a failure envelope. */
export const errorEnvelopeSchema: TSchema = Type.Object({
  success: Type.Literal(false),
  errors: Type.Array(
    Type.Object({ code: Type.Integer(), message: Type.String(), type: Type.Optional(Type.String()) }),
  ),
  messages: Type.Array(message),
  result: Type.Null(),
});
