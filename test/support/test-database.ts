import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { DatabaseConfig } from '../../src/config/database.config';
import { buildDataSourceOptions } from '../../src/database/data-source.options';
import { openDataSource } from '../../src/database/database.module';

export interface TestDatabase {
  options: DataSourceOptions;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** A migrated SQLite database in a scratch directory, the way the app opens it. */
export async function openTestDatabase(): Promise<TestDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'facegate-db-'));
  const options = buildDataSourceOptions(Object.assign(new DatabaseConfig(), { path: join(dir, 'test.sqlite') }));
  const dataSource = await openDataSource(options);
  return {
    options,
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
