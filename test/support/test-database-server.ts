import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { Client } from 'pg';

/** Which database the tests (or benches) of this run use: `FACEGATE_TEST_DB=postgres`, or the embedded SQLite. */
export function onPostgres(): boolean {
  return process.env.FACEGATE_TEST_DB === 'postgres';
}

/** The PostgreSQL server the tests use (the machine's own unless PG* variables say otherwise). */
const SERVER = {
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 5432),
  user: process.env.PGUSER ?? 'postgres',
  password: process.env.PGPASSWORD,
};

async function onServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ ...SERVER, database: 'postgres', connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`FACEGATE_TEST_DB=postgres but no PostgreSQL answers on ${SERVER.host}:${SERVER.port} (${(error as Error).message})`);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The environment that points the app at a database, by the scratch directory it belongs to. */
const databases = new Map<string, string>();

/**
 * The database variables of a test app or service living in `dir`: its SQLite file there, or on
 * PostgreSQL a fresh database of its own, created on first use and kept for restarts in that dir.
 */
export async function databaseEnv(dir: string, sqlitePath: string): Promise<Record<string, string>> {
  if (!onPostgres()) return { DB_PATH: sqlitePath };
  let name = databases.get(dir);
  if (!name) {
    // The run's id first (test/support/postgres-databases.js drops a run's databases by it).
    name = `facegate_test_${process.env.FACEGATE_TEST_RUN ?? process.pid}_${process.pid}_${randomBytes(4).toString('hex')}`;
    const created = name;
    await onServer((client) => client.query(`CREATE DATABASE "${created}"`));
    databases.set(dir, name);
  }
  return {
    DB_TYPE: 'postgres',
    DB_HOST: SERVER.host,
    DB_PORT: String(SERVER.port),
    DB_USERNAME: SERVER.user,
    ...(SERVER.password ? { DB_PASSWORD: SERVER.password } : {}),
    DB_NAME: name,
  };
}

/** Drops the PostgreSQL database of `dir`, if it has one (connections still open are ended). */
export async function dropDatabase(dir: string): Promise<void> {
  const name = databases.get(dir);
  if (!name) return;
  databases.delete(dir);
  await onServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** Removes a test's scratch directory and its PostgreSQL database. */
export async function removeTestDir(dir: string): Promise<void> {
  await dropDatabase(dir);
  await rm(dir, { recursive: true, force: true });
}
