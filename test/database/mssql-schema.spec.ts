import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderMssqlDdl } from '../support/schema-ddl';
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

const SNAPSHOT = join(__dirname, 'mssql-schema.sql');
const ADD_COLUMN = /^ALTER TABLE "(\w+)" ADD (".+)$/;

/** The schema as the migrations leave it: SQL Server appends an added column after the others. */
function migrated(creates: string[], changes: string[]): string[] {
  return changes.reduce((tables, change) => {
    if (change.startsWith('CREATE ')) return [...tables, change];
    const [, table, column] = ADD_COLUMN.exec(change) ?? [];
    if (!table) throw new Error(`cannot model ${change}`);
    return tables.map((create) =>
      create.startsWith(`CREATE TABLE "${table}" `) ? create.replace(`, CONSTRAINT "PK_${table}"`, `, ${column}, CONSTRAINT "PK_${table}"`) : create,
    );
  }, creates);
}

/**
 * The SQL Server schema cannot be created here (no server), so the DDL TypeORM renders for it is
 * pinned in a committed file: any change to the production schema shows up in review.
 * Regenerate with UPDATE_DDL_SNAPSHOT=1 after a deliberate change (and add a migration).
 */
describe('SQL Server schema', () => {
  it('matches the committed DDL snapshot', async () => {
    const ddl = `${await renderMssqlDdl()}\n`;
    if (process.env.UPDATE_DDL_SNAPSHOT === '1') writeFileSync(SNAPSHOT, ddl);
    expect(ddl).toBe(readFileSync(SNAPSHOT, 'utf8'));
  });

  it('is what the SQL Server migrations create', async () => {
    const fromEntities = (await renderMssqlDdl()).split('\n').map((line) => line.replace(/ ?;$/, '').trim());
    const fromMigrations = migrated([...INITIAL, ...DEVICE_GATEWAY, ...VISITOR_APPOINTMENT], [...NOTIFICATION_LOOKUPS, ...RECORD_CONTINUITY, ...NOTIFICATION_CLAIMS, ...HOTEL_API, ...FACE_ENGINE, ...VISITOR_HARDENING, ...AUDIT_LOG, ...STAFF_ROLES, ...TERMINAL_CREDENTIALS, ...VISIT_END_TIME]).map((statement) => statement.trim());
    expect(fromMigrations.sort()).toEqual(fromEntities.sort());
  });
});
