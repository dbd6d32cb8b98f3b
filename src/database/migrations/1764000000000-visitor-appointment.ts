import { MigrationInterface, QueryRunner } from 'typeorm';

/** Visitor appointments: employees, WeChat bindings, applications and their people, notifications, settings. */
const SQLITE_TABLES = [
  `CREATE TABLE "wechat_binding" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "weixin_user_id" varchar(128) NOT NULL, "kind" varchar(10) NOT NULL, "employee_id" integer, "phone" varchar(20) NOT NULL, "nick" varchar(100), "avatar_url" varchar(500), "created_at" datetime NOT NULL)`,
  `CREATE INDEX "IX_wechat_binding_phone" ON "wechat_binding" ("phone", "kind")`,
  `CREATE UNIQUE INDEX "UQ_wechat_binding_weixin_user_id" ON "wechat_binding" ("weixin_user_id")`,
  `CREATE TABLE "employee" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(80) NOT NULL, "phone" varchar(20) NOT NULL, "department" varchar(80) NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL)`,
  `CREATE INDEX "IX_employee_name" ON "employee" ("name")`,
  `CREATE UNIQUE INDEX "UQ_employee_phone" ON "employee" ("phone")`,
  `CREATE TABLE "notification" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "application_id" integer, "kind" varchar(40) NOT NULL, "channel" varchar(10) NOT NULL, "recipient" varchar(128) NOT NULL, "template_id" varchar(100) NOT NULL, "params" varchar(2000) NOT NULL, "link" varchar(500), "state" varchar(10) NOT NULL, "attempts" integer NOT NULL, "next_attempt_at" datetime NOT NULL, "last_error" varchar(500), "created_at" datetime NOT NULL, "sent_at" datetime)`,
  `CREATE INDEX "IX_notification_application" ON "notification" ("application_id")`,
  `CREATE INDEX "IX_notification_due" ON "notification" ("state", "next_attempt_at", "id")`,
  `CREATE TABLE "visitor_setting" ("name" varchar(64) PRIMARY KEY NOT NULL, "value" varchar(1000) NOT NULL, "updated_at" datetime NOT NULL)`,
  `CREATE TABLE "visit_application_tally" ("is_auth" integer PRIMARY KEY NOT NULL, "total" integer NOT NULL)`,
  `CREATE TABLE "visit_application" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "subject_type" integer NOT NULL, "name" varchar(80) NOT NULL, "phone" varchar(20) NOT NULL, "purpose" integer NOT NULL, "remark" varchar(255) NOT NULL, "come_from" varchar(200) NOT NULL, "proposer" varchar(20) NOT NULL, "interviewee" varchar(80) NOT NULL, "interviewee_phone" varchar(20) NOT NULL, "employee_id" integer NOT NULL, "department" varchar(80) NOT NULL, "start_time" datetime NOT NULL, "end_time" datetime NOT NULL, "group_ids" varchar(50) NOT NULL, "is_auth" boolean NOT NULL, "authorised_at" datetime, "signin_time" datetime, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL)`,
  `CREATE INDEX "IX_visit_application_is_auth" ON "visit_application" ("is_auth", "id")`,
  `CREATE INDEX "IX_visit_application_start_time" ON "visit_application" ("start_time")`,
  `CREATE INDEX "IX_visit_application_phone" ON "visit_application" ("phone", "id")`,
  `CREATE INDEX "IX_visit_application_interviewee_phone" ON "visit_application" ("interviewee_phone", "id")`,
  `CREATE INDEX "IX_visit_application_proposer" ON "visit_application" ("proposer", "id")`,
  `CREATE TABLE "visit_person" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "application_id" integer NOT NULL, "role" varchar(10) NOT NULL, "name" varchar(80) NOT NULL, "phone" varchar(20) NOT NULL, "photo_key" varchar(200), "qrcode" varchar(32))`,
  `CREATE UNIQUE INDEX "UQ_visit_person_qrcode" ON "visit_person" ("qrcode") WHERE "qrcode" IS NOT NULL`,
  `CREATE INDEX "IX_visit_person_phone" ON "visit_person" ("phone")`,
  `CREATE INDEX "IX_visit_person_application" ON "visit_person" ("application_id", "id")`,
];

export const MSSQL_TABLES = [
  `CREATE TABLE "wechat_binding" ("id" int NOT NULL IDENTITY(1,1), "weixin_user_id" nvarchar(128) NOT NULL, "kind" nvarchar(10) NOT NULL, "employee_id" int, "phone" nvarchar(20) NOT NULL, "nick" nvarchar(100), "avatar_url" nvarchar(500), "created_at" datetime NOT NULL, CONSTRAINT "PK_wechat_binding" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_wechat_binding_phone" ON "wechat_binding" ("phone", "kind")`,
  `CREATE UNIQUE INDEX "UQ_wechat_binding_weixin_user_id" ON "wechat_binding" ("weixin_user_id")`,
  `CREATE TABLE "employee" ("id" int NOT NULL IDENTITY(1,1), "name" nvarchar(80) NOT NULL, "phone" nvarchar(20) NOT NULL, "department" nvarchar(80) NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, CONSTRAINT "PK_employee" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_employee_name" ON "employee" ("name")`,
  `CREATE UNIQUE INDEX "UQ_employee_phone" ON "employee" ("phone")`,
  `CREATE TABLE "notification" ("id" int NOT NULL IDENTITY(1,1), "application_id" int, "kind" nvarchar(40) NOT NULL, "channel" nvarchar(10) NOT NULL, "recipient" nvarchar(128) NOT NULL, "template_id" nvarchar(100) NOT NULL, "params" nvarchar(2000) NOT NULL, "link" nvarchar(500), "state" nvarchar(10) NOT NULL, "attempts" int NOT NULL, "next_attempt_at" datetime NOT NULL, "last_error" nvarchar(500), "created_at" datetime NOT NULL, "sent_at" datetime, CONSTRAINT "PK_notification" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_notification_application" ON "notification" ("application_id")`,
  `CREATE INDEX "IX_notification_due" ON "notification" ("state", "next_attempt_at", "id")`,
  `CREATE TABLE "visitor_setting" ("name" nvarchar(64) NOT NULL, "value" nvarchar(1000) NOT NULL, "updated_at" datetime NOT NULL, CONSTRAINT "PK_visitor_setting" PRIMARY KEY ("name"))`,
  `CREATE TABLE "visit_application_tally" ("is_auth" int NOT NULL, "total" int NOT NULL, CONSTRAINT "PK_visit_application_tally" PRIMARY KEY ("is_auth"))`,
  `CREATE TABLE "visit_application" ("id" int NOT NULL IDENTITY(1,1), "subject_type" int NOT NULL, "name" nvarchar(80) NOT NULL, "phone" nvarchar(20) NOT NULL, "purpose" int NOT NULL, "remark" nvarchar(255) NOT NULL, "come_from" nvarchar(200) NOT NULL, "proposer" nvarchar(20) NOT NULL, "interviewee" nvarchar(80) NOT NULL, "interviewee_phone" nvarchar(20) NOT NULL, "employee_id" int NOT NULL, "department" nvarchar(80) NOT NULL, "start_time" datetime NOT NULL, "end_time" datetime NOT NULL, "group_ids" nvarchar(50) NOT NULL, "is_auth" bit NOT NULL, "authorised_at" datetime, "signin_time" datetime, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, CONSTRAINT "PK_visit_application" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_visit_application_is_auth" ON "visit_application" ("is_auth", "id")`,
  `CREATE INDEX "IX_visit_application_start_time" ON "visit_application" ("start_time")`,
  `CREATE INDEX "IX_visit_application_phone" ON "visit_application" ("phone", "id")`,
  `CREATE INDEX "IX_visit_application_interviewee_phone" ON "visit_application" ("interviewee_phone", "id")`,
  `CREATE INDEX "IX_visit_application_proposer" ON "visit_application" ("proposer", "id")`,
  `CREATE TABLE "visit_person" ("id" int NOT NULL IDENTITY(1,1), "application_id" int NOT NULL, "role" nvarchar(10) NOT NULL, "name" nvarchar(80) NOT NULL, "phone" nvarchar(20) NOT NULL, "photo_key" nvarchar(200), "qrcode" nvarchar(32), CONSTRAINT "PK_visit_person" PRIMARY KEY ("id"))`,
  `CREATE UNIQUE INDEX "UQ_visit_person_qrcode" ON "visit_person" ("qrcode") WHERE "qrcode" IS NOT NULL`,
  `CREATE INDEX "IX_visit_person_phone" ON "visit_person" ("phone")`,
  `CREATE INDEX "IX_visit_person_application" ON "visit_person" ("application_id", "id")`,
];

/** SQLite: substring search over visitor and interviewee names (trigram index kept by triggers). */
export const SQLITE_SEARCH = [
  `CREATE VIRTUAL TABLE "visit_application_fts" USING fts5(name, interviewee, content='visit_application', content_rowid='id', tokenize='trigram')`,
  `CREATE TRIGGER "visit_application_fts_insert" AFTER INSERT ON "visit_application" BEGIN
    INSERT INTO visit_application_fts(rowid, name, interviewee) VALUES (new.id, new.name, new.interviewee);
  END`,
  `CREATE TRIGGER "visit_application_fts_delete" AFTER DELETE ON "visit_application" BEGIN
    INSERT INTO visit_application_fts(visit_application_fts, rowid, name, interviewee) VALUES ('delete', old.id, old.name, old.interviewee);
  END`,
  `CREATE TRIGGER "visit_application_fts_update" AFTER UPDATE OF name, interviewee ON "visit_application" BEGIN
    INSERT INTO visit_application_fts(visit_application_fts, rowid, name, interviewee) VALUES ('delete', old.id, old.name, old.interviewee);
    INSERT INTO visit_application_fts(rowid, name, interviewee) VALUES (new.id, new.name, new.interviewee);
  END`,
];

/** Applications per authorisation state, kept by triggers whatever writes the table. */
const SQLITE_TALLY = [
  `CREATE TRIGGER "visit_application_tally_insert" AFTER INSERT ON "visit_application" BEGIN
    UPDATE visit_application_tally SET total = total + 1 WHERE is_auth = new.is_auth;
  END`,
  `CREATE TRIGGER "visit_application_tally_delete" AFTER DELETE ON "visit_application" BEGIN
    UPDATE visit_application_tally SET total = total - 1 WHERE is_auth = old.is_auth;
  END`,
  `CREATE TRIGGER "visit_application_tally_update" AFTER UPDATE OF is_auth ON "visit_application" WHEN old.is_auth <> new.is_auth BEGIN
    UPDATE visit_application_tally SET total = total - 1 WHERE is_auth = old.is_auth;
    UPDATE visit_application_tally SET total = total + 1 WHERE is_auth = new.is_auth;
  END`,
];

const MSSQL_TALLY = [
  `CREATE TRIGGER "visit_application_tally_sync" ON "visit_application" AFTER INSERT, UPDATE, DELETE AS
BEGIN
  SET NOCOUNT ON;
  UPDATE t SET total = t.total + s.delta
  FROM "visit_application_tally" AS t
  JOIN (
    SELECT CAST(is_auth AS int) AS is_auth, SUM(delta) AS delta
    FROM (SELECT is_auth, 1 AS delta FROM inserted UNION ALL SELECT is_auth, -1 AS delta FROM deleted) AS changes
    GROUP BY CAST(is_auth AS int)
  ) AS s ON t.is_auth = s.is_auth;
END`,
];

const TABLES = ['visitor_setting', 'notification', 'visit_person', 'visit_application_tally', 'visit_application', 'wechat_binding', 'employee'];

export class VisitorAppointment1764000000000 implements MigrationInterface {
  name = 'VisitorAppointment1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    const sqlite = runner.connection.options.type === 'better-sqlite3';
    const statements = sqlite ? [...SQLITE_TABLES, ...SQLITE_SEARCH, ...SQLITE_TALLY] : [...MSSQL_TABLES, ...MSSQL_TALLY];
    for (const statement of statements) await runner.query(statement);
    await runner.query(`INSERT INTO "visit_application_tally" ("is_auth", "total") VALUES (0, 0), (1, 0)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const sqlite = runner.connection.options.type === 'better-sqlite3';
    for (const table of sqlite ? ['visit_application_fts', ...TABLES] : TABLES) await runner.query(`DROP TABLE "${table}"`);
  }
}
