import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from '../../src/app.entities';
import { SnakeNamingStrategy } from '../../src/database/snake-naming.strategy';

/**
 * The SQL Server DDL TypeORM would create for every entity, rendered without a server:
 * metadata is built without connecting, and the schema builder runs against a query runner
 * that reports an empty database.
 */
export async function renderMssqlDdl(): Promise<string> {
  const options: DataSourceOptions = {
    type: 'mssql',
    host: 'localhost',
    database: 'facegate',
    entities: ENTITIES,
    namingStrategy: new SnakeNamingStrategy(),
  };
  const dataSource = new DataSource(options);
  await (dataSource as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
  const originalCreate = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = () => {
    const runner = originalCreate();
    runner.query = (async () => []) as unknown as typeof runner.query;
    runner.release = async () => undefined;
    (runner as unknown as { getCurrentDatabase(): Promise<string> }).getCurrentDatabase = async () => 'facegate';
    (runner as unknown as { getCurrentSchema(): Promise<string> }).getCurrentSchema = async () => 'dbo';
    return runner;
  };
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => `${q.query};`).join('\n');
}
