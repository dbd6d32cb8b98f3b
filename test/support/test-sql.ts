import { DataSource, EntityManager } from 'typeorm';

/**
 * Raw SQL in a test (on a data source, or in a transaction's manager), written once for every database: `?` placeholders become the driver's own,
 * booleans are bound as each driver takes them, and booleans read back as 1 and 0 (as SQLite stores them) so a row compares the same everywhere.
 */
export async function sql(target: DataSource | EntityManager, text: string, parameters: unknown[] = []): Promise<any[]> {
  const dataSource = target instanceof EntityManager ? target.connection : target;
  let index = 0;
  const sqlite = dataSource.options.type === 'better-sqlite3';
  const values = parameters.map((value) => (sqlite && typeof value === 'boolean' ? Number(value) : value));
  const rows = await target.query(text.replace(/\?/g, () => dataSource.driver.createParameter(`p${index}`, index++)), values);
  return Array.isArray(rows) ? rows.map((row) => (typeof row === 'object' && row ? Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'boolean' ? Number(value) : value])) : row)) : rows;
}
