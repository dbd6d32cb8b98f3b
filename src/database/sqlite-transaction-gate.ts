import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, QueryRunner } from 'typeorm';

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
  const owners = new AsyncLocalStorage<symbol>();
  let open: { owner: symbol; closed: Promise<void> } | null = null;
  /** Statements of flows outside any transaction that are under way, and who waits for them to end. */
  let outside = 0;
  const quiet: (() => void)[] = [];

  // Each check is made again, synchronously, after every wait: between an `await` and the next
  // statement another flow may have opened a transaction.
  const othersOpen = () => open !== null && owners.getStore() !== open.owner;

  const runner: QueryRunner = dataSource.createQueryRunner();
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  runner.query = (async (...args: unknown[]) => {
    while (othersOpen()) await open!.closed;
    if (open) return query(...args);
    outside += 1;
    try {
      return await query(...args);
    } finally {
      outside -= 1;
      if (outside === 0) for (const wake of quiet.splice(0)) wake();
    }
  }) as QueryRunner['query'];

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
