import { ObjectLiteral } from 'typeorm';
import { PreparedQuery } from './prepared-query';

/**
 * A deep page read from the other end of the order when that end is nearer: the same rows are
 * `limit` rows after `offset` in the opposite order, so a page near the end of 100,000 rows walks a
 * few thousand index entries instead of nearly all of them. Null when the near end is nearer.
 */
export function farEndPage(offset: number, limit: number, total: number): { offset: number; limit: number } | null {
  const farOffset = Math.max(0, total - offset - limit);
  return farOffset < offset ? { offset: farOffset, limit: Math.min(limit, total - offset) } : null;
}

/** From this offset on, rows are fetched after the index walk (a deep page would otherwise read every skipped row). */
export const DEEP_OFFSET = 200;

interface PageQueries<T extends ObjectLiteral> {
  items: PreparedQuery<T>;
  /** The ids of the page first, then their rows. */
  deepItems: PreparedQuery<T>;
  /** The same in the opposite order (see farEndPage); none when deepItems costs the same at any depth. */
  farItems?: PreparedQuery<T>;
}

/** The rows of a page of `total`: none past the end, from the far end when it is nearer, else from the near end. */
export function readPage<T extends ObjectLiteral>(queries: PageQueries<T>, parameters: { offset: number; limit: number }, total: number): Promise<T[]> {
  if (parameters.offset >= total) return Promise.resolve([]);
  if (parameters.offset < DEEP_OFFSET) return queries.items.many(parameters);
  const far = farEndPage(parameters.offset, parameters.limit, total);
  if (far && queries.farItems) return queries.farItems.many({ ...parameters, ...far });
  return queries.deepItems.many(parameters);
}
