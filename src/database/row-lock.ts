import { DataSource } from 'typeorm';

/**
 * The lock for rows read in a transaction to be changed by it: held until it ends on a server
 * database, where transactions run READ COMMITTED side by side and two of them would both see
 * the row as it was. SQLite runs one transaction at a time (and has no row locks).
 */
export function forUpdate(dataSource: DataSource): { mode: 'pessimistic_write' } | undefined {
  return dataSource.options.type === 'better-sqlite3' ? undefined : { mode: 'pessimistic_write' };
}
