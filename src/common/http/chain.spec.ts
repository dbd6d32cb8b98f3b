import { NextFunction, Request, RequestHandler, Response } from 'express';
import { chain } from './chain';

describe('chain', () => {
  const request = {} as Request;
  const response = {} as Response;
  const run = (handler: RequestHandler) => new Promise<unknown>((resolve) => handler(request, response, ((error?: unknown) => resolve(error ?? 'done')) as NextFunction));

  it('runs the handlers in order, asynchronous ones too, and then goes on', async () => {
    const seen: string[] = [];
    const step = (name: string): RequestHandler => (_req, _res, next) => {
      seen.push(name);
      setImmediate(next);
    };
    expect(await run(chain(step('a'), step('b'), (_req, _res, next) => (seen.push('c'), next())))).toBe('done');
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('stops at the first error, given or thrown, and at a handler that answers', async () => {
    const seen: string[] = [];
    const never: RequestHandler = () => seen.push('never');
    expect(await run(chain((_req, _res, next) => next(new Error('given')), never))).toEqual(new Error('given'));
    expect(await run(chain(() => {
      throw new Error('thrown');
    }, never))).toEqual(new Error('thrown'));
    let answered = false;
    chain(() => (answered = true), never)(request, response, () => seen.push('next'));
    expect(answered).toBe(true);
    expect(seen).toEqual([]);
  });
});
