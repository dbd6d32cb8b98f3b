import { Request } from 'express';

function field(source: unknown, name: string): string | undefined {
  if (source === null || typeof source !== 'object') return undefined;
  const value = (source as Record<string, unknown>)[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * The access token of a request: `Authorization: Bearer`, else the `accessToken` field of the
 * body or the query string (the face-registration clients send it as a field).
 */
export function extractAccessToken(request: Request): string | null {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (match) return match[1];
  }
  return field(request.body, 'accessToken') ?? field(request.query, 'accessToken') ?? null;
}
