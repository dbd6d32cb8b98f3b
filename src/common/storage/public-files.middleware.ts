import { NextFunction, Request, RequestHandler, Response } from 'express';
import { problem } from '../http/problem-response';
import { FileStorage, PUBLIC_FILES_PREFIX } from './file-storage';

const REFUSALS = {
  missing: 'this file is served only through the signed link FaceGate hands out',
  expired: 'this link has expired: ask for the listing again',
  forged: 'this link is not one FaceGate handed out',
};

/**
 * Serves the public storage area under /files: QR codes as they are, face photos only through a
 * valid signed link; never through a symbolic link.
 */
export function publicFiles(storage: FileStorage): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !request.path.startsWith(`${PUBLIC_FILES_PREFIX}/`)) return next();
    let key: string;
    try {
      key = decodeURIComponent(request.path.slice(PUBLIC_FILES_PREFIX.length + 1));
    } catch {
      return problem(response, 404, 'no such file', request.path);
    }
    const verdict = storage.mayServe(key, request.query);
    if (verdict !== 'valid') return problem(response, 403, REFUSALS[verdict], request.path);
    void storage.servablePath('public', key).then((file) => {
      if (!file || key.split('/').some((part) => part.startsWith('.'))) return problem(response, 404, 'no such file', request.path);
      const signedLink = request.query.sig !== undefined;
      response.setHeader('cache-control', signedLink ? 'private, max-age=3600' : 'public, max-age=2592000, immutable');
      // Dot segments of the key were refused above; the storage directory itself may lie under one (~/.facegate).
      response.sendFile(file, { dotfiles: 'allow' }, (error) => error && !response.headersSent && problem(response, 404, 'no such file', request.path));
    }, next);
  };
}
