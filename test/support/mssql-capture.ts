import { DataSource } from 'typeorm';
import { ENTITIES } from '../../src/database/entities';
import { SnakeNamingStrategy } from '../../src/database/snake-naming.strategy';

/**
 * A SQL Server data source that never connects: its metadata is built, and every statement the
 * application sends is recorded (and answered with no rows), to be checked without a server.
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
      return structured ? { records: [], affected: 0 } : [];
    }) as typeof runner.query;
    runner.release = async () => undefined;
    return runner;
  };
  Object.defineProperty(dataSource, 'isInitialized', { value: true });
  return { dataSource, statements };
}
