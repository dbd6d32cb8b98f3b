import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { existsSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { problem } from './problem-response';

export const CONSOLE_PREFIX = '/console';

/** The types of the files the build compresses. */
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

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
    setHeaders: (response, path) => {
      response.setHeader('cache-control', path.startsWith(join(root, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache');
      if (!path.endsWith('.gz')) return;
      response.setHeader('content-encoding', 'gzip');
      response.setHeader('content-type', TYPES[extname(path.slice(0, -3))] ?? 'application/octet-stream');
    },
  });
  return (request: Request, response: Response, next: NextFunction) => {
    if (request.path !== CONSOLE_PREFIX && !request.path.startsWith(`${CONSOLE_PREFIX}/`)) return next();
    if (request.path === CONSOLE_PREFIX) return response.redirect(301, `${CONSOLE_PREFIX}/`);
    if (!existsSync(join(root, 'index.html'))) return problem(response, 404, `the console is not built in ${root}: run "npm run console:build"`, request.path);
    const path = request.path;
    request.url = request.url.slice(CONSOLE_PREFIX.length);
    // The build keeps a gzip copy of each text file (scripts/build-console.js): sent to browsers that take it.
    const wanted = request.path.endsWith('/') ? `${request.path}index.html` : request.path;
    response.setHeader('vary', 'accept-encoding');
    const compressed = resolve(root, `.${wanted}.gz`);
    if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? '') && compressed.startsWith(`${root}${sep}`) && existsSync(compressed)) request.url = `${wanted}.gz`;
    files(request, response, () => problem(response, 404, 'no such console file', path));
  };
}
