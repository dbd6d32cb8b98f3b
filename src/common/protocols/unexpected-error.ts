import { Logger } from '@nestjs/common';
import { Request } from 'express';
import { redactUrl } from '../logging/log-redaction';

/** A fault that is not a domain error, logged with the request it broke (its URL masked as in the access log). */
export function logUnexpected(logger: Logger, exception: unknown, request: Request): void {
  const url = request.originalUrl ? redactUrl(request.originalUrl) : '?';
  logger.error(`unexpected error in ${request.method} ${url}: ${(exception as Error)?.message}`, (exception as Error)?.stack);
}
