import { ArgumentsHost, ExceptionFilter, HttpStatus, Logger, NotFoundException } from '@nestjs/common';
import { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainError, InvalidInputError, NotAuthenticatedError, PermissionDeniedError, TooManyRequestsError, UnavailableError } from '../../errors/domain-errors';
import { clientErrorStatus } from '../client-error';
import { hotelFailure, HotelStatus, HotelStatusError, requestId } from './hotel-envelope';
import { logUnexpected } from '../unexpected-error';

const DOMAIN_STATUSES: [new (...args: never[]) => DomainError, number][] = [
  [InvalidInputError, HotelStatus.ValueError],
  [NotAuthenticatedError, HotelStatus.ErrorToken],
  [PermissionDeniedError, HotelStatus.NoPermission],
  [TooManyRequestsError, HotelStatus.ValueError],
  [UnavailableError, HotelStatus.UnknownError],
];

/** A body the JSON parser refused is the protocol's -1 (Nest would turn it into a bare 400 before the filter could tell). */
export function hotelBodyError(error: Error): Error {
  return (error as { type?: string }).type === 'entity.parse.failed'
    ? HotelStatusError.global(HotelStatus.ErrorJsonKey, `the body is not JSON (${error.message})`)
    : error;
}

/**
 * Maps any error on a hotel route to `{id, status, message, data: {}}` with HTTP 200: the
 * endpoint's own statuses come as HotelStatusError, the rest become global statuses.
 */
export class HotelExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HotelApi');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    http.getResponse<Response>().status(HttpStatus.OK).json(hotelFailure(requestId(request.body), this.statusError(exception, request)));
  }

  private statusError(exception: unknown, request: Request): HotelStatusError {
    if (exception instanceof HotelStatusError) return exception;
    if (exception instanceof NotFoundException) return HotelStatusError.global(HotelStatus.UnknownError, `there is no API at ${request.method} ${request.path}`);
    if (exception instanceof DomainError) {
      const status = DOMAIN_STATUSES.find(([type]) => exception instanceof type)?.[1] ?? HotelStatus.UnknownError;
      return HotelStatusError.global(status, exception.message);
    }
    const status = clientErrorStatus(exception);
    if (status === HttpStatus.PAYLOAD_TOO_LARGE) return HotelStatusError.global(HotelStatus.ValueError, 'the request body is too large');
    if (status) return HotelStatusError.global(HotelStatus.ValueError, (exception as Error).message);
    logUnexpected(this.logger, exception, request);
    return HotelStatusError.global(exception instanceof QueryFailedError ? HotelStatus.DatabaseFailure : HotelStatus.UnknownError);
  }
}
