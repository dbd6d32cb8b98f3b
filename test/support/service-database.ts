import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';
import { ENTITIES } from '../../src/app.entities';
import { readConfig } from '../../src/config/config-loader';
import { DatabaseConfig } from '../../src/config/database.config';
import { buildDataSourceOptions } from '../../src/database/data-source.options';
import { databaseEnv } from './test-database-server';

/**
 * The database of a service or bench whose SQLite file would be `dbPath` (on PostgreSQL, under
 * FACEGATE_TEST_DB=postgres, the database of its directory), opened from outside the service,
 * with every migration run.
 */
export async function openServiceDatabase(dbPath: string): Promise<DataSource> {
  mkdirSync(dirname(dbPath), { recursive: true });
  const config = readConfig(DatabaseConfig, await databaseEnv(dirname(dbPath), dbPath)).value;
  return new DataSource(buildDataSourceOptions(config, ENTITIES)).initialize();
}
