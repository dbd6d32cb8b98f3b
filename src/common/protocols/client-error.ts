import { HttpException } from '@nestjs/common';

/**
 * The HTTP status of an error that the client caused: Nest's own exceptions, and the
 * `http-errors` that Express middleware (body parsers: too large, unsupported charset) raises
 * before any controller runs. Null for anything else.
 */
export function clientErrorStatus(error: unknown): number | null {
  const status =
    error instanceof HttpException ? error.getStatus() : Number((error as { status?: unknown; statusCode?: unknown })?.status ?? (error as { statusCode?: unknown })?.statusCode);
  return Number.isInteger(status) && status >= 400 && status < 500 ? status : null;
}
