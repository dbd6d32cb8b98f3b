import { ArgumentsHost, ExceptionFilter, HttpStatus, Logger, NotFoundException } from '@nestjs/common';
import { Request, Response } from 'express';
import { DomainError, InvalidInputError, NotAuthenticatedError, NotFoundError, TooManyRequestsError, UpstreamError } from '../../errors/domain-errors';
import { clientErrorStatus } from '../client-error';
import { EC_INTERNAL, EC_INVALID, EC_NOT_FOUND, EC_TOO_MANY, EC_UNAUTHENTICATED, EC_UPSTREAM, EcAnswer, EcError } from './ec-em';
import { logUnexpected } from '../unexpected-error';

const DOMAIN_ECS: [new (...args: never[]) => DomainError, number, string][] = [
  [InvalidInputError, EC_INVALID, '参数错误'],
  [NotAuthenticatedError, EC_UNAUTHENTICATED, '登录已失效'],
  [NotFoundError, EC_NOT_FOUND, '记录不存在'],
  [TooManyRequestsError, EC_TOO_MANY, '请求过于频繁'],
  [UpstreamError, EC_UPSTREAM, '微信服务暂不可用'],
];

/** Maps any error on a face-identity route to `{ec, em}` (HTTP 200): a Chinese summary, then the detail. */
export class EcEmExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('FaceIdentity');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    http.getResponse<Response>().status(HttpStatus.OK).json(this.answer(exception, http.getRequest<Request>()));
  }

  private answer(exception: unknown, request: Request): EcAnswer {
    if (exception instanceof EcError) return { ec: exception.ec, em: exception.em };
    if (exception instanceof NotFoundException) return { ec: EC_NOT_FOUND, em: `接口不存在: ${request.method} ${request.path}` };
    if (exception instanceof DomainError) {
      const [, ec, summary] = DOMAIN_ECS.find(([type]) => exception instanceof type) ?? [DomainError, EC_INTERNAL, '内部错误'];
      return { ec, em: `${summary}: ${exception.message}` };
    }
    if (clientErrorStatus(exception)) return { ec: EC_INVALID, em: `参数错误: ${(exception as Error).message}` };
    logUnexpected(this.logger, exception, request);
    return { ec: EC_INTERNAL, em: '内部错误' };
  }
}
