import { ArgumentsHost, ExceptionFilter, HttpStatus, Logger, NotFoundException } from '@nestjs/common';
import { Request, Response } from 'express';
import { DomainError, InvalidInputError, NotFoundError, PermissionDeniedError } from '../../errors/domain-errors';
import { clientErrorStatus } from '../client-error';
import { logUnexpected } from '../unexpected-error';

/** `ret` codes FaceGate answers to terminal callbacks ("0" success, anything else failure). */
export const RET_BAD_REQUEST = '400';
export const RET_UNKNOWN_TERMINAL = '403';
export const RET_NOT_FOUND = '404';
export const RET_FAILED = '500';

/** The `{ret, desc}` envelope of the terminal callbacks (spec chapter 9), always HTTP 200. */
export class RetDescExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('TerminalCallbacks');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    http.getResponse<Response>().status(HttpStatus.OK).json(this.envelope(exception, http.getRequest<Request>()));
  }

  private envelope(exception: unknown, request: Request): { ret: string; desc: string } {
    if (exception instanceof PermissionDeniedError) return { ret: RET_UNKNOWN_TERMINAL, desc: exception.message };
    if (exception instanceof NotFoundException || exception instanceof NotFoundError) return { ret: RET_NOT_FOUND, desc: exception.message };
    if (exception instanceof InvalidInputError) return { ret: RET_BAD_REQUEST, desc: exception.message };
    if (clientErrorStatus(exception)) return { ret: RET_BAD_REQUEST, desc: (exception as Error).message };
    if (!(exception instanceof DomainError)) {
      logUnexpected(this.logger, exception, request);
    }
    return { ret: RET_FAILED, desc: 'internal error' };
  }
}
