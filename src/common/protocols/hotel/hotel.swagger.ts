import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiQuery } from '@nestjs/swagger';
import { FieldRule, HotelRequestSchema } from './hotel-request';

const GLOBAL =
  'Always HTTP 200 with {id, status, message, data}: id echoes the request (null without one), status 0 is success. ' +
  'Global statuses: -1 missing envelope key (or a body that is not JSON), -2 a type/subtype this path does not serve, -3 an unexpected key in data, ' +
  '-4 wrong captcha hash, -100 token missing, -101 wrong or expired token, -102 the token\'s account is gone, -103 not allowed, ' +
  '-200 database failure, -201 an empty required value, -202 a missing key in data, -203 a value of the wrong type, -204 a value out of bounds (or too many requests), -404 unknown error.';

export interface HotelEndpointOptions {
  summary: string;
  description?: string;
  /** The requests this path serves; none for a GET. */
  requests?: HotelRequestSchema[];
  /** An example of `data` in the answer. */
  data?: Record<string, unknown>;
  /** The endpoint's own statuses, e.g. `100 No such user, 102 Error password`. */
  statuses?: string;
  token?: boolean;
}

function fieldSchema(rule: FieldRule): Record<string, unknown> {
  return {
    ...(rule.type === 'scalar' ? { oneOf: [{ type: 'integer' }, { type: 'string' }] } : { type: rule.type }),
    ...(rule.nullable ? { nullable: true } : {}),
    ...(rule.maxLength ? { maxLength: rule.maxLength } : {}),
    ...(rule.pattern ? { pattern: rule.pattern[0].source } : {}),
  };
}

function requestSchema(schema: HotelRequestSchema): Record<string, unknown> {
  const fields = Object.entries(schema.fields);
  return {
    type: 'object',
    title: `${schema.type}/${schema.subtype}`,
    required: ['type', 'subtype', 'data'],
    properties: {
      id: { type: 'integer', example: 1234 },
      type: { type: 'string', enum: [schema.type] },
      subtype: { type: 'string', enum: [schema.subtype] },
      data: {
        type: 'object',
        required: fields.filter(([, rule]) => !rule.optional && rule.lenientDefault === undefined).map(([key]) => key),
        properties: Object.fromEntries(fields.map(([key, rule]) => [key, fieldSchema(rule)])),
        additionalProperties: false,
      },
    },
  };
}

/** Documents a hotel endpoint: its requests (from their schemas), its answer and its statuses. */
export function ApiHotelEndpoint(options: HotelEndpointOptions): MethodDecorator {
  const requests = options.requests ?? [];
  return applyDecorators(
    ApiOperation({ summary: options.summary, description: [options.description, options.statuses && `Own statuses: ${options.statuses}.`].filter(Boolean).join('\n\n') }),
    ...(options.token ? [ApiQuery({ name: 'token', required: true, description: 'the hotel token (32 lowercase hex characters)' })] : []),
    ...(requests.length > 0 ? [ApiBody({ schema: requests.length === 1 ? requestSchema(requests[0]) : { oneOf: requests.map(requestSchema) } })] : []),
    ApiOkResponse({
      description: GLOBAL,
      schema: {
        type: 'object',
        required: ['id', 'status', 'message', 'data'],
        properties: {
          id: { type: 'integer', nullable: true, example: 1234 },
          status: { type: 'integer', example: 0 },
          message: { type: 'string', example: 'Successful' },
          data: { type: 'object', additionalProperties: true, example: options.data ?? {} },
        },
      },
    }),
  );
}
