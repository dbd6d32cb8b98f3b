import { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit log: append-only, which the database itself enforces. */
export const MSSQL_TABLES = [
  `CREATE TABLE "audit_log" ("id" int NOT NULL IDENTITY(1,1), "at" datetime NOT NULL, "actor" nvarchar(100) NOT NULL, "action" nvarchar(200) NOT NULL, "target" nvarchar(200), "outcome" nvarchar(300) NOT NULL, "address" nvarchar(64) NOT NULL, CONSTRAINT "PK_audit_log" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_audit_log_actor" ON "audit_log" ("actor", "id")`,
  `CREATE INDEX "IX_audit_log_at" ON "audit_log" ("at", "id")`,
];
const MSSQL_APPEND_ONLY = [
  `CREATE TRIGGER "audit_log_append_only" ON "audit_log" INSTEAD OF UPDATE, DELETE AS
BEGIN
  THROW 51000, 'the audit log is append-only', 1;
END`,
];

const SQLITE_TABLES = [
  `CREATE TABLE "audit_log" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "at" datetime NOT NULL, "actor" varchar(100) NOT NULL, "action" varchar(200) NOT NULL, "target" varchar(200), "outcome" varchar(300) NOT NULL, "address" varchar(64) NOT NULL)`,
  `CREATE INDEX "IX_audit_log_actor" ON "audit_log" ("actor", "id")`,
  `CREATE INDEX "IX_audit_log_at" ON "audit_log" ("at", "id")`,
  `CREATE TRIGGER "audit_log_no_update" BEFORE UPDATE ON "audit_log" BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END`,
  `CREATE TRIGGER "audit_log_no_delete" BEFORE DELETE ON "audit_log" BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END`,
];

export class AuditLog1764900000000 implements MigrationInterface {
  name = 'AuditLog1764900000000';

  async up(runner: QueryRunner): Promise<void> {
    const sqlite = runner.connection.options.type === 'better-sqlite3';
    for (const statement of sqlite ? SQLITE_TABLES : [...MSSQL_TABLES, ...MSSQL_APPEND_ONLY]) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE "audit_log"');
  }
}
