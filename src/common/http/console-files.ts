import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { problem } from './problem-response';

export const CONSOLE_PREFIX = '/console';

/**
 * The admin console at /console/: Vite's hashed assets are cached for a year, the page itself is
 * revalidated on every load (so a new build is picked up at once). Without a build, a clear 404.
 */
export function consoleFiles(dir: string): RequestHandler {
  const root = resolve(dir);
  const files = express.static(root, {
    index: 'index.html',
    redirect: true,
    dotfiles: 'deny',
    setHeaders: (response, path) =>
      response.setHeader('cache-control', path.startsWith(join(root, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  return (request: Request, response: Response, next: NextFunction) => {
    if (request.path !== CONSOLE_PREFIX && !request.path.startsWith(`${CONSOLE_PREFIX}/`)) return next();
    if (request.path === CONSOLE_PREFIX) return response.redirect(301, `${CONSOLE_PREFIX}/`);
    if (!existsSync(join(root, 'index.html'))) return problem(response, 404, `the console is not built in ${root}: run "npm run console:build"`, request.path);
    const path = request.path;
    request.url = request.url.slice(CONSOLE_PREFIX.length);
    files(request, response, () => problem(response, 404, 'no such console file', path));
  };
}
