import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { Request } from 'express';
import { classifyDatabaseFailure } from '../errors/database-failure';
import { InvalidInputError, UnavailableError } from '../errors/domain-errors';
import { CodeErrMsgExceptionFilter } from './code-err-msg/code-err-msg.exception-filter';
import { EcEmExceptionFilter } from './ec-em/ec-em.exception-filter';
import { HotelExceptionFilter } from './hotel/hotel.exception-filter';
import { ProblemJsonExceptionFilter } from './problem-json/problem-json.exception-filter';
import { ResultCodeExceptionFilter } from './result-code/result-code.exception-filter';
import { RetDescExceptionFilter } from './ret-desc/ret-desc.exception-filter';

/** Paths of the terminal callbacks (spec chapter 9). */
export const TERMINAL_CALLBACK_PATHS = /^\/sy(record|face|attribute|result|heartbeat)(\/|$)/i;
/** The backend half of WeChat face identity (人脸核身). */
export const FACE_IDENTITY_PATHS = /^\/api\/face-identity(\/|$)/i;
/** The hotel mini-program's API: everything under /api but the admin REST and WeChat face identity. */
export const HOTEL_PATHS = /^\/api(?!\/(admin|face-identity)(\/|$))(\/|$)/i;

/**
 * The one global filter. It also sees what happens before a controller is chosen (unknown
 * routes, unparsable bodies, oversized uploads), so it picks the protocol family by path:
 * every route of a family answers in that family's envelope.
 */
@Catch()
export class ProtocolExceptionFilter implements ExceptionFilter {
  private readonly families: [RegExp, ExceptionFilter][] = [
    [/^\/SkyFaceRegister(\/|$)/i, new ResultCodeExceptionFilter()],
    [TERMINAL_CALLBACK_PATHS, new RetDescExceptionFilter()],
    [/^\/v1(\/|$)/i, new CodeErrMsgExceptionFilter()],
    [HOTEL_PATHS, new HotelExceptionFilter()],
    [FACE_IDENTITY_PATHS, new EcEmExceptionFilter()],
  ];
  private readonly fallback = new ProblemJsonExceptionFilter();

  private readonly logger = new Logger('Database');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const path = request.path ?? '';
    const family = this.families.find(([pattern]) => pattern.test(path))?.[1] ?? this.fallback;
    family.catch(this.fromDatabase(exception, request), host);
  }

  /** A database failure the client can act on, as the domain error each envelope already answers. */
  private fromDatabase(exception: unknown, request: Request): unknown {
    const failure = classifyDatabaseFailure(exception);
    if (!failure) return exception;
    if (failure.kind === 'refused-value') return new InvalidInputError(failure.message);
    this.logger.warn(`${request.method} ${request.path}: ${failure.message} (${(exception as Error).message})`);
    return new UnavailableError(failure.message, failure.retryAfterSeconds);
  }
}
