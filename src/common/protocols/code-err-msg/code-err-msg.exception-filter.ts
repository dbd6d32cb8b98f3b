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
  PermissionDeniedError,
  TooManyRequestsError,
  UnavailableError,
  UpstreamError,
} from '../../errors/domain-errors';
import { clientErrorStatus } from '../client-error';
import { logUnexpected } from '../unexpected-error';
import {
  CODE_CONFLICT,
  CODE_FORBIDDEN,
  CODE_INTERNAL,
  CODE_INVALID,
  CODE_NOT_FOUND,
  CODE_UNAUTHENTICATED,
  CODE_TOO_MANY,
  CODE_UNAVAILABLE,
  CODE_UPSTREAM,
  codeError,
  CodeEnvelope,
} from './code-err-msg';

const DOMAIN_CODES: [new (...args: never[]) => DomainError, number, string][] = [
  [InvalidInputError, CODE_INVALID, '参数错误'],
  [NotAuthenticatedError, CODE_UNAUTHENTICATED, '未登录或登录已过期'],
  [CredentialsRejectedError, CODE_UNAUTHENTICATED, '未登录或登录已过期'],
  [PermissionDeniedError, CODE_FORBIDDEN, '没有权限'],
  [NotFoundError, CODE_NOT_FOUND, '记录不存在'],
  [ConflictError, CODE_CONFLICT, '操作冲突'],
  [NothingChangedError, CODE_CONFLICT, '操作冲突'],
  [UpstreamError, CODE_UPSTREAM, '外部服务失败'],
  [TooManyRequestsError, CODE_TOO_MANY, '请求过于频繁'],
  [UnavailableError, CODE_UNAVAILABLE, '服务暂不可用，请稍后再试'],
];

/** Maps any error on a `/v1` route to `{code, err_msg}` (HTTP 200): a Chinese summary, then the detail. */
export class CodeErrMsgExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('VisitorApi');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    http.getResponse<Response>().status(HttpStatus.OK).json(this.envelope(exception, http.getRequest<Request>()));
  }

  private envelope(exception: unknown, request: Request): CodeEnvelope<never> {
    if (exception instanceof NotFoundException) return codeError(CODE_NOT_FOUND, `接口不存在: ${request.method} ${request.path}`);
    if (exception instanceof DomainError) {
      const [, code, summary] = DOMAIN_CODES.find(([type]) => exception instanceof type) ?? [DomainError, CODE_INTERNAL, '内部错误'];
      return codeError(code, `${summary}: ${exception.message}`);
    }
    const status = clientErrorStatus(exception);
    if (status) return codeError(status === 401 || status === 403 ? status : CODE_INVALID, `参数错误: ${(exception as Error).message}`);
    logUnexpected(this.logger, exception, request);
    return codeError(CODE_INTERNAL, '内部错误');
  }
}
