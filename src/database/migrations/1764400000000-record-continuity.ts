import { MigrationInterface, QueryRunner } from 'typeorm';

const LOSS_INDEX = 'CREATE INDEX "IX_record_loss_terminal" ON "record_loss" ("terminal_id", "id")';

export const MSSQL_CHANGES = [
  `CREATE TABLE "record_cursor" ("terminal_id" int NOT NULL, "record_id" int NOT NULL, "signed_at" datetime NOT NULL, "lost" int NOT NULL, "updated_at" datetime NOT NULL, CONSTRAINT "PK_record_cursor" PRIMARY KEY ("terminal_id"))`,
  `CREATE TABLE "record_loss" ("id" int NOT NULL IDENTITY(1,1), "terminal_id" int NOT NULL, "first_record_id" int NOT NULL, "last_record_id" int NOT NULL, "previous_signed_at" datetime NOT NULL, "next_signed_at" datetime NOT NULL, "reason" nvarchar(300) NOT NULL, "detected_at" datetime NOT NULL, CONSTRAINT "PK_record_loss" PRIMARY KEY ("id"))`,
  LOSS_INDEX,
];

const SQLITE_CHANGES = [
  `CREATE TABLE "record_cursor" ("terminal_id" integer PRIMARY KEY NOT NULL, "record_id" integer NOT NULL, "signed_at" datetime NOT NULL, "lost" integer NOT NULL, "updated_at" datetime NOT NULL)`,
  `CREATE TABLE "record_loss" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "terminal_id" integer NOT NULL, "first_record_id" integer NOT NULL, "last_record_id" integer NOT NULL, "previous_signed_at" datetime NOT NULL, "next_signed_at" datetime NOT NULL, "reason" varchar(300) NOT NULL, "detected_at" datetime NOT NULL)`,
  LOSS_INDEX,
];

/**
 * Backfill by record id instead of by time: per terminal, the id up to which its records are
 * complete, and the ranges declared lost. Existing terminals start without a cursor; their next
 * backfill reads from when they were registered, stores only what is missing, and sets it.
 */
export class RecordContinuity1764400000000 implements MigrationInterface {
  name = 'RecordContinuity1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of runner.connection.options.type === 'better-sqlite3' ? SQLITE_CHANGES : MSSQL_CHANGES) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE "record_loss"');
    await runner.query('DROP TABLE "record_cursor"');
  }
}
