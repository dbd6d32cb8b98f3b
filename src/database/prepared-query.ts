import { DataSource, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { DateUtils } from 'typeorm/util/DateUtils';

/**
 * A statement for a hot path, written once in SQL with `:name` parameters and run many times,
 * without the QueryBuilder's per-call work. Parameters are converted as TypeORM would convert
 * them for the driver (dates and booleans for SQLite).
 */
export class PreparedSql {
  private readonly sql: string;
  private readonly parameterNames: string[] = [];
  private readonly sqlite: boolean;

  constructor(
    protected readonly dataSource: DataSource,
    sql: string,
  ) {
    this.sqlite = dataSource.options.type === 'better-sqlite3';
    this.sql = sql.replace(/(?<![:\w]):([A-Za-z]\w*)/g, (_, name: string) => {
      this.parameterNames.push(name);
      return dataSource.driver.createParameter(name, this.parameterNames.length - 1);
    });
  }

  /** Runs the statement; resolves with the number of rows it changed. */
  async execute(parameters: Record<string, unknown> = {}, manager?: EntityManager): Promise<number> {
    const runner = manager?.queryRunner ?? this.dataSource.createQueryRunner();
    try {
      return (await runner.query(this.sql, this.values(parameters), true)).affected ?? 0;
    } finally {
      if (!manager?.queryRunner) await runner.release();
    }
  }

  /** The first column of the first row as a number, for COUNT and SUM queries. */
  async number(parameters: Record<string, unknown> = {}, manager?: EntityManager): Promise<number> {
    const [row] = await this.rows(parameters, manager);
    return Number(row ? Object.values(row)[0] : 0);
  }

  rows(parameters: Record<string, unknown>, manager?: EntityManager): Promise<Record<string, unknown>[]> {
    return (manager ?? this.dataSource.manager).query(this.sql, this.values(parameters));
  }

  private values(parameters: Record<string, unknown>): unknown[] {
    return this.parameterNames.map((name) => {
      const value = parameters[name];
      if (!this.sqlite) return value;
      if (value instanceof Date) return DateUtils.mixedDateToUtcDatetimeString(value);
      if (typeof value === 'boolean') return value ? 1 : 0;
      return value;
    });
  }
}

/**
 * A prepared SELECT whose rows are hydrated column by column by the driver, so dates and booleans
 * come back as they do from repositories, on SQLite and SQL Server alike.
 */
export class PreparedQuery<T extends ObjectLiteral> extends PreparedSql {
  private readonly metadata: EntityMetadata;

  constructor(dataSource: DataSource, entity: EntityTarget<T>, sql: string) {
    super(dataSource, sql);
    this.metadata = dataSource.getMetadata(entity);
  }

  async many(parameters: Record<string, unknown> = {}, manager?: EntityManager): Promise<T[]> {
    return (await this.rows(parameters, manager)).map((row) => this.hydrate(row));
  }

  async one(parameters: Record<string, unknown> = {}, manager?: EntityManager): Promise<T | null> {
    return (await this.many(parameters, manager))[0] ?? null;
  }

  private hydrate(row: Record<string, unknown>): T {
    const entity = this.metadata.create() as T;
    for (const column of this.metadata.columns) {
      if (column.databaseName in row) {
        (entity as ObjectLiteral)[column.propertyName] = this.dataSource.driver.prepareHydratedValue(row[column.databaseName], column);
      }
    }
    return entity;
  }
}

/** `LIMIT`/`OFFSET` in the syntax of the driver; the query must have an ORDER BY. */
export function pagingClause(dataSource: DataSource): string {
  return dataSource.options.type === 'mssql' ? 'OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY' : 'LIMIT :limit OFFSET :offset';
}
