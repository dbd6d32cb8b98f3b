import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from '../../src/app.entities';
import { readConfig } from '../../src/config/config-loader';
import { DatabaseConfig } from '../../src/config/database.config';
import { buildDataSourceOptions } from '../../src/database/data-source.options';
import { openDataSource } from '../../src/database/database.module';
import { databaseEnv, removeTestDir } from './test-database-server';

export interface TestDatabase {
  options: DataSourceOptions;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** The database configuration of a test living in `dir` (SQLite there, or a fresh PostgreSQL database). */
export async function testDatabaseConfig(dir: string): Promise<DatabaseConfig> {
  return readConfig(DatabaseConfig, await databaseEnv(dir, join(dir, 'test.sqlite'))).value;
}

/** A migrated database in a scratch directory (or on the test PostgreSQL server), the way the app opens it. */
export async function openTestDatabase(): Promise<TestDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'facegate-db-'));
  const options = buildDataSourceOptions(await testDatabaseConfig(dir), ENTITIES);
  const dataSource = await openDataSource(options);
  return {
    options,
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await removeTestDir(dir);
    },
  };
}
