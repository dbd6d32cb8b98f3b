import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * TypeORM's better-sqlite3 driver has one connection for everyone. While a unit of work's
 * transaction is open on it, a statement another flow sends would run inside it (and be undone by
 * its rollback), and another transaction would become a savepoint within it. The gate gives an
 * open transaction the connection to itself: statements and transactions of other flows wait until
 * it commits or rolls back, and a transaction begins only once the statements already sent by
 * others have ended. (A server database has a pool of connections; it needs no gate.)
 */
export class SqliteConnectionGate {
  private readonly owners = new AsyncLocalStorage<symbol>();
  private open: { owner: symbol; closed: Promise<void> } | null = null;
  /** Statements of flows outside any transaction that are under way, and who waits for them to end. */
  private outside = 0;
  private readonly quiet: (() => void)[] = [];

  /** Whether the calling flow holds the connection. */
  heldByCaller(): boolean {
    return this.open !== null && this.owners.getStore() === this.open.owner;
  }

  /** Runs one statement when no other flow's transaction holds the connection. */
  async statement<T>(work: () => T | Promise<T>): Promise<T> {
    // Each check is made again, synchronously, after every wait: between an `await` and the next
    // statement another flow may have opened a transaction.
    while (this.othersOpen()) await this.open!.closed;
    if (this.open) return work();
    this.outside += 1;
    try {
      return await work();
    } finally {
      this.outside -= 1;
      if (this.outside === 0) for (const wake of this.quiet.splice(0)) wake();
    }
  }

  /** Gives `work` (a transaction, or maintenance that opens its own) the connection to itself; it and everything it calls are the owner. */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    while (this.othersOpen()) await this.open!.closed;
    const owner = Symbol('transaction');
    let close!: () => void;
    this.open = { owner, closed: new Promise<void>((resolve) => (close = resolve)) };
    try {
      while (this.outside > 0) await new Promise<void>((resolve) => this.quiet.push(resolve));
      return await this.owners.run(owner, work);
    } finally {
      this.open = null;
      close();
    }
  }

  private othersOpen(): boolean {
    return this.open !== null && this.owners.getStore() !== this.open.owner;
  }
}
