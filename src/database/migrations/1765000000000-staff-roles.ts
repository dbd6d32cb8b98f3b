import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Back-office roles: each account has one (the accounts that exist are administrators), and each
 * session remembers the role it was issued with (the sessions that exist are administrators').
 */
export const MSSQL_CHANGES = [
  `ALTER TABLE "admin_user" ADD "role" nvarchar(20) NOT NULL CONSTRAINT "DF_faa5e69338cb413df6d4e4926b3" DEFAULT 'admin'`,
  'ALTER TABLE "auth_session" ADD "staff_role" nvarchar(20)',
];
const SQLITE_CHANGES = [`ALTER TABLE "admin_user" ADD "role" varchar(20) NOT NULL DEFAULT ('admin')`, 'ALTER TABLE "auth_session" ADD "staff_role" varchar(20)'];

export class StaffRoles1765000000000 implements MigrationInterface {
  name = 'StaffRoles1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of runner.connection.options.type === 'better-sqlite3' ? SQLITE_CHANGES : MSSQL_CHANGES) await runner.query(statement);
    await runner.query(`UPDATE "auth_session" SET "staff_role" = 'admin' WHERE "role" = 'admin'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE "auth_session" DROP COLUMN "staff_role"');
    await runner.query('ALTER TABLE "admin_user" DROP COLUMN "role"');
  }
}
