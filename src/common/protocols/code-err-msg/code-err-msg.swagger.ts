import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';

const ERRORS =
  'Always HTTP 200. code 0 is success; otherwise 400 invalid input, 401 missing or expired admin token, 403 not allowed, ' +
  '404 not found, 409 conflict, 500 internal error, and the codes named for this endpoint. err_msg explains a failure.';

export interface CodeEnvelopeOptions {
  /** `data` is an array of this type and the envelope carries `page`. */
  list?: boolean;
  /** Extra codes of this endpoint, documented with the generic ones. */
  codes?: string;
}

/** Documents a `/v1` endpoint's `{code, err_msg, data}` envelope. */
export function ApiCodeEnvelope(data?: Type<unknown> | 'empty-object', options: CodeEnvelopeOptions = {}): MethodDecorator {
  const item = data === 'empty-object' ? { type: 'object', example: {} } : data ? { $ref: getSchemaPath(data) } : undefined;
  const dataSchema = item && options.list ? { type: 'array', items: item } : item;
  const page = {
    type: 'object',
    description: 'count records in all, page current of total pages, size records a page',
    properties: {
      count: { type: 'integer', example: 1 },
      current: { type: 'integer', example: 1 },
      size: { type: 'integer', example: 5 },
      total: { type: 'integer', example: 1 },
    },
  };
  return applyDecorators(
    ...(data && typeof data !== 'string' ? [ApiExtraModels(data)] : []),
    ApiOkResponse({
      description: options.codes ? `${ERRORS} ${options.codes}` : ERRORS,
      schema: {
        type: 'object',
        required: ['code', 'err_msg'],
        properties: {
          code: { type: 'integer', example: 0 },
          err_msg: { type: 'string', example: '' },
          ...(dataSchema ? { data: dataSchema } : {}),
          ...(options.list ? { page } : {}),
        },
      },
    }),
  );
}
