import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Request } from 'express';

function plain(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * The parameters of a `.do` request wherever the client put them: query string, urlencoded body
 * or multipart fields (body wins over query). Validated against the parameter's DTO class.
 */
export const FormParams = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const request = context.switchToHttp().getRequest<Request>();
  return { ...plain(request.query), ...plain(request.body) };
});
