import { readdirSync, readFileSync } from 'fs';
import { Parser } from 'node-sql-parser';
import { join, relative } from 'path';
import { DataSource, Repository } from 'typeorm';
import { MSSQL_TABLES as INITIAL } from '../../src/database/migrations/1763800000000-initial-schema';
import { MSSQL_TABLES as DEVICE_GATEWAY } from '../../src/database/migrations/1763900000000-device-gateway';
import { MSSQL_TABLES as VISITOR_APPOINTMENT } from '../../src/database/migrations/1764000000000-visitor-appointment';
import { MSSQL_CHANGES as NOTIFICATION_LOOKUPS } from '../../src/database/migrations/1764300000000-notification-lookups';
import { MSSQL_CHANGES as RECORD_CONTINUITY } from '../../src/database/migrations/1764400000000-record-continuity';
import { MSSQL_CHANGES as NOTIFICATION_CLAIMS } from '../../src/database/migrations/1764500000000-notification-claims';
import { MSSQL_TABLES as HOTEL_API } from '../../src/database/migrations/1764600000000-hotel-api';
import { MSSQL_TABLES as FACE_ENGINE } from '../../src/database/migrations/1764700000000-face-engine';
import { MSSQL_CHANGES as VISITOR_HARDENING } from '../../src/database/migrations/1764800000000-visitor-hardening';
import { MSSQL_TABLES as AUDIT_LOG } from '../../src/database/migrations/1764900000000-audit-log';
import { MSSQL_CHANGES as STAFF_ROLES } from '../../src/database/migrations/1765000000000-staff-roles';
import { MSSQL_CHANGES as TERMINAL_CREDENTIALS } from '../../src/database/migrations/1765100000000-terminal-credentials';
import { MSSQL_CHANGES as VISIT_END_TIME } from '../../src/database/migrations/1765200000000-visit-end-time';
import { Metrics } from '../../src/common/metrics/metrics';
import { PreparedSql } from '../../src/database/prepared-query';
import { FaceRegistrationQuery } from '../../src/face-registry/face-registration.query';
import { VisitQuery } from '../../src/visitor-appointment/visits/visit.query';
import { capturingMssql } from '../support/mssql-capture';

const parser = new Parser();
const SRC = join(__dirname, '../../src');
const RAW_SQL = /new Prepared(Sql|Query)\b|dataSource\.query\(/;

/** The list queries build their SQL per filter, so the test of their filter shapes covers them. */
const BUILT_PER_FILTER = ['face-registry/face-registration.query.ts'];

/** Every source file (migrations and list queries aside, checked on their own) that writes SQL by hand. */
function sourcesWithRawSql(): string[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts') && !path.endsWith('.spec.ts') && !path.includes('migrations') && !BUILT_PER_FILTER.includes(path))
    .map((path) => join(SRC, path))
    .filter((path) => RAW_SQL.test(readFileSync(path, 'utf8')) && !path.endsWith('prepared-query.ts'));
}

/** Stands in for every collaborator a constructor takes: any property is another stand-in, never a promise. */
const standIn: unknown = new Proxy(function () {}, {
  get: (_, key) => (key === 'then' ? undefined : standIn),
  apply: () => standIn,
  construct: () => standIn as object,
});

/**
 * Builds every class of the file on the SQL Server data source and collects the SQL it wrote: its
 * prepared statements, and what the gauges it gives /metrics send when read (captured by the data source).
 */
async function rawSqlOf(file: string, dataSource: DataSource): Promise<string[]> {
  const gauges: (() => Promise<unknown>)[] = [];
  const metrics = { gauge: (_name: string, _help: string, _labels: string[], read: () => Promise<unknown>) => gauges.push(read) };
  const repository = new Proxy({ manager: dataSource.manager }, { get: (target, key) => (key in target ? target[key as 'manager'] : standIn) });
  const sql: string[] = [];
  for (const exported of Object.values(require(file) as Record<string, unknown>)) {
    if (typeof exported !== 'function' || !/^class\b/.test(Function.prototype.toString.call(exported))) continue;
    const types: unknown[] = Reflect.getMetadata('design:paramtypes', exported) ?? [];
    const built = new (exported as new (...args: unknown[]) => object)(
      ...types.map((type) => (type === DataSource ? dataSource : type === Metrics ? metrics : type === Repository ? repository : standIn)),
    );
    // A class keeps a statement in a field, or several of one shape in a Map.
    for (const value of Object.values(built).flatMap((field) => (field instanceof Map ? [...field.values()] : [field]))) {
      if (value instanceof PreparedSql) sql.push((value as unknown as { sql: string }).sql);
    }
  }
  for (const read of gauges) await read().catch(() => undefined);
  return sql;
}
/** SQLite (or MySQL) that the T-SQL grammar lets pass but SQL Server refuses. */
const NOT_TSQL: [RegExp, string][] = [
  [/\bLIMIT\b/i, 'LIMIT (SQL Server pages with OFFSET ... FETCH)'],
  [/\b(true|false)\b/i, 'a boolean literal (SQL Server has bit 1/0)'],
  [/\|\|/, '|| (SQL Server concatenates with +)'],
  [/\b(datetime|strftime)\(/i, "SQLite's date functions"],
  [/\bON CONFLICT\b/i, 'ON CONFLICT (SQL Server has MERGE)'],
  [/\bRETURNING\b/i, 'RETURNING (SQL Server has OUTPUT)'],
  [/`/, 'backquoted names'],
  [/\bAUTOINCREMENT\b/i, 'AUTOINCREMENT (SQL Server has IDENTITY)'],
];

/**
 * node-sql-parser's T-SQL grammar lacks four things SQL Server has long accepted: the ESCAPE clause
 * of LIKE and the OUTPUT clause of INSERT (both removed before parsing), a named DEFAULT constraint
 * (parsed unnamed) and parameters in OFFSET ... FETCH (given as numbers instead).
 * Everything else is parsed as sent.
 */
function parses(sql: string): string | null {
  const outsideStrings = sql.replace(/'(?:[^']|'')*'/g, "''");
  const sqlite = NOT_TSQL.find(([pattern]) => pattern.test(outsideStrings));
  if (sqlite) return `${sql}\n  → ${sqlite[1]}`;
  const grammarGaps = sql.replace(/\s+ESCAPE\s+'\\'/g, '').replace(/\s+OUTPUT INSERTED\.\w+(, INSERTED\.\w+)*/g, '').replace(/CONSTRAINT "DF_\w+" DEFAULT/g, 'DEFAULT').replace(/OFFSET @\d+ ROWS FETCH NEXT @\d+ ROWS ONLY/g, 'OFFSET 0 ROWS FETCH NEXT 20 ROWS ONLY');
  try {
    parser.astify(grammarGaps, { database: 'transactsql' });
    return null;
  } catch (error) {
    return `${sql}\n  → ${(error as Error).message.slice(0, 200)}`;
  }
}

describe('the SQL the SQL Server path sends is T-SQL', () => {
  it('holds for every statement of the SQL Server migrations', () => {
    const statements = [
      ...INITIAL,
      ...DEVICE_GATEWAY,
      ...VISITOR_APPOINTMENT,
      ...NOTIFICATION_LOOKUPS,
      ...RECORD_CONTINUITY,
      ...NOTIFICATION_CLAIMS,
      ...HOTEL_API,
      ...FACE_ENGINE,
      ...VISITOR_HARDENING,
      ...AUDIT_LOG,
      ...STAFF_ROLES,
      ...TERMINAL_CREDENTIALS,
      ...VISIT_END_TIME,
    ];
    expect(statements.map(parses).filter(Boolean)).toEqual([]);
  });

  it('holds for every filter shape of the two hand-written list queries, with their paging', async () => {
    const { dataSource, statements } = await capturingMssql();
    const registrations = new FaceRegistrationQuery(dataSource);
    for (const filter of [{}, { state: 1 }, { text: '张三' }, { openId: 'o1', state: 0, text: '13800' }]) {
      for (const page of [1, 50, 4_999]) await registrations.page(filter, { page, size: 20 });
    }
    const visits = new VisitQuery(dataSource);
    for (const filter of [{}, { proposer: '13900000000', name: '张' }, { interviewee: '李', isAuth: true, startsFrom: new Date(), endsBy: new Date() }, { phone: '13900000000', intervieweePhone: '13800000000' }]) {
      for (const page of [1, 50, 19_999]) await visits.page(filter, { page, size: 5 });
    }
    expect(statements.length).toBeGreaterThan(20);
    expect(statements.some((sql) => /OFFSET @\d+ ROWS FETCH NEXT @\d+ ROWS ONLY/.test(sql))).toBe(true);
    expect([...new Set(statements)].map(parses).filter(Boolean)).toEqual([]);
  });

  it('holds for every prepared statement and every raw query written in src/', async () => {
    const { dataSource, statements } = await capturingMssql();
    const contributed = new Map<string, number>();
    for (const file of sourcesWithRawSql()) {
      const before = statements.length;
      for (const sql of await rawSqlOf(file, dataSource)) statements.push(sql);
      contributed.set(relative(SRC, file), statements.length - before);
    }
    expect(contributed.size).toBeGreaterThan(10);
    expect([...contributed].filter(([, count]) => count === 0)).toEqual([]);
    expect([...new Set(statements)].map(parses).filter(Boolean)).toEqual([]);
  });

  it('tells SQLite from T-SQL', () => {
    expect(parses('SELECT a FROM t LIMIT 5')).toContain('LIMIT');
    expect(parses('SELECT a FROM t WHERE b = true')).toContain('boolean literal');
    expect(parses('CREATE TABLE x (a boolean)')).not.toBeNull();
    expect(parses("SELECT a FROM t WHERE b = 'true'")).toBeNull();
  });
});
