/** SQL Server takes at most 2100 parameters per statement: `IN (...)` lists are cut to this many. */
const IN_LIST_LIMIT = 1000;

/** `values` in slices short enough for one `IN (...)` list on both drivers. */
export function inListChunks<T>(values: T[]): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < values.length; i += IN_LIST_LIMIT) chunks.push(values.slice(i, i + IN_LIST_LIMIT));
  return chunks;
}
