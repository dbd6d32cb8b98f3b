import { NextFunction, Request, RequestHandler, Response } from 'express';
import { familyOf, Metrics } from './metrics';

/** Observes every request's time to answer, by protocol family, method and status class. */
export function requestTiming(metrics: Metrics): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.requestSeconds.observe({ family: familyOf(request.path), method: request.method, status: `${Math.floor(response.statusCode / 100)}xx` }, seconds);
    });
    next();
  };
}
