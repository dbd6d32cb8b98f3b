import { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

const SELF = "'self'";
const INLINE = "'unsafe-inline'";

type Header = [name: string, value: string];

/**
 * The headers helmet sets, read once: they are the same on every answer, and setting them through
 * helmet's dozen middlewares on every request cost more than the rest of a small answer.
 */
function headersOf(middleware: RequestHandler): Header[] {
  const headers: Header[] = [];
  const recorder = { setHeader: (name: string, value: string) => headers.push([name, String(value)]), removeHeader: () => undefined };
  let done = false;
  middleware({} as Request, recorder as unknown as Response, () => (done = true));
  if (!done) throw new Error('helmet did not finish synchronously: its headers cannot be read once');
  return headers;
}

/** Pages that only ever load their own files and talk to this origin; `allow` widens script or style sources. */
function headers(allow: { scriptSrc?: string[]; styleSrc?: string[] } = {}): Header[] {
  return headersOf(helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: [SELF],
        scriptSrc: allow.scriptSrc ?? [SELF],
        styleSrc: allow.styleSrc ?? [SELF],
        imgSrc: [SELF, 'data:', 'blob:'],
        connectSrc: [SELF],
        fontSrc: [SELF, 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: [SELF],
        formAction: [SELF],
        // Many sites serve plain HTTP on their LAN: upgrading would break every page there.
        upgradeInsecureRequests: null,
      },
    },
    hsts: { maxAge: 15_552_000, includeSubDomains: false },
    // Photos and QR codes are shown by the H5 pages and mini-programs of other origins.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  }));
}

const strict = headers();
/** Swagger UI runs an inline initialiser and inline styles: allowed under /docs only. */
const DOCS = /^\/docs(\/|$)/;
const docs = headers({ scriptSrc: [SELF, INLINE], styleSrc: [SELF, INLINE] });
/** The console's components (antd) write their styles at run time: inline styles allowed under /console only. */
const CONSOLE = /^\/console(\/|$)/;
const consolePages = headers({ styleSrc: [SELF, INLINE] });

/**
 * Security headers on every answer (helmet), and `Cache-Control: no-store` on every answer but
 * the static files: API answers carry tokens and personal data that no cache may keep.
 */
export function securityHeaders(staticPrefix: string): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    if (!request.path.startsWith(`${staticPrefix}/`)) response.setHeader('cache-control', 'no-store');
    for (const [name, value] of DOCS.test(request.path) ? docs : CONSOLE.test(request.path) ? consolePages : strict) response.setHeader(name, value);
    next();
  };
}
