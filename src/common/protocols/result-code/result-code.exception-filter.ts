import { ArgumentsHost, ExceptionFilter, HttpStatus, Logger, NotFoundException } from '@nestjs/common';
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
  UndecryptableError,
  UnavailableError,
  UpstreamError,
  TooManyWrongPasswordsError,
  WrongPasswordError,
} from '../../errors/domain-errors';
import { clientErrorStatus } from '../client-error';
import { ResultCode, resultError } from './result-code';
import { logUnexpected } from '../unexpected-error';

const DOMAIN_CODES: [new (...args: never[]) => DomainError, ResultCode][] = [
  [InvalidInputError, ResultCode.InvalidParameter],
  [NotAuthenticatedError, ResultCode.NotLoggedIn],
  [PermissionDeniedError, ResultCode.NotLoggedIn],
  [CredentialsRejectedError, ResultCode.LoginFailed],
  [NotFoundError, ResultCode.FetchFailed],
  [ConflictError, ResultCode.AlreadyRegistered],
  [NothingChangedError, ResultCode.ReviewFailed],
  [UpstreamError, ResultCode.WechatKeyFailed],
  [UnavailableError, ResultCode.DataError],
  [UndecryptableError, ResultCode.DecryptFailed],
  [PasswordRejectedError, ResultCode.PasswordChangeFailed],
  [WrongPasswordError, ResultCode.OldPasswordWrong],
  [TooManyWrongPasswordsError, ResultCode.PasswordChangeFailed],
];

function httpCode(status: number): ResultCode {
  return status === HttpStatus.UNAUTHORIZED || status === HttpStatus.FORBIDDEN ? ResultCode.NotLoggedIn : ResultCode.InvalidParameter;
}

/** Maps any error on a `/SkyFaceRegister` route to its `result_code` envelope, always with HTTP 200. */
export class ResultCodeExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('SkyFaceRegister');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    http.getResponse<Response>().status(HttpStatus.OK).json(this.envelope(exception, http.getRequest<Request>()));
  }

  private envelope(exception: unknown, request: Request) {
    if (exception instanceof NotFoundException) {
      return resultError(ResultCode.InvalidParameter, `no such endpoint: ${request.path}`);
    }
    if (exception instanceof DomainError) {
      const code = DOMAIN_CODES.find(([type]) => exception instanceof type)?.[1] ?? ResultCode.DataError;
      return resultError(code, exception.message);
    }
    const status = clientErrorStatus(exception);
    if (status) return resultError(httpCode(status), (exception as Error).message);
    logUnexpected(this.logger, exception, request);
    return resultError(ResultCode.DataError);
  }
}
