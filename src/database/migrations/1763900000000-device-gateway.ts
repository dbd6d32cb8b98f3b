import { MigrationInterface, QueryRunner } from 'typeorm';

/** The device gateway's tables: terminals, access grants, provisioning tasks, records, reconciliation runs. */
const SQLITE_TABLES = [
  `CREATE TABLE "access_grant" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "person_id" varchar(40) NOT NULL, "source" varchar(30) NOT NULL, "source_id" varchar(64) NOT NULL, "user_type" integer NOT NULL, "name" varchar(80) NOT NULL, "phone" varchar(20) NOT NULL, "card_number" varchar(40) NOT NULL, "photo_url" varchar(500) NOT NULL, "start_time" datetime, "end_time" datetime, "active" boolean NOT NULL, "version" integer NOT NULL, "announced_version" integer, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL)`,
  `CREATE INDEX "IX_access_grant_end_time" ON "access_grant" ("active", "end_time")`,
  `CREATE UNIQUE INDEX "UQ_access_grant_person_id" ON "access_grant" ("person_id")`,
  `CREATE TABLE "provisioning_task" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "grant_id" integer NOT NULL, "terminal_id" integer NOT NULL, "action" varchar(10) NOT NULL, "grant_version" integer NOT NULL, "state" varchar(10) NOT NULL, "on_terminal" boolean NOT NULL, "attempts" integer NOT NULL, "next_attempt_at" datetime NOT NULL, "last_error_code" integer, "last_error" varchar(500), "updated_at" datetime NOT NULL)`,
  `CREATE INDEX "IX_provisioning_task_due" ON "provisioning_task" ("terminal_id", "state", "next_attempt_at", "id")`,
  `CREATE UNIQUE INDEX "UQ_provisioning_task_grant_terminal" ON "provisioning_task" ("grant_id", "terminal_id")`,
  `CREATE TABLE "reconciliation_run" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "terminal_id" integer NOT NULL, "trigger" varchar(12) NOT NULL, "state" varchar(12) NOT NULL, "started_at" datetime NOT NULL, "finished_at" datetime, "duration_ms" integer, "list_calls" integer NOT NULL, "terminal_users" integer NOT NULL, "added" integer NOT NULL, "updated" integer NOT NULL, "removed" integer NOT NULL, "unmanaged" integer NOT NULL, "failures" integer NOT NULL, "error" varchar(1000))`,
  `CREATE INDEX "IX_reconciliation_run_terminal" ON "reconciliation_run" ("terminal_id", "started_at")`,
  `CREATE TABLE "access_record" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "terminal_id" integer NOT NULL, "kind" varchar(12) NOT NULL, "source" varchar(10) NOT NULL, "record_id" integer, "signed_at" datetime NOT NULL, "user_id" varchar(40), "name" varchar(80), "user_type" integer, "input_type" integer, "similarity" integer, "temperature" float, "temperature_state" integer, "wear_mask" boolean, "wear_mask_alarm" boolean, "ic_number" varchar(40), "id_number" varchar(40), "device_mark" varchar(64), "door_opened" boolean, "avatar_key" varchar(200), "extra" varchar(4000), "received_at" datetime NOT NULL)`,
  `CREATE INDEX "IX_access_record_user_signed_at" ON "access_record" ("user_id", "signed_at")`,
  `CREATE INDEX "IX_access_record_terminal_signed_at" ON "access_record" ("terminal_id", "signed_at")`,
  `CREATE INDEX "IX_access_record_signed_at" ON "access_record" ("signed_at", "id")`,
  `CREATE UNIQUE INDEX "UQ_access_record_terminal_record" ON "access_record" ("terminal_id", "record_id") WHERE "record_id" IS NOT NULL`,
  `CREATE TABLE "terminal" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(64) NOT NULL, "host" varchar(255) NOT NULL, "port" integer NOT NULL, "ws_port" integer NOT NULL, "password_sealed" varchar(300) NOT NULL, "enabled" boolean NOT NULL, "provisioning" boolean NOT NULL, "device_id" varchar(32), "device_name" varchar(32), "device_model" varchar(32), "app_version" varchar(32), "web_version" varchar(32), "link_state" varchar(16) NOT NULL, "last_seen_at" datetime, "last_error" varchar(500), "last_error_at" datetime, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL)`,
  `CREATE UNIQUE INDEX "UQ_terminal_device_id" ON "terminal" ("device_id") WHERE "device_id" IS NOT NULL`,
  `CREATE UNIQUE INDEX "UQ_terminal_address" ON "terminal" ("host", "port")`,
  `CREATE UNIQUE INDEX "UQ_terminal_name" ON "terminal" ("name")`,
];

export const MSSQL_TABLES = [
  `CREATE TABLE "access_grant" ("id" int NOT NULL IDENTITY(1,1), "person_id" nvarchar(40) NOT NULL, "source" nvarchar(30) NOT NULL, "source_id" nvarchar(64) NOT NULL, "user_type" int NOT NULL, "name" nvarchar(80) NOT NULL, "phone" nvarchar(20) NOT NULL, "card_number" nvarchar(40) NOT NULL, "photo_url" nvarchar(500) NOT NULL, "start_time" datetime, "end_time" datetime, "active" bit NOT NULL, "version" int NOT NULL, "announced_version" int, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, CONSTRAINT "PK_access_grant" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_access_grant_end_time" ON "access_grant" ("active", "end_time")`,
  `CREATE UNIQUE INDEX "UQ_access_grant_person_id" ON "access_grant" ("person_id")`,
  `CREATE TABLE "provisioning_task" ("id" int NOT NULL IDENTITY(1,1), "grant_id" int NOT NULL, "terminal_id" int NOT NULL, "action" nvarchar(10) NOT NULL, "grant_version" int NOT NULL, "state" nvarchar(10) NOT NULL, "on_terminal" bit NOT NULL, "attempts" int NOT NULL, "next_attempt_at" datetime NOT NULL, "last_error_code" int, "last_error" nvarchar(500), "updated_at" datetime NOT NULL, CONSTRAINT "PK_provisioning_task" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_provisioning_task_due" ON "provisioning_task" ("terminal_id", "state", "next_attempt_at", "id")`,
  `CREATE UNIQUE INDEX "UQ_provisioning_task_grant_terminal" ON "provisioning_task" ("grant_id", "terminal_id")`,
  `CREATE TABLE "reconciliation_run" ("id" int NOT NULL IDENTITY(1,1), "terminal_id" int NOT NULL, "trigger" nvarchar(12) NOT NULL, "state" nvarchar(12) NOT NULL, "started_at" datetime NOT NULL, "finished_at" datetime, "duration_ms" int, "list_calls" int NOT NULL, "terminal_users" int NOT NULL, "added" int NOT NULL, "updated" int NOT NULL, "removed" int NOT NULL, "unmanaged" int NOT NULL, "failures" int NOT NULL, "error" nvarchar(1000), CONSTRAINT "PK_reconciliation_run" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_reconciliation_run_terminal" ON "reconciliation_run" ("terminal_id", "started_at")`,
  `CREATE TABLE "access_record" ("id" int NOT NULL IDENTITY(1,1), "terminal_id" int NOT NULL, "kind" nvarchar(12) NOT NULL, "source" nvarchar(10) NOT NULL, "record_id" int, "signed_at" datetime NOT NULL, "user_id" nvarchar(40), "name" nvarchar(80), "user_type" int, "input_type" int, "similarity" int, "temperature" float, "temperature_state" int, "wear_mask" bit, "wear_mask_alarm" bit, "ic_number" nvarchar(40), "id_number" nvarchar(40), "device_mark" nvarchar(64), "door_opened" bit, "avatar_key" nvarchar(200), "extra" nvarchar(4000), "received_at" datetime NOT NULL, CONSTRAINT "PK_access_record" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_access_record_user_signed_at" ON "access_record" ("user_id", "signed_at")`,
  `CREATE INDEX "IX_access_record_terminal_signed_at" ON "access_record" ("terminal_id", "signed_at")`,
  `CREATE INDEX "IX_access_record_signed_at" ON "access_record" ("signed_at", "id")`,
  `CREATE UNIQUE INDEX "UQ_access_record_terminal_record" ON "access_record" ("terminal_id", "record_id") WHERE "record_id" IS NOT NULL`,
  `CREATE TABLE "terminal" ("id" int NOT NULL IDENTITY(1,1), "name" nvarchar(64) NOT NULL, "host" nvarchar(255) NOT NULL, "port" int NOT NULL, "ws_port" int NOT NULL, "password_sealed" nvarchar(300) NOT NULL, "enabled" bit NOT NULL, "provisioning" bit NOT NULL, "device_id" nvarchar(32), "device_name" nvarchar(32), "device_model" nvarchar(32), "app_version" nvarchar(32), "web_version" nvarchar(32), "link_state" nvarchar(16) NOT NULL, "last_seen_at" datetime, "last_error" nvarchar(500), "last_error_at" datetime, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, CONSTRAINT "PK_terminal" PRIMARY KEY ("id"))`,
  `CREATE UNIQUE INDEX "UQ_terminal_device_id" ON "terminal" ("device_id") WHERE "device_id" IS NOT NULL`,
  `CREATE UNIQUE INDEX "UQ_terminal_address" ON "terminal" ("host", "port")`,
  `CREATE UNIQUE INDEX "UQ_terminal_name" ON "terminal" ("name")`,
];

const TABLES = ['reconciliation_run', 'access_record', 'provisioning_task', 'access_grant', 'terminal'];

export class DeviceGateway1763900000000 implements MigrationInterface {
  name = 'DeviceGateway1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    const statements = runner.connection.options.type === 'better-sqlite3' ? SQLITE_TABLES : MSSQL_TABLES;
    for (const statement of statements) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of TABLES) await runner.query(`DROP TABLE "${table}"`);
  }
}
