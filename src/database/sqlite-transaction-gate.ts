import Database from 'better-sqlite3';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, QueryRunner } from 'typeorm';

/** The gate of a gated SQLite data source: run a statement on its connection under the gate's rules. */
export interface SqliteGate {
  run<T>(work: () => T | Promise<T>): Promise<T>;
  connection: Database.Database;
}

const gates = new WeakMap<DataSource, SqliteGate>();

/** The gate of this data source (SQLite only, once gateSqliteTransactions ran). */
export function sqliteGateOf(dataSource: DataSource): SqliteGate | undefined {
  return gates.get(dataSource);
}

/**
 * TypeORM's better-sqlite3 driver has one connection and one query runner for everyone. While an
 * async transaction is open, every query another flow sends would run inside it (and be undone by
 * its rollback), and another transaction would become a savepoint within it. The gate gives an
 * open transaction the connection to itself: queries and transactions of other flows wait until
 * it commits or rolls back. save() and remove() open a transaction of their own on that connection,
 * so outside a transaction they run in a gated one. (SQL Server has a connection pool; it needs no gate.)
 */
export function gateSqliteTransactions(dataSource: DataSource): void {
  if (dataSource.options.type !== 'better-sqlite3') return;
  const databaseConnection = (dataSource.driver as unknown as { databaseConnection: Database.Database }).databaseConnection;
  const owners = new AsyncLocalStorage<symbol>();
  let open: { owner: symbol; closed: Promise<void> } | null = null;
  /** Statements of flows outside any transaction that are under way, and who waits for them to end. */
  let outside = 0;
  const quiet: (() => void)[] = [];

  // Each check is made again, synchronously, after every wait: between an `await` and the next
  // statement another flow may have opened a transaction.
  const othersOpen = () => open !== null && owners.getStore() !== open.owner;

  /** Runs one statement when no other flow's transaction holds the connection. */
  const gated = async <T>(work: () => T | Promise<T>): Promise<T> => {
    while (othersOpen()) await open!.closed;
    if (open) return work();
    outside += 1;
    try {
      return await work();
    } finally {
      outside -= 1;
      if (outside === 0) for (const wake of quiet.splice(0)) wake();
    }
  };
  gates.set(dataSource, { run: gated, connection: databaseConnection });

  const runner: QueryRunner = dataSource.createQueryRunner();
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  runner.query = ((...args: unknown[]) => gated(() => query(...args))) as QueryRunner['query'];

  const manager = dataSource.manager;
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  manager.transaction = (async (...args: unknown[]) => {
    if (open && owners.getStore() === open.owner) return transaction(...args);
    while (othersOpen()) await open!.closed;
    const owner = Symbol('transaction');
    let close!: () => void;
    open = { owner, closed: new Promise<void>((resolve) => (close = resolve)) };
    try {
      // Statements already sent by other flows finish before this transaction begins.
      while (outside > 0) await new Promise<void>((resolve) => quiet.push(resolve));
      return await owners.run(owner, () => transaction(...args));
    } finally {
      open = null;
      close();
    }
  }) as typeof manager.transaction;

  for (const method of ['save', 'remove', 'softRemove', 'recover'] as const) {
    const original = manager[method].bind(manager) as (...args: unknown[]) => Promise<unknown>;
    manager[method] = ((...args: unknown[]) =>
      open && owners.getStore() === open.owner
        ? original(...args)
        : manager.transaction((inner) => (inner[method] as (...args: unknown[]) => Promise<unknown>)(...args))) as never;
  }
}
