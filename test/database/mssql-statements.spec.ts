import { Parser } from 'node-sql-parser';
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
import { FaceRegistrationQuery } from '../../src/face-registry/face-registration.query';
import { VisitRecordQuery } from '../../src/visitor-appointment/visits/visit-record.query';
import { capturingMssql } from '../support/mssql-capture';

const parser = new Parser();
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
 * node-sql-parser's T-SQL grammar lacks two things SQL Server has long accepted: the ESCAPE clause
 * of LIKE (removed before parsing) and parameters in OFFSET ... FETCH (given as numbers instead).
 * Everything else is parsed as sent.
 */
function parses(sql: string): string | null {
  const outsideStrings = sql.replace(/'(?:[^']|'')*'/g, "''");
  const sqlite = NOT_TSQL.find(([pattern]) => pattern.test(outsideStrings));
  if (sqlite) return `${sql}\n  → ${sqlite[1]}`;
  const grammarGaps = sql.replace(/\s+ESCAPE\s+'\\'/g, '').replace(/OFFSET @\d+ ROWS FETCH NEXT @\d+ ROWS ONLY/g, 'OFFSET 0 ROWS FETCH NEXT 20 ROWS ONLY');
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
    ];
    expect(statements.map(parses).filter(Boolean)).toEqual([]);
  });

  it('holds for every filter shape of the two hand-written list queries, with their paging', async () => {
    const { dataSource, statements } = await capturingMssql();
    const registrations = new FaceRegistrationQuery(dataSource);
    for (const filter of [{}, { state: 1 }, { text: '张三' }, { openId: 'o1', state: 0, text: '13800' }]) {
      for (const page of [1, 50]) await registrations.page(filter, { page, size: 20 });
    }
    const visits = new VisitRecordQuery(dataSource);
    for (const filter of [{}, { proposer: '13900000000', name: '张' }, { interviewee: '李', isAuth: true, startsFrom: new Date(), endsBy: new Date() }, { phone: '13900000000', intervieweePhone: '13800000000' }]) {
      for (const page of [1, 50]) await visits.page(filter, { page, size: 5 });
    }
    expect(statements.length).toBeGreaterThan(20);
    expect(statements.some((sql) => /OFFSET @\d+ ROWS FETCH NEXT @\d+ ROWS ONLY/.test(sql))).toBe(true);
    expect([...new Set(statements)].map(parses).filter(Boolean)).toEqual([]);
  });

  it('tells SQLite from T-SQL', () => {
    expect(parses('SELECT a FROM t LIMIT 5')).toContain('LIMIT');
    expect(parses('SELECT a FROM t WHERE b = true')).toContain('boolean literal');
    expect(parses('CREATE TABLE x (a boolean)')).not.toBeNull();
    expect(parses("SELECT a FROM t WHERE b = 'true'")).toBeNull();
  });
});
