import { Response } from 'express';

const TITLES: Record<number, string> = { 403: 'Forbidden', 404: 'Not found' };

/** An application/problem+json answer written by middleware that runs before Nest's filters. */
export function problem(response: Response, status: number, detail: string, instance: string): void {
  response.status(status).type('application/problem+json').json({ type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail, instance });
}
