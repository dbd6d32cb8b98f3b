import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { DatabaseConfig } from '../config/database.config';
import { sqlServerConnection } from './data-source.options';

/** `alone`: no other instance may use the database. `cluster`: instances of a cluster may share it, an instance alone may not. */
export type Sharing = 'alone' | 'cluster';

/** The lock's name on a server database (an application lock; an advisory lock key on PostgreSQL). */
const RESOURCE = 'facegate-instance';
const POSTGRES_KEY = 0x46474931;
/** Held while one instance brings the schema up to date. */
const MIGRATION_RESOURCE = 'facegate-migrations';
const POSTGRES_MIGRATION_KEY = 0x46474d31;
/** How long an instance waits for another one's migrations. */
const MIGRATION_WAIT_MS = 5 * 60_000;

/** What a dialect's lock can do: let go, and run work while no other instance migrates. */
interface Held {
  release(): Promise<void>;
  serialize<T>(work: () => Promise<T>): Promise<T>;
}

/** Another instance uses the database in a way this one cannot share. */
export class InstanceLockRefused extends Error {
  constructor(sharing: Sharing, where: string) {
    super(
      sharing === 'alone'
        ? `another FaceGate instance is running on ${where}: run one instance at a time, or give every instance the same REDIS_URL to run them as a cluster`
        : `a FaceGate instance without REDIS_URL is running on ${where}: stop it, or give it the cluster's REDIS_URL too`,
    );
  }
}

/**
 * Says to the database which instances use it, for as long as this process lives: an instance
 * alone holds the lock exclusively, the instances of a cluster hold it shared. The database lets
 * go of a dead process's lock by itself (its connection or file handle is gone), so a restart after
 * a crash is never refused. SQLite: an exclusive transaction on a file beside the database.
 * PostgreSQL: an advisory lock. SQL Server: an application lock owned by the session.
 */
@Injectable()
export class InstanceLock implements OnApplicationShutdown {
  private readonly logger = new Logger(InstanceLock.name);

  private constructor(private readonly held: Held) {}

  static async take(db: DatabaseConfig, sharing: Sharing): Promise<InstanceLock> {
    if (db.type === 'postgres') return new InstanceLock(await onPostgres(db, sharing));
    if (db.type === 'mssql') return new InstanceLock(await onSqlServer(db, sharing));
    return new InstanceLock(onSqlite(db));
  }

  /** Runs the migrations (`work`) while no other instance runs them: instances of a cluster start together. */
  whileMigrating<T>(work: () => Promise<T>): Promise<T> {
    return this.held.serialize(work);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.held.release().catch((error: Error) => this.logger.warn(`releasing the instance lock: ${error.message}`));
  }
}

/** An instance alone has nobody to wait for. */
const alone = <T>(work: () => Promise<T>) => work();

function onSqlite(db: DatabaseConfig): Held {
  if (db.path === ':memory:') return { release: async () => undefined, serialize: alone };
  const path = `${resolve(db.path)}.instance`;
  mkdirSync(dirname(path), { recursive: true });
  const file = new Database(path, { timeout: 0 });
  try {
    file.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    file.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') throw new InstanceLockRefused('alone', resolve(db.path));
    throw error;
  }
  return {
    release: async () => {
      file.exec('ROLLBACK');
      file.close();
    },
    serialize: alone,
  };
}

async function onPostgres(db: DatabaseConfig, sharing: Sharing): Promise<Held> {
  const client = new Client({
    host: db.host,
    port: db.serverPort(),
    user: db.username,
    password: db.password,
    database: db.name,
    ssl: db.ssl ? { rejectUnauthorized: !db.trustServerCertificate } : false,
    application_name: 'facegate instance lock',
  });
  await client.connect();
  const lock = sharing === 'alone' ? 'pg_try_advisory_lock' : 'pg_try_advisory_lock_shared';
  const { rows } = await client.query(`SELECT ${lock}($1) AS granted`, [POSTGRES_KEY]);
  if (!rows[0]?.granted) {
    await client.end();
    throw new InstanceLockRefused(sharing, `database ${db.name} at ${db.host}`);
  }
  const logger = new Logger(InstanceLock.name);
  client.on('error', (error) => logger.error(`the database connection holding the instance lock ended (${error.message}): another instance could now start alone on this database`));
  return {
    release: () => client.end(),
    serialize: async (work) => {
      await client.query(`SET statement_timeout = ${MIGRATION_WAIT_MS}`);
      await client.query('SELECT pg_advisory_lock($1)', [POSTGRES_MIGRATION_KEY]);
      try {
        return await work();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [POSTGRES_MIGRATION_KEY]);
      }
    },
  };
}

async function onSqlServer(db: DatabaseConfig, sharing: Sharing): Promise<Held> {
  // A pool of one connection that lives as long as the process: the lock belongs to its session.
  const connection = await new DataSource({ ...sqlServerConnection(db), pool: { min: 1, max: 1, idleTimeoutMillis: 2 ** 31 - 1 } }).initialize();
  if (!(await appLock(connection, RESOURCE, sharing === 'alone' ? 'Exclusive' : 'Shared', 0))) {
    await connection.destroy();
    throw new InstanceLockRefused(sharing, `database ${db.name} at ${db.host}`);
  }
  return {
    release: () => connection.destroy(),
    serialize: async (work) => {
      if (!(await appLock(connection, MIGRATION_RESOURCE, 'Exclusive', MIGRATION_WAIT_MS))) throw new Error(`another instance has been migrating the database for ${MIGRATION_WAIT_MS / 60_000} minutes`);
      try {
        return await work();
      } finally {
        await connection.query(`EXEC sp_releaseapplock @Resource = @0, @LockOwner = 'Session'`, [MIGRATION_RESOURCE]);
      }
    },
  };
}

/** sp_getapplock owned by the session; whether it was granted within `timeoutMs`. */
async function appLock(connection: DataSource, resource: string, mode: 'Exclusive' | 'Shared', timeoutMs: number): Promise<boolean> {
  const [answer] = await connection.query(
    `DECLARE @result int;
     EXEC @result = sp_getapplock @Resource = @0, @LockMode = @1, @LockOwner = 'Session', @LockTimeout = @2;
     SELECT @result AS result`,
    [resource, mode, timeoutMs],
  );
  return Number(answer?.result) >= 0;
}
