import { DataSource } from 'typeorm';
import { ENTITIES } from '../../src/app.entities';
import { SnakeNamingStrategy } from '../../src/database/snake-naming.strategy';

/** What a captured count answers: enough rows for deep pages and pages read from the far end. */
export const CAPTURED_TOTAL = 100_000;

/**
 * A SQL Server data source that never connects: its metadata is built, and every statement the
 * application sends is recorded (and answered with no rows, or a total of CAPTURED_TOTAL for a
 * count, so that paging sends every statement it has), to be checked without a server.
 */
export async function capturingMssql(): Promise<{ dataSource: DataSource; statements: string[] }> {
  const dataSource = new DataSource({ type: 'mssql', host: 'localhost', database: 'facegate', entities: ENTITIES, namingStrategy: new SnakeNamingStrategy() });
  await (dataSource as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
  const statements: string[] = [];
  const original = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = () => {
    const runner = original();
    runner.query = (async (sql: string, _parameters?: unknown[], structured?: boolean) => {
      statements.push(sql);
      const rows = /^SELECT (COUNT\(\*\)|COALESCE\(SUM)/.test(sql) ? [{ total: CAPTURED_TOTAL }] : [];
      return structured ? { records: rows, affected: 0 } : rows;
    }) as typeof runner.query;
    runner.release = async () => undefined;
    return runner;
  };
  Object.defineProperty(dataSource, 'isInitialized', { value: true });
  return { dataSource, statements };
}
