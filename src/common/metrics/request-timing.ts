import { NextFunction, Request, RequestHandler, Response } from 'express';
import { familyOf, Metrics } from './metrics';

type Timer = ReturnType<Metrics['requestSeconds']['labels']>;

/** Observes every request's time to answer, by protocol family, method and status class. */
export function requestTiming(metrics: Metrics): RequestHandler {
  // The label sets are few: their series are looked up once, not hashed on every request.
  const series = new Map<string, Timer>();
  const seriesOf = (family: string, method: string, status: string): Timer => {
    const key = `${family} ${method} ${status}`;
    let timer = series.get(key);
    if (!timer) {
      timer = metrics.requestSeconds.labels(family, method, status);
      series.set(key, timer);
    }
    return timer;
  };
  return (request: Request, response: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      seriesOf(familyOf(request.path), request.method, `${Math.floor(response.statusCode / 100)}xx`).observe(seconds);
    });
    next();
  };
}
