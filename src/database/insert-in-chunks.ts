import { ObjectLiteral, Repository } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** SQL Server takes at most 2100 parameters per statement; a little room is left. */
const MAX_PARAMETERS = 2000;

/** Inserts many rows in as few statements as both drivers accept. */
export async function insertInChunks<T extends ObjectLiteral>(repository: Repository<T>, rows: QueryDeepPartialEntity<T>[]): Promise<void> {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / repository.metadata.columns.length));
  for (let i = 0; i < rows.length; i += perStatement) await repository.insert(rows.slice(i, i + perStatement));
}
