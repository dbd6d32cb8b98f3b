import { NextFunction, Request, RequestHandler, Response } from 'express';
import { bulkhead, BulkheadRejectedError } from 'cockatiel';
import { UnavailableError } from '../errors/domain-errors';

/** Bodies above this (photos, CSV files) count as large; so do bodies of unknown length. */
const LARGE_BYTES = 1024 * 1024;

/**
 * Admits at most `atOnce` large request bodies at a time (a few more wait their turn without
 * being read): twenty 11 MB uploads at once would otherwise hold a gigabyte of parsed JSON.
 * Beyond the queue the answer is "try again" in the route's own envelope.
 */
export function largeBodies(atOnce: number): RequestHandler {
  const slots = bulkhead(atOnce, atOnce * 4);
  return (request: Request, response: Response, next: NextFunction) => {
    const length = Number(request.headers['content-length'] ?? NaN);
    const large = Number.isFinite(length) ? length > LARGE_BYTES : request.headers['transfer-encoding'] !== undefined;
    if (!large) return next();
    slots
      .execute(
        () =>
          new Promise<void>((release) => {
            response.once('close', release);
            next();
          }),
      )
      .catch((error: Error) => {
        if (!(error instanceof BulkheadRejectedError)) throw error;
        next(new UnavailableError('too many large uploads at once; try again in a moment', 5));
      });
  };
}
