import { ArgumentsHost, ExceptionFilter, HttpStatus, Logger } from '@nestjs/common';
import { Request, Response } from 'express';
import {
  ConflictError,
  CredentialsRejectedError,
  DomainError,
  InvalidInputError,
  NotAuthenticatedError,
  NotFoundError,
  NothingChangedError,
  PasswordRejectedError,
  PermissionDeniedError,
  TooManyRequestsError,
  UndecryptableError,
  UnavailableError,
  UpstreamError,
  WrongPasswordError,
} from '../../errors/domain-errors';
import { clientErrorStatus } from '../client-error';
import { logUnexpected } from '../unexpected-error';

/** RFC 9457 problem details, the error body of the plain REST API. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: unknown;
}

const DOMAIN_STATUS: [new (...args: never[]) => DomainError, HttpStatus][] = [
  [InvalidInputError, HttpStatus.BAD_REQUEST],
  [NotAuthenticatedError, HttpStatus.UNAUTHORIZED],
  [CredentialsRejectedError, HttpStatus.UNAUTHORIZED],
  [PermissionDeniedError, HttpStatus.FORBIDDEN],
  [NotFoundError, HttpStatus.NOT_FOUND],
  [ConflictError, HttpStatus.CONFLICT],
  [NothingChangedError, HttpStatus.CONFLICT],
  [PasswordRejectedError, HttpStatus.UNPROCESSABLE_ENTITY],
  [WrongPasswordError, HttpStatus.FORBIDDEN],
  [UndecryptableError, HttpStatus.BAD_REQUEST],
  [UpstreamError, HttpStatus.BAD_GATEWAY],
  [TooManyRequestsError, HttpStatus.TOO_MANY_REQUESTS],
  [UnavailableError, HttpStatus.SERVICE_UNAVAILABLE],
];

function titleOf(status: number): string {
  const name = HttpStatus[status] ?? 'ERROR';
  return name.charAt(0) + name.slice(1).toLowerCase().replace(/_/g, ' ');
}

/** Maps any error on a REST route to `application/problem+json`. */
export class ProblemJsonExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const problem = this.problem(exception, request);
    problem.instance = request.originalUrl?.split('?')[0];
    const response = http.getResponse<Response>();
    if (exception instanceof TooManyRequestsError || exception instanceof UnavailableError) response.setHeader('retry-after', String(exception.retryAfterSeconds));
    response.status(problem.status).type('application/problem+json').json(problem);
  }

  private problem(exception: unknown, request: Request): ProblemDetails {
    if (exception instanceof DomainError) {
      const status = DOMAIN_STATUS.find(([type]) => exception instanceof type)?.[1] ?? HttpStatus.INTERNAL_SERVER_ERROR;
      return { type: 'about:blank', title: titleOf(status), status, detail: exception.message, errors: exception.details };
    }
    const status = clientErrorStatus(exception);
    if (status) return { type: 'about:blank', title: titleOf(status), status, detail: (exception as Error).message };
    logUnexpected(this.logger, exception, request);
    return { type: 'about:blank', title: titleOf(500), status: 500, detail: 'internal error; see the server log' };
  }
}
