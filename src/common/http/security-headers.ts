import { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/** Swagger UI runs an inline initialiser and inline styles: allowed under /docs only. */
const DOCS = /^\/docs(\/|$)/;
/** Pages that only ever load their own files and talk to this origin. */
const strict = helmet({
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      // Many sites serve plain HTTP on their LAN: upgrading would break every page there.
      upgradeInsecureRequests: null,
    },
  },
  hsts: { maxAge: 15_552_000, includeSubDomains: false },
  // Photos and QR codes are shown by the H5 pages and mini-programs of other origins.
  crossOriginResourcePolicy: { policy: 'cross-origin' },
});
const docs = helmet({
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", "'unsafe-inline'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      upgradeInsecureRequests: null,
    },
  },
  hsts: { maxAge: 15_552_000, includeSubDomains: false },
});

/**
 * Security headers on every answer (helmet), and `Cache-Control: no-store` on every answer but
 * the static files: API answers carry tokens and personal data that no cache may keep.
 */
export function securityHeaders(staticPrefix: string): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    if (!request.path.startsWith(`${staticPrefix}/`)) response.setHeader('cache-control', 'no-store');
    (DOCS.test(request.path) ? docs : strict)(request, response, next);
  };
}
