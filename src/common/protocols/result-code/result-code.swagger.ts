import { applyDecorators, Type } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';
import { RESULT_MESSAGES, ResultCode } from './result-code';

const CODES = Object.entries(RESULT_MESSAGES)
  .map(([code, message]) => `${code} ${message}`)
  .join('; ');

/**
 * Documents a `.do` endpoint: its form or multipart fields (`fields`, and a photo part when `photo`
 * names it), HTTP 200 with the `result_code` envelope whatever happened, and the shape of
 * `result_data` on success.
 */
export function ApiResultEnvelope(data: Type<unknown> | 'empty-object' | 'empty-string' | undefined, fields: Type<unknown>, photo?: string): MethodDecorator {
  const dataSchema =
    data === 'empty-object'
      ? { type: 'object', example: {} }
      : data === 'empty-string'
        ? { type: 'string', example: '' }
        : data
          ? { $ref: getSchemaPath(data) }
          : undefined;
  const fieldsSchema = photo
    ? { allOf: [{ $ref: getSchemaPath(fields) }, { type: 'object', properties: { [photo]: { type: 'string', format: 'binary' } } }] }
    : { $ref: getSchemaPath(fields) };
  return applyDecorators(
    ApiConsumes('application/x-www-form-urlencoded', 'multipart/form-data'),
    ApiExtraModels(fields),
    ApiBody({ schema: fieldsSchema, description: 'form fields (urlencoded or multipart), or the same in the query string' }),
    ...(data && typeof data !== 'string' ? [ApiExtraModels(data)] : []),
    ApiOkResponse({
      description: `Always HTTP 200. result_code: ${CODES}. Errors carry no result_data.`,
      schema: {
        type: 'object',
        required: ['result_code', 'result_msg', 'result_time'],
        properties: {
          result_code: { type: 'integer', example: ResultCode.Ok },
          result_msg: { type: 'string', example: RESULT_MESSAGES[ResultCode.Ok] },
          result_time: { type: 'integer', description: 'epoch milliseconds', example: 1763790000000 },
          ...(dataSchema ? { result_data: dataSchema } : {}),
        },
      },
    }),
  );
}
