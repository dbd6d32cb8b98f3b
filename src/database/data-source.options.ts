import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { DatabaseConfig } from '../config/database.config';
import { MIGRATIONS, POSTGRES_MIGRATIONS } from './migrations';
import { postgresTypes } from './postgres-types';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** How long a PostgreSQL connection or statement may take before it fails (and the pool's size). */
export const POSTGRES_TIMEOUTS = { connectMs: 5_000, queryMs: 15_000, poolSize: 10 };

/** Where and how to reach SQL Server, for the app's data source and for the instance lock's connection. */
export function sqlServerConnection(db: DatabaseConfig) {
  return {
    type: 'mssql' as const,
    host: db.host,
    port: db.serverPort(),
    username: db.username,
    password: db.password,
    database: db.name,
    options: { encrypt: db.encrypt, trustServerCertificate: db.trustServerCertificate },
  };
}

/** The application's entities, as TypeORM takes them. */
export type Entities = NonNullable<DataSourceOptions['entities']>;

/** The one place that turns DatabaseConfig into TypeORM options, for the app and the CLI alike; the entities are the application's. */
export function buildDataSourceOptions(db: DatabaseConfig, entities: Entities): DataSourceOptions {
  const common = {
    entities,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each' as const,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
  };
  if (db.type === 'postgres') {
    return {
      ...common,
      migrations: POSTGRES_MIGRATIONS,
      type: 'postgres',
      host: db.host,
      port: db.serverPort(),
      username: db.username,
      password: db.password,
      database: db.name,
      ssl: db.ssl ? { rejectUnauthorized: !db.trustServerCertificate } : false,
      connectTimeoutMS: POSTGRES_TIMEOUTS.connectMs,
      extra: {
        max: POSTGRES_TIMEOUTS.poolSize,
        // A statement the server does not answer (a restart, a lost network) fails instead of waiting.
        query_timeout: POSTGRES_TIMEOUTS.queryMs,
        statement_timeout: POSTGRES_TIMEOUTS.queryMs,
        idle_in_transaction_session_timeout: POSTGRES_TIMEOUTS.queryMs,
        application_name: 'facegate',
        ...postgresTypes(),
      },
    };
  }
  if (db.type === 'mssql') {
    return { ...common, ...sqlServerConnection(db) };
  }
  const path = db.path === ':memory:' ? db.path : resolve(db.path);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: path,
    enableWAL: true,
    statementCacheSize: 200,
    prepareDatabase: (connection: { pragma(sql: string): unknown }) => {
      connection.pragma('busy_timeout = 5000');
      // With WAL, NORMAL syncs at checkpoints instead of at every commit: a crash of the process
      // loses nothing; a power cut may lose the last commits, never corrupts the file.
      connection.pragma('synchronous = NORMAL');
      // 32 MB of page cache (the default is 2 MB): deep pages of a 100k-row table stay in memory.
      connection.pragma('cache_size = -32768');
    },
  };
}
