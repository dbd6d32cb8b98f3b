import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager } from 'typeorm';
import { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import { sqliteGateOf } from './gated-sqlite.driver';

/** The unit of work a flow is in; work it spawned (a timer, an event listener) may outlive it, hence `open`. */
const current = new AsyncLocalStorage<{ dataSource: DataSource; manager: EntityManager; open: boolean }>();

/**
 * The one way to open a transaction. On a server database it runs at the isolation asked for, or
 * the database's default, READ COMMITTED on PostgreSQL and SQL Server (the changes that depend on
 * what they read lock it, see row-lock.ts);
 * on SQLite, which runs one transaction at a time on one connection, it holds the connection's gate.
 * A unit of work started inside another joins it: the outer one commits or rolls back both.
 */
@Injectable()
export class UnitOfWork {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>, isolation?: IsolationLevel): Promise<T> {
    const outer = this.enclosing();
    if (outer) return work(outer);
    const inside = async (manager: EntityManager) => {
      const unit = { dataSource: this.dataSource, manager, open: true };
      try {
        return await current.run(unit, () => work(manager));
      } finally {
        unit.open = false;
      }
    };
    const sqlite = sqliteGateOf(this.dataSource);
    if (sqlite) return sqlite.gate.hold(() => this.dataSource.transaction(inside));
    // The default needs no SET TRANSACTION: one round trip less on every unit of work.
    return isolation ? this.dataSource.transaction(isolation, inside) : this.dataSource.transaction(inside);
  }

  /** The manager of the unit of work the caller is in, or the data source's own for a single statement outside one. */
  manager(): EntityManager {
    return this.enclosing() ?? this.dataSource.manager;
  }

  private enclosing(): EntityManager | undefined {
    const unit = current.getStore();
    return unit?.open && unit.dataSource === this.dataSource ? unit.manager : undefined;
  }

  /** Work that opens transactions of its own (migrations run by hand): on SQLite, with the connection to itself. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const sqlite = sqliteGateOf(this.dataSource);
    return sqlite ? sqlite.gate.hold(work) : work();
  }
}

/**
 * Options of a save() or remove() of one entity outside a unit of work: its statement alone,
 * without the transaction TypeORM would open around it (on SQLite only a unit of work opens one).
 */
export const SINGLE_STATEMENT = { transaction: false } as const;
