import { NextFunction, Request, RequestHandler, Response } from 'express';
import { Logger } from 'pino';
import { redactUrl } from './log-redaction';

/** Static files and the API documentation are not worth a line each. */
const QUIET_PATHS = /^\/(files|docs)(\/|$)/;

/**
 * One line per request when its answer has gone (or the client gave up): id, method, URL with
 * credentials and personal data masked, status, time taken. Written with the root logger, as
 * pino-http would, but without a child logger per request and without binding each request into
 * an AsyncLocalStorage (together a fifth of a small request's work); lines written during a
 * request say which one themselves where it matters (the exception filters' error lines).
 */
export function accessLog(logger: () => Logger): RequestHandler {
  let lastId = 0;
  return (request: Request, response: Response, next: NextFunction) => {
    if (QUIET_PATHS.test(request.path)) return next();
    const id = ++lastId;
    const started = Date.now();
    response.once('close', () => {
      const statusCode = response.statusCode;
      const line = { reqId: id, method: request.method, url: redactUrl(request.originalUrl), statusCode, responseTime: Date.now() - started };
      if (!response.writableFinished) logger().warn(line, 'request aborted');
      else if (statusCode >= 500) logger().error(line, 'request failed');
      else if (statusCode >= 400) logger().warn(line, 'request completed');
      else logger().info(line, 'request completed');
    });
    next();
  };
}
