import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables as the entities describe them, rendered by TypeORM for each driver. */
const SQLITE_TABLES = [
  `CREATE TABLE "admin_user" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_name" varchar(100) NOT NULL, "password_hash" varchar(200) NOT NULL, "created_at" datetime NOT NULL, "password_changed_at" datetime NOT NULL)`,
  `CREATE UNIQUE INDEX "UQ_admin_user_user_name" ON "admin_user" ("user_name")`,
  `CREATE TABLE "auth_session" ("id" varchar(36) PRIMARY KEY NOT NULL, "role" varchar(20) NOT NULL, "subject" varchar(200) NOT NULL, "display_name" varchar(100), "created_at" datetime NOT NULL, "expires_at" datetime NOT NULL)`,
  `CREATE INDEX "IX_auth_session_expires_at" ON "auth_session" ("expires_at")`,
  `CREATE INDEX "IX_auth_session_subject" ON "auth_session" ("role", "subject")`,
  `CREATE TABLE "event_outbox" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "event_name" varchar(100) NOT NULL, "aggregate_key" varchar(100) NOT NULL, "payload" varchar(4000) NOT NULL, "created_at" datetime NOT NULL, "attempts" integer NOT NULL, "next_attempt_at" datetime NOT NULL, "last_error" varchar(1000), "delivered_at" datetime)`,
  `CREATE INDEX "IX_event_outbox_aggregate" ON "event_outbox" ("aggregate_key", "delivered_at", "id")`,
  `CREATE INDEX "IX_event_outbox_due" ON "event_outbox" ("delivered_at", "next_attempt_at", "id")`,
  `CREATE TABLE "face_registration" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(30) NOT NULL, "open_id" varchar(200) NOT NULL, "tel_no" varchar(20) NOT NULL, "apply_time" datetime NOT NULL, "state" integer NOT NULL, "photo_key" varchar(200) NOT NULL, "card_no" varchar(20) NOT NULL, "reviewed_at" datetime, "reviewed_by" varchar(100), "updated_at" datetime NOT NULL, "provisioning_error" varchar(500))`,
  `CREATE INDEX "IX_face_registration_open_id_apply_time" ON "face_registration" ("open_id", "apply_time", "id")`,
  `CREATE INDEX "IX_face_registration_state_apply_time" ON "face_registration" ("state", "apply_time", "id")`,
  `CREATE INDEX "IX_face_registration_apply_time" ON "face_registration" ("apply_time", "id")`,
  `CREATE UNIQUE INDEX "UQ_face_registration_tel_no" ON "face_registration" ("tel_no")`,
  `CREATE TABLE "face_registration_tally" ("state" integer PRIMARY KEY NOT NULL, "total" integer NOT NULL)`,
  `CREATE TABLE "registration_policy" ("id" integer PRIMARY KEY NOT NULL, "review_required" boolean NOT NULL, "updated_at" datetime NOT NULL, "updated_by" varchar(100))`,
  `CREATE TABLE "wechat_user" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "open_id" varchar(200) NOT NULL, "union_id" varchar(200), "nickname" varchar(100), "avatar_url" varchar(500), "created_at" datetime NOT NULL, "last_login_at" datetime NOT NULL)`,
  `CREATE UNIQUE INDEX "UQ_wechat_user_open_id" ON "wechat_user" ("open_id")`,
];

export const MSSQL_TABLES = [
  `CREATE TABLE "admin_user" ("id" int NOT NULL IDENTITY(1,1), "user_name" nvarchar(100) NOT NULL, "password_hash" nvarchar(200) NOT NULL, "created_at" datetime NOT NULL, "password_changed_at" datetime NOT NULL, CONSTRAINT "PK_admin_user" PRIMARY KEY ("id"))`,
  `CREATE UNIQUE INDEX "UQ_admin_user_user_name" ON "admin_user" ("user_name")`,
  `CREATE TABLE "auth_session" ("id" nvarchar(36) NOT NULL, "role" nvarchar(20) NOT NULL, "subject" nvarchar(200) NOT NULL, "display_name" nvarchar(100), "created_at" datetime NOT NULL, "expires_at" datetime NOT NULL, CONSTRAINT "PK_auth_session" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_auth_session_expires_at" ON "auth_session" ("expires_at")`,
  `CREATE INDEX "IX_auth_session_subject" ON "auth_session" ("role", "subject")`,
  `CREATE TABLE "event_outbox" ("id" int NOT NULL IDENTITY(1,1), "event_name" nvarchar(100) NOT NULL, "aggregate_key" nvarchar(100) NOT NULL, "payload" nvarchar(4000) NOT NULL, "created_at" datetime NOT NULL, "attempts" int NOT NULL, "next_attempt_at" datetime NOT NULL, "last_error" nvarchar(1000), "delivered_at" datetime, CONSTRAINT "PK_event_outbox" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_event_outbox_aggregate" ON "event_outbox" ("aggregate_key", "delivered_at", "id")`,
  `CREATE INDEX "IX_event_outbox_due" ON "event_outbox" ("delivered_at", "next_attempt_at", "id")`,
  `CREATE TABLE "face_registration" ("id" int NOT NULL IDENTITY(1,1), "name" nvarchar(30) NOT NULL, "open_id" nvarchar(200) NOT NULL, "tel_no" nvarchar(20) NOT NULL, "apply_time" datetime NOT NULL, "state" int NOT NULL, "photo_key" nvarchar(200) NOT NULL, "card_no" nvarchar(20) NOT NULL, "reviewed_at" datetime, "reviewed_by" nvarchar(100), "updated_at" datetime NOT NULL, "provisioning_error" nvarchar(500), CONSTRAINT "PK_face_registration" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_face_registration_open_id_apply_time" ON "face_registration" ("open_id", "apply_time", "id")`,
  `CREATE INDEX "IX_face_registration_state_apply_time" ON "face_registration" ("state", "apply_time", "id")`,
  `CREATE INDEX "IX_face_registration_apply_time" ON "face_registration" ("apply_time", "id")`,
  `CREATE UNIQUE INDEX "UQ_face_registration_tel_no" ON "face_registration" ("tel_no")`,
  `CREATE TABLE "face_registration_tally" ("state" int NOT NULL, "total" int NOT NULL, CONSTRAINT "PK_face_registration_tally" PRIMARY KEY ("state"))`,
  `CREATE TABLE "registration_policy" ("id" int NOT NULL, "review_required" bit NOT NULL, "updated_at" datetime NOT NULL, "updated_by" nvarchar(100), CONSTRAINT "PK_registration_policy" PRIMARY KEY ("id"))`,
  `CREATE TABLE "wechat_user" ("id" int NOT NULL IDENTITY(1,1), "open_id" nvarchar(200) NOT NULL, "union_id" nvarchar(200), "nickname" nvarchar(100), "avatar_url" nvarchar(500), "created_at" datetime NOT NULL, "last_login_at" datetime NOT NULL, CONSTRAINT "PK_wechat_user" PRIMARY KEY ("id"))`,
  `CREATE UNIQUE INDEX "UQ_wechat_user_open_id" ON "wechat_user" ("open_id")`,
];

/**
 * SQLite: a trigram full-text index over name and phone (substring search), kept in step by
 * triggers. Future migrations that rebuild face_registration must recreate these triggers.
 */
const SQLITE_SEARCH = [
  `CREATE VIRTUAL TABLE "face_registration_fts" USING fts5(name, tel_no, content='face_registration', content_rowid='id', tokenize='trigram')`,
  `CREATE TRIGGER "face_registration_fts_insert" AFTER INSERT ON "face_registration" BEGIN
    INSERT INTO face_registration_fts(rowid, name, tel_no) VALUES (new.id, new.name, new.tel_no);
  END`,
  `CREATE TRIGGER "face_registration_fts_delete" AFTER DELETE ON "face_registration" BEGIN
    INSERT INTO face_registration_fts(face_registration_fts, rowid, name, tel_no) VALUES ('delete', old.id, old.name, old.tel_no);
  END`,
  `CREATE TRIGGER "face_registration_fts_update" AFTER UPDATE OF name, tel_no ON "face_registration" BEGIN
    INSERT INTO face_registration_fts(face_registration_fts, rowid, name, tel_no) VALUES ('delete', old.id, old.name, old.tel_no);
    INSERT INTO face_registration_fts(rowid, name, tel_no) VALUES (new.id, new.name, new.tel_no);
  END`,
];

/** Row counts per state, kept by triggers whatever writes the table. */
const SQLITE_TALLY = [
  `CREATE TRIGGER "face_registration_tally_insert" AFTER INSERT ON "face_registration" BEGIN
    INSERT INTO face_registration_tally(state, total) VALUES (new.state, 1) ON CONFLICT(state) DO UPDATE SET total = total + 1;
  END`,
  `CREATE TRIGGER "face_registration_tally_delete" AFTER DELETE ON "face_registration" BEGIN
    UPDATE face_registration_tally SET total = total - 1 WHERE state = old.state;
  END`,
  `CREATE TRIGGER "face_registration_tally_update" AFTER UPDATE OF state ON "face_registration" WHEN old.state <> new.state BEGIN
    UPDATE face_registration_tally SET total = total - 1 WHERE state = old.state;
    INSERT INTO face_registration_tally(state, total) VALUES (new.state, 1) ON CONFLICT(state) DO UPDATE SET total = total + 1;
  END`,
];

const MSSQL_TALLY = [
  `CREATE TRIGGER "face_registration_tally_sync" ON "face_registration" AFTER INSERT, UPDATE, DELETE AS
BEGIN
  SET NOCOUNT ON;
  MERGE "face_registration_tally" AS t
  USING (
    SELECT state, SUM(delta) AS delta
    FROM (SELECT state, 1 AS delta FROM inserted UNION ALL SELECT state, -1 AS delta FROM deleted) AS changes
    GROUP BY state
  ) AS s
  ON t.state = s.state
  WHEN MATCHED THEN UPDATE SET total = t.total + s.delta
  WHEN NOT MATCHED THEN INSERT (state, total) VALUES (s.state, s.delta);
END`,
];

export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(runner: QueryRunner): Promise<void> {
    const sqlite = runner.connection.options.type === 'better-sqlite3';
    const statements = sqlite ? [...SQLITE_TABLES, ...SQLITE_SEARCH, ...SQLITE_TALLY] : [...MSSQL_TABLES, ...MSSQL_TALLY];
    for (const statement of statements) await runner.query(statement);
    await runner.query(
      `INSERT INTO "face_registration_tally" ("state", "total") VALUES (0, 0), (1, 0), (2, 0), (3, 0)`,
    );
    await runner.query(
      `INSERT INTO "registration_policy" ("id", "review_required", "updated_at", "updated_by") VALUES (1, 1, CURRENT_TIMESTAMP, NULL)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    const tables = ['face_registration_fts', 'registration_policy', 'face_registration_tally', 'face_registration', 'wechat_user', 'event_outbox', 'auth_session', 'admin_user'];
    const sqlite = runner.connection.options.type === 'better-sqlite3';
    for (const table of sqlite ? tables : tables.slice(1)) await runner.query(`DROP TABLE "${table}"`);
  }
}
