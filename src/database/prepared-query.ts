import { Statement } from 'better-sqlite3';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { DataSource, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral, QueryFailedError, QueryResult } from 'typeorm';
import { DateUtils } from 'typeorm/util/DateUtils';
import { GatedSqliteConnection, sqliteGateOf } from './gated-sqlite.driver';

/** `:true` and `:false`: a PreparedSql supplies them itself; a QueryBuilder statement using them takes these as parameters. */
export const SQL_BOOLEANS: Record<string, boolean | undefined> = { true: true, false: false };

/**
 * A statement for a hot path, written once in SQL with `:name` parameters and run many times,
 * without the QueryBuilder's per-call work. Parameters are converted as TypeORM would convert
 * them for the driver (dates and booleans for SQLite); `:true` and `:false` are the booleans, which
 * each database writes its own way (SQLite and SQL Server 1 and 0, PostgreSQL TRUE and FALSE). On SQLite the statement is prepared once
 * and run on the connection directly, under the transaction gate's rules (no query runner per call).
 */
export class PreparedSql {
  private readonly sql: string;
  private readonly parameterNames: string[] = [];
  private readonly sqlite: boolean;
  private readonly sqliteConnection?: GatedSqliteConnection;
  private statement?: Statement;

  constructor(
    protected readonly dataSource: DataSource,
    sql: string,
  ) {
    this.sqlite = dataSource.options.type === 'better-sqlite3';
    this.sqliteConnection = sqliteGateOf(dataSource);
    this.sql = sql.replace(/(?<![:\w]):([A-Za-z]\w*)/g, (_, name: string) => {
      this.parameterNames.push(name);
      return dataSource.driver.createParameter(name, this.parameterNames.length - 1);
    });
  }

  /** Runs the statement; resolves with the number of rows it changed. */
  async execute(parameters: Record<string, unknown> = {}, manager?: EntityManager): Promise<number> {
    const values = this.values(parameters);
    if (this.sqliteConnection) return this.onSqlite(values, (statement) => statement.run(...values).changes);
    return (await this.onServer(values, manager)).affected ?? 0;
  }

  /** The first column of the first row as a number, for COUNT and SUM queries. */
  async number(parameters: Record<string, unknown> = {}, manager?: EntityManager): Promise<number> {
    const [row] = await this.rows(parameters, manager);
    return Number(row ? Object.values(row)[0] : 0);
  }

  /** The rows it selected, or returned (INSERT or UPDATE with RETURNING / OUTPUT). */
  async rows(parameters: Record<string, unknown>, manager?: EntityManager): Promise<Record<string, unknown>[]> {
    const values = this.values(parameters);
    if (this.sqliteConnection) return this.onSqlite(values, (statement) => (statement.reader ? (statement.all(...values) as Record<string, unknown>[]) : (statement.run(...values), [])));
    return (await this.onServer(values, manager)).records ?? [];
  }

  private values(parameters: Record<string, unknown>): unknown[] {
    return this.parameterNames.map((name) => {
      const value = name in parameters ? parameters[name] : SQL_BOOLEANS[name];
      if (!this.sqlite) return value;
      if (value === undefined) return null;
      if (value instanceof Date) return DateUtils.mixedDateToUtcDatetimeString(value);
      if (typeof value === 'boolean') return value ? 1 : 0;
      return value;
    });
  }

  /**
   * On the caller's connection (in a unit of work) or one from the pool. Structured: the drivers
   * give an UPDATE's returned rows as [rows, count] otherwise.
   */
  private async onServer(values: unknown[], manager: EntityManager | undefined): Promise<QueryResult> {
    const runner = manager?.queryRunner ?? this.dataSource.createQueryRunner();
    try {
      return await runner.query(this.sql, values, true);
    } finally {
      if (!manager?.queryRunner) await runner.release();
    }
  }

  /** Failures look as they do through TypeORM (QueryFailedError around the driver's error). */
  private onSqlite<T>(values: unknown[], work: (statement: Statement) => T): Promise<T> {
    const { gate, connection } = this.sqliteConnection!;
    return gate.statement(() => {
      try {
        this.statement ??= connection.prepare(this.sql);
        return work(this.statement);
      } catch (error) {
        throw new QueryFailedError(this.sql, values, error as Error);
      }
    });
  }
}

/**
 * A prepared SELECT whose rows are hydrated column by column by the driver, so dates and booleans
 * come back as they do from repositories, on SQLite and SQL Server alike.
 */
export class PreparedQuery<T extends ObjectLiteral> extends PreparedSql {
  private readonly metadata: EntityMetadata;
  /** Each column and how its value is read: text as it comes, SQLite's dates parsed by hand, the rest as the driver converts it. */
  private readonly columns: [ColumnMetadata, (value: unknown) => unknown][];

  constructor(dataSource: DataSource, entity: EntityTarget<T>, sql: string) {
    super(dataSource, sql);
    this.metadata = dataSource.getMetadata(entity);
    const sqlite = dataSource.options.type === 'better-sqlite3';
    this.columns = this.metadata.columns.map((column) => {
      const byDriver = (value: unknown) => dataSource.driver.prepareHydratedValue(value, column);
      if (column.transformer) return [column, byDriver];
      if (column.type === String || TEXT_TYPES.has(String(column.type))) return [column, (value) => value];
      if (sqlite && (column.type === Date || column.type === 'datetime')) return [column, (value) => sqliteDate(value) ?? byDriver(value)];
      return [column, byDriver];
    });
  }

  async many(parameters: Record<string, unknown> = {}, manager?: EntityManager): Promise<T[]> {
    return (await this.rows(parameters, manager)).map((row) => this.hydrate(row));
  }

  async one(parameters: Record<string, unknown> = {}, manager?: EntityManager): Promise<T | null> {
    return (await this.many(parameters, manager))[0] ?? null;
  }

  private hydrate(row: Record<string, unknown>): T {
    const entity = this.metadata.create() as ObjectLiteral;
    for (const [column, read] of this.columns) {
      const value = row[column.databaseName];
      if (value === undefined && !(column.databaseName in row)) continue;
      entity[column.propertyName] = read(value);
    }
    return entity as T;
  }
}

/**
 * `YYYY-MM-DD HH:MM:SS.SSS`, as TypeORM writes dates to SQLite (UTC), read without the general date
 * parser (a list of 20 rows has 60 of them); null for anything else, which the driver then reads.
 */
export function sqliteDate(value: unknown): Date | null {
  if (typeof value !== 'string' || value.length !== 23 || value[10] !== ' ' || value[19] !== '.') return null;
  const part = (from: number, to: number) => {
    let number = 0;
    for (let i = from; i < to; i++) {
      const digit = value.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return NaN;
      number = number * 10 + digit;
    }
    return number;
  };
  const time = Date.UTC(part(0, 4), part(5, 7) - 1, part(8, 10), part(11, 13), part(14, 16), part(17, 19), part(20, 23));
  return Number.isNaN(time) ? null : new Date(time);
}

/** A date column of a raw row: the server drivers give a Date, SQLite its UTC text. */
export function rawDate(value: unknown): Date | null {
  return value instanceof Date ? value : sqliteDate(value);
}

/** Column types whose values the drivers hand over as they are. */
const TEXT_TYPES = new Set(['varchar', 'nvarchar', 'text', 'character varying']);

/** `LIMIT`/`OFFSET` in the syntax of the driver; the query must have an ORDER BY. */
export function pagingClause(dataSource: DataSource): string {
  return dataSource.options.type === 'mssql' ? 'OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY' : 'LIMIT :limit OFFSET :offset';
}
