import type Database from 'better-sqlite3';
import { DataSource, QueryRunner } from 'typeorm';
import { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import { BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver';
import { BetterSqlite3QueryRunner } from 'typeorm/driver/better-sqlite3/BetterSqlite3QueryRunner';
import { SqliteConnectionGate } from './sqlite-connection-gate';

/** Every statement passes the gate; a transaction may only be opened by whoever holds it (a unit of work). */
class GatedSqliteQueryRunner extends BetterSqlite3QueryRunner {
  constructor(
    driver: GatedSqliteDriver,
    private readonly gate: SqliteConnectionGate,
  ) {
    super(driver);
  }

  override query(query: string, parameters?: unknown[], useStructuredResult?: boolean): Promise<any> {
    return this.gate.statement(() => super.query(query, parameters, useStructuredResult));
  }

  override startTransaction(isolationLevel?: IsolationLevel): Promise<void> {
    if ((this.driver as GatedSqliteDriver).guarded && !this.gate.heldByCaller()) {
      throw new Error(
        'A transaction on SQLite is opened by UnitOfWork.run(); outside one, write single statements (insert, update, delete, or save/remove with { transaction: false })',
      );
    }
    return super.startTransaction(isolationLevel);
  }
}

/** TypeORM's better-sqlite3 driver whose one query runner passes the connection's gate. */
export class GatedSqliteDriver extends BetterSqlite3Driver {
  readonly gate = new SqliteConnectionGate();
  /** Off while the data source starts (migrations open their own transactions), on once it is handed out. */
  guarded = false;

  override createQueryRunner(): QueryRunner {
    return (this.queryRunner ??= new GatedSqliteQueryRunner(this, this.gate));
  }
}

/** A data source built on the gated driver when it is SQLite; left as it is otherwise. Call before initialize(). */
export function gateSqlite(dataSource: DataSource): DataSource {
  if (dataSource.options.type === 'better-sqlite3') Object.assign(dataSource, { driver: new GatedSqliteDriver(dataSource) });
  return dataSource;
}

/** The gate and connection of a gated SQLite data source, for statements run on the connection directly. */
export interface GatedSqliteConnection {
  gate: SqliteConnectionGate;
  connection: Database.Database;
}

export function sqliteGateOf(dataSource: DataSource): GatedSqliteConnection | undefined {
  const driver = dataSource.driver;
  return driver instanceof GatedSqliteDriver ? { gate: driver.gate, connection: driver.databaseConnection } : undefined;
}
