import Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { Client } from 'pg';
import { databaseEnv, onPostgres } from '../../test/support/test-database-server';

/**
 * Where a bench writes its seed rows, straight into the database the service under test will open
 * (its SQLite file, or with DB_TYPE=postgres its PostgreSQL database), in one transaction. Rows
 * carry their own ids, so children can name their parents; the triggers keep indexes and tallies.
 */
export interface SeedSink {
  add(table: string, row: Record<string, unknown>): Promise<void>;
  /** The first column of the first row of a query with `?` parameters. */
  value(sql: string, parameters: unknown[]): Promise<unknown>;
  /** Commits what was added (and moves PostgreSQL's id sequences past it). */
  finish(): Promise<void>;
}

/** Rows per INSERT on PostgreSQL: far under its 65,535 parameters, large enough to cost little per row. */
const BATCH = 1_000;

class SqliteSink implements SeedSink {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(path: string) {
    this.db = new Database(path);
    this.db.exec('BEGIN');
  }

  async add(table: string, row: Record<string, unknown>): Promise<void> {
    const columns = Object.keys(row);
    const key = `${table}(${columns})`;
    let statement = this.statements.get(key);
    if (!statement) {
      statement = this.db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      this.statements.set(key, statement);
    }
    statement.run(...Object.values(row).map((value) => (typeof value === 'boolean' ? Number(value) : value)));
  }

  async value(sql: string, parameters: unknown[]): Promise<unknown> {
    const row = this.db.prepare(sql).get(...parameters) as Record<string, unknown> | undefined;
    return row && Object.values(row)[0];
  }

  async finish(): Promise<void> {
    this.db.exec('COMMIT');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }
}

class PostgresSink implements SeedSink {
  private readonly pending = new Map<string, { table: string; columns: string[]; rows: unknown[][] }>();
  private readonly tables = new Set<string>();

  constructor(private readonly client: Client) {}

  async add(table: string, row: Record<string, unknown>): Promise<void> {
    const columns = Object.keys(row);
    const key = `${table}(${columns})`;
    const batch = this.pending.get(key) ?? { table, columns, rows: [] };
    this.pending.set(key, batch);
    this.tables.add(table);
    batch.rows.push(Object.values(row));
    if (batch.rows.length >= BATCH) await this.flush(key);
  }

  async value(sql: string, parameters: unknown[]): Promise<unknown> {
    let index = 0;
    const { rows } = await this.client.query(sql.replace(/\?/g, () => `$${++index}`), parameters);
    return rows[0] && Object.values(rows[0])[0];
  }

  async finish(): Promise<void> {
    for (const key of [...this.pending.keys()]) await this.flush(key);
    for (const table of this.tables) await this.client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT MAX(id) FROM ${table}))`);
    await this.client.query('COMMIT');
    await this.client.query('VACUUM ANALYZE');
    // The seed's pages are written out now, not by a checkpoint in the middle of the first round.
    await this.client.query('CHECKPOINT');
    await this.client.end();
  }

  private async flush(key: string): Promise<void> {
    const batch = this.pending.get(key);
    if (!batch || batch.rows.length === 0) return;
    const width = batch.columns.length;
    const values = batch.rows.map((_, r) => `(${batch.columns.map((__, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ');
    await this.client.query(`INSERT INTO ${batch.table} (${batch.columns.join(', ')}) VALUES ${values}`, batch.rows.flat());
    batch.rows = [];
  }
}

/** The sink of the migrated database whose SQLite file would be `dbPath`. */
export async function openSeedSink(dbPath: string): Promise<SeedSink> {
  if (!onPostgres()) return new SqliteSink(dbPath);
  const env = await databaseEnv(dirname(dbPath), dbPath);
  const client = new Client({ host: env.DB_HOST, port: Number(env.DB_PORT), user: env.DB_USERNAME, password: env.DB_PASSWORD, database: env.DB_NAME });
  await client.connect();
  await client.query('BEGIN');
  return new PostgresSink(client);
}
