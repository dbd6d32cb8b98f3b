import { MigrationInterface, QueryRunner } from 'typeorm';
import { postgresCharacterIndex } from '../../character-index';

/**
 * PostgreSQL came after fifteen migrations had shaped the schema on SQLite and SQL Server, with no
 * PostgreSQL database to carry forward: it starts from the schema as they left it, in one step.
 * Migrations after this one run on all three databases.
 */
export const POSTGRES_BASELINE = 1765250000000;

/** Tables and indexes as TypeORM renders the entities for PostgreSQL (timestamps hold UTC, as on SQLite). */
export const POSTGRES_TABLES = [
  `CREATE TABLE "admin_user" ("id" SERIAL NOT NULL, "user_name" character varying(100) NOT NULL, "password_hash" character varying(200) NOT NULL, "created_at" TIMESTAMP NOT NULL, "password_changed_at" TIMESTAMP NOT NULL, "role" character varying(20) NOT NULL DEFAULT 'admin', CONSTRAINT "PK_admin_user" PRIMARY KEY ("id"))`,
  `CREATE UNIQUE INDEX "UQ_admin_user_user_name" ON "admin_user" ("user_name")`,
  `CREATE TABLE "audit_log" ("id" SERIAL NOT NULL, "at" TIMESTAMP NOT NULL, "actor" character varying(100) NOT NULL, "action" character varying(200) NOT NULL, "target" character varying(200), "outcome" character varying(300) NOT NULL, "address" character varying(64) NOT NULL, CONSTRAINT "PK_audit_log" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_audit_log_actor" ON "audit_log" ("actor", "id")`,
  `CREATE INDEX "IX_audit_log_at" ON "audit_log" ("at", "id")`,
  `CREATE TABLE "auth_session" ("id" character varying(36) NOT NULL, "role" character varying(20) NOT NULL, "subject" character varying(200) NOT NULL, "display_name" character varying(100), "created_at" TIMESTAMP NOT NULL, "expires_at" TIMESTAMP NOT NULL, "staff_role" character varying(20), CONSTRAINT "PK_auth_session" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_auth_session_expires_at" ON "auth_session" ("expires_at")`,
  `CREATE INDEX "IX_auth_session_subject" ON "auth_session" ("role", "subject")`,
  `CREATE TABLE "access_grant" ("id" SERIAL NOT NULL, "person_id" character varying(40) NOT NULL, "source" character varying(30) NOT NULL, "source_id" character varying(64) NOT NULL, "user_type" integer NOT NULL, "name" character varying(80) NOT NULL, "phone" character varying(20) NOT NULL, "card_number" character varying(40) NOT NULL, "photo_url" character varying(500) NOT NULL, "start_time" TIMESTAMP, "end_time" TIMESTAMP, "active" boolean NOT NULL, "version" integer NOT NULL, "announced_version" integer, "created_at" TIMESTAMP NOT NULL, "updated_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_access_grant" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_access_grant_end_time" ON "access_grant" ("active", "end_time")`,
  `CREATE UNIQUE INDEX "UQ_access_grant_person_id" ON "access_grant" ("person_id")`,
  `CREATE TABLE "provisioning_task" ("id" SERIAL NOT NULL, "grant_id" integer NOT NULL, "terminal_id" integer NOT NULL, "action" character varying(10) NOT NULL, "grant_version" integer NOT NULL, "state" character varying(10) NOT NULL, "on_terminal" boolean NOT NULL, "attempts" integer NOT NULL, "next_attempt_at" TIMESTAMP NOT NULL, "last_error_code" integer, "last_error" character varying(500), "updated_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_provisioning_task" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_provisioning_task_due" ON "provisioning_task" ("terminal_id", "state", "next_attempt_at", "id")`,
  `CREATE UNIQUE INDEX "UQ_provisioning_task_grant_terminal" ON "provisioning_task" ("grant_id", "terminal_id")`,
  `CREATE TABLE "reconciliation_run" ("id" SERIAL NOT NULL, "terminal_id" integer NOT NULL, "trigger" character varying(12) NOT NULL, "state" character varying(12) NOT NULL, "started_at" TIMESTAMP NOT NULL, "finished_at" TIMESTAMP, "duration_ms" integer, "list_calls" integer NOT NULL, "terminal_users" integer NOT NULL, "added" integer NOT NULL, "updated" integer NOT NULL, "removed" integer NOT NULL, "unmanaged" integer NOT NULL, "failures" integer NOT NULL, "error" character varying(1000), CONSTRAINT "PK_reconciliation_run" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_reconciliation_run_terminal" ON "reconciliation_run" ("terminal_id", "started_at")`,
  `CREATE TABLE "access_record" ("id" SERIAL NOT NULL, "terminal_id" integer NOT NULL, "kind" character varying(12) NOT NULL, "source" character varying(10) NOT NULL, "record_id" integer, "signed_at" TIMESTAMP NOT NULL, "user_id" character varying(40), "name" character varying(80), "user_type" integer, "input_type" integer, "similarity" integer, "temperature" double precision, "temperature_state" integer, "wear_mask" boolean, "wear_mask_alarm" boolean, "ic_number" character varying(40), "id_number" character varying(40), "device_mark" character varying(64), "door_opened" boolean, "avatar_key" character varying(200), "extra" character varying(4000), "received_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_access_record" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_access_record_user_signed_at" ON "access_record" ("user_id", "signed_at")`,
  `CREATE INDEX "IX_access_record_terminal_signed_at" ON "access_record" ("terminal_id", "signed_at")`,
  `CREATE INDEX "IX_access_record_signed_at" ON "access_record" ("signed_at", "id")`,
  `CREATE UNIQUE INDEX "UQ_access_record_terminal_record" ON "access_record" ("terminal_id", "record_id") WHERE "record_id" IS NOT NULL`,
  `CREATE TABLE "record_cursor" ("terminal_id" integer NOT NULL, "record_id" integer NOT NULL, "signed_at" TIMESTAMP NOT NULL, "lost" integer NOT NULL, "updated_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_record_cursor" PRIMARY KEY ("terminal_id"))`,
  `CREATE TABLE "record_loss" ("id" SERIAL NOT NULL, "terminal_id" integer NOT NULL, "first_record_id" integer NOT NULL, "last_record_id" integer NOT NULL, "previous_signed_at" TIMESTAMP NOT NULL, "next_signed_at" TIMESTAMP NOT NULL, "reason" character varying(300) NOT NULL, "detected_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_record_loss" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_record_loss_terminal" ON "record_loss" ("terminal_id", "id")`,
  `CREATE TABLE "terminal" ("id" SERIAL NOT NULL, "name" character varying(64) NOT NULL, "host" character varying(255) NOT NULL, "port" integer NOT NULL, "ws_port" integer NOT NULL, "password_sealed" character varying(300) NOT NULL, "enabled" boolean NOT NULL, "provisioning" boolean NOT NULL, "device_id" character varying(32), "device_name" character varying(32), "device_model" character varying(32), "app_version" character varying(32), "web_version" character varying(32), "link_state" character varying(16) NOT NULL, "last_seen_at" TIMESTAMP, "last_error" character varying(500), "last_error_at" TIMESTAMP, "created_at" TIMESTAMP NOT NULL, "updated_at" TIMESTAMP NOT NULL, "credentials_refused_at" TIMESTAMP, CONSTRAINT "PK_terminal" PRIMARY KEY ("id"))`,
  `CREATE UNIQUE INDEX "UQ_terminal_device_id" ON "terminal" ("device_id") WHERE "device_id" IS NOT NULL`,
  `CREATE UNIQUE INDEX "UQ_terminal_address" ON "terminal" ("host", "port")`,
  `CREATE UNIQUE INDEX "UQ_terminal_name" ON "terminal" ("name")`,
  `CREATE TABLE "event_outbox" ("id" SERIAL NOT NULL, "event_name" character varying(100) NOT NULL, "aggregate_key" character varying(100) NOT NULL, "payload" character varying(4000) NOT NULL, "created_at" TIMESTAMP NOT NULL, "attempts" integer NOT NULL, "next_attempt_at" TIMESTAMP NOT NULL, "last_error" character varying(1000), "delivered_at" TIMESTAMP, CONSTRAINT "PK_event_outbox" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_event_outbox_aggregate" ON "event_outbox" ("aggregate_key", "delivered_at", "id")`,
  `CREATE INDEX "IX_event_outbox_due" ON "event_outbox" ("delivered_at", "next_attempt_at", "id")`,
  `CREATE TABLE "rate_counter" ("counter_key" character varying(200) NOT NULL, "hits" integer NOT NULL, "expires_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_rate_counter" PRIMARY KEY ("counter_key"))`,
  `CREATE INDEX "IX_rate_counter_expires" ON "rate_counter" ("expires_at")`,
  `CREATE TABLE "face_embedding" ("photo_key" character varying(200) NOT NULL, "subject" character varying(20) NOT NULL, "model" character varying(64), "model_version" character varying(64), "faces" integer, "vector" character varying(8000), "problem" character varying(300), "created_at" TIMESTAMP NOT NULL, "analysed_at" TIMESTAMP, CONSTRAINT "PK_face_embedding" PRIMARY KEY ("photo_key"))`,
  `CREATE INDEX "IX_face_embedding_model" ON "face_embedding" ("model_version", "created_at")`,
  `CREATE TABLE "face_group" ("id" SERIAL NOT NULL, "name" character varying(20) NOT NULL, "content" character varying(500) NOT NULL, "created_at" TIMESTAMP NOT NULL, "updated_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_face_group" PRIMARY KEY ("id"))`,
  `CREATE UNIQUE INDEX "UQ_face_group_name" ON "face_group" ("name")`,
  `CREATE TABLE "hotel_face" ("id" SERIAL NOT NULL, "group_id" integer NOT NULL, "account_id" integer NOT NULL, "real_name_id" integer NOT NULL, "content" character varying(500) NOT NULL, "photo_key" character varying(200) NOT NULL, "created_at" TIMESTAMP NOT NULL, "updated_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_hotel_face" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_hotel_face_photo" ON "hotel_face" ("photo_key")`,
  `CREATE INDEX "IX_hotel_face_account" ON "hotel_face" ("account_id", "updated_at")`,
  `CREATE UNIQUE INDEX "UQ_hotel_face_group_person" ON "hotel_face" ("group_id", "real_name_id")`,
  `CREATE TABLE "face_registration" ("id" SERIAL NOT NULL, "name" character varying(30) NOT NULL, "open_id" character varying(200) NOT NULL, "tel_no" character varying(20) NOT NULL, "apply_time" TIMESTAMP NOT NULL, "state" integer NOT NULL, "photo_key" character varying(200) NOT NULL, "card_no" character varying(20) NOT NULL, "reviewed_at" TIMESTAMP, "reviewed_by" character varying(100), "updated_at" TIMESTAMP NOT NULL, "provisioning_error" character varying(500), CONSTRAINT "PK_face_registration" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_face_registration_photo_key" ON "face_registration" ("photo_key")`,
  `CREATE INDEX "IX_face_registration_open_id_apply_time" ON "face_registration" ("open_id", "apply_time", "id")`,
  `CREATE INDEX "IX_face_registration_state_apply_time" ON "face_registration" ("state", "apply_time", "id")`,
  `CREATE INDEX "IX_face_registration_apply_time" ON "face_registration" ("apply_time", "id")`,
  `CREATE UNIQUE INDEX "UQ_face_registration_tel_no" ON "face_registration" ("tel_no")`,
  `CREATE TABLE "face_registration_tally" ("state" integer NOT NULL, "total" integer NOT NULL, CONSTRAINT "PK_face_registration_tally" PRIMARY KEY ("state"))`,
  `CREATE TABLE "registration_policy" ("id" integer NOT NULL, "review_required" boolean NOT NULL, "updated_at" TIMESTAMP NOT NULL, "updated_by" character varying(100), CONSTRAINT "PK_registration_policy" PRIMARY KEY ("id"))`,
  `CREATE TABLE "wechat_binding" ("id" SERIAL NOT NULL, "weixin_user_id" character varying(128) NOT NULL, "kind" character varying(10) NOT NULL, "employee_id" integer, "phone" character varying(20) NOT NULL, "nick" character varying(100), "avatar_url" character varying(500), "created_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_wechat_binding" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_wechat_binding_phone" ON "wechat_binding" ("phone", "kind")`,
  `CREATE UNIQUE INDEX "UQ_wechat_binding_weixin_user_id" ON "wechat_binding" ("weixin_user_id")`,
  `CREATE TABLE "employee" ("id" SERIAL NOT NULL, "name" character varying(80) NOT NULL, "phone" character varying(20) NOT NULL, "department" character varying(80) NOT NULL, "created_at" TIMESTAMP NOT NULL, "updated_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_employee" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_employee_name" ON "employee" ("name")`,
  `CREATE UNIQUE INDEX "UQ_employee_phone" ON "employee" ("phone")`,
  `CREATE TABLE "notification" ("id" SERIAL NOT NULL, "application_id" integer, "kind" character varying(40) NOT NULL, "channel" character varying(10) NOT NULL, "recipient" character varying(128) NOT NULL, "template_id" character varying(100) NOT NULL, "params" character varying(2000) NOT NULL, "link" character varying(500), "state" character varying(10) NOT NULL, "attempts" integer NOT NULL, "next_attempt_at" TIMESTAMP NOT NULL, "last_error" character varying(500), "created_at" TIMESTAMP NOT NULL, "sent_at" TIMESTAMP, "provider_message_id" character varying(100), "sending_since" TIMESTAMP, CONSTRAINT "PK_notification" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_notification_recipient" ON "notification" ("recipient", "id")`,
  `CREATE INDEX "IX_notification_application" ON "notification" ("application_id")`,
  `CREATE INDEX "IX_notification_due" ON "notification" ("state", "next_attempt_at", "id")`,
  `CREATE TABLE "visitor_setting" ("name" character varying(64) NOT NULL, "value" character varying(1000) NOT NULL, "updated_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_visitor_setting" PRIMARY KEY ("name"))`,
  `CREATE TABLE "visit_application_tally" ("is_auth" integer NOT NULL, "total" integer NOT NULL, CONSTRAINT "PK_visit_application_tally" PRIMARY KEY ("is_auth"))`,
  `CREATE TABLE "visit_application" ("id" SERIAL NOT NULL, "subject_type" integer NOT NULL, "name" character varying(80) NOT NULL, "phone" character varying(20) NOT NULL, "purpose" integer NOT NULL, "remark" character varying(255) NOT NULL, "come_from" character varying(200) NOT NULL, "proposer" character varying(20) NOT NULL, "interviewee" character varying(80) NOT NULL, "interviewee_phone" character varying(20) NOT NULL, "employee_id" integer NOT NULL, "department" character varying(80) NOT NULL, "start_time" TIMESTAMP NOT NULL, "end_time" TIMESTAMP NOT NULL, "group_ids" character varying(50) NOT NULL, "is_auth" boolean NOT NULL, "authorised_at" TIMESTAMP, "signin_time" TIMESTAMP, "created_at" TIMESTAMP NOT NULL, "updated_at" TIMESTAMP NOT NULL, "authorised_by_binding_id" integer, CONSTRAINT "PK_visit_application" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_visit_application_is_auth" ON "visit_application" ("is_auth", "id")`,
  `CREATE INDEX "IX_visit_application_end_time" ON "visit_application" ("end_time")`,
  `CREATE INDEX "IX_visit_application_start_time" ON "visit_application" ("start_time")`,
  `CREATE INDEX "IX_visit_application_phone" ON "visit_application" ("phone", "id")`,
  `CREATE INDEX "IX_visit_application_interviewee_phone" ON "visit_application" ("interviewee_phone", "id")`,
  `CREATE INDEX "IX_visit_application_proposer" ON "visit_application" ("proposer", "id")`,
  `CREATE TABLE "visit_person" ("id" SERIAL NOT NULL, "application_id" integer NOT NULL, "role" character varying(10) NOT NULL, "name" character varying(80) NOT NULL, "phone" character varying(20) NOT NULL, "photo_key" character varying(200), "qrcode" character varying(32), CONSTRAINT "PK_visit_person" PRIMARY KEY ("id"))`,
  `CREATE UNIQUE INDEX "UQ_visit_person_qrcode" ON "visit_person" ("qrcode") WHERE "qrcode" IS NOT NULL`,
  `CREATE INDEX "IX_visit_person_phone" ON "visit_person" ("phone")`,
  `CREATE INDEX "IX_visit_person_application" ON "visit_person" ("application_id", "id")`,
  `CREATE TABLE "captcha" ("id" SERIAL NOT NULL, "kind" character varying(10) NOT NULL, "hash" character varying(32) NOT NULL, "phone" character varying(11), "purpose" integer, "wrong_guesses" integer NOT NULL, "expires_at" TIMESTAMP NOT NULL, "spent_at" TIMESTAMP, "created_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_captcha" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_captcha_expires" ON "captcha" ("expires_at")`,
  `CREATE INDEX "IX_captcha_phone" ON "captcha" ("phone", "purpose", "id")`,
  `CREATE INDEX "IX_captcha_hash" ON "captcha" ("hash")`,
  `CREATE TABLE "face_identity_check" ("id" SERIAL NOT NULL, "user_id_key" character varying(128) NOT NULL, "account_id" integer, "name_sealed" character varying(300), "id_number_sealed" character varying(300), "id_number_hmac" character varying(64) NOT NULL, "requested_at" TIMESTAMP NOT NULL, "expires_at" TIMESTAMP NOT NULL, "open_id" character varying(64), "verified_at" TIMESTAMP, "passed" boolean, "reason" character varying(300), CONSTRAINT "PK_face_identity_check" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_face_identity_check_account" ON "face_identity_check" ("account_id", "id")`,
  `CREATE UNIQUE INDEX "UQ_face_identity_check_key" ON "face_identity_check" ("user_id_key")`,
  `CREATE TABLE "hotel_account" ("id" SERIAL NOT NULL, "username" character varying(11) NOT NULL, "password_hash" character varying(200), "nickname" character varying(20), "email" character varying(50), "role" character varying(10) NOT NULL, "real_name_id" integer, "face_bound" boolean NOT NULL, "portrait_key" character varying(200), "created_at" TIMESTAMP NOT NULL, "updated_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_hotel_account" PRIMARY KEY ("id"))`,
  `CREATE UNIQUE INDEX "UQ_hotel_account_username" ON "hotel_account" ("username")`,
  `CREATE TABLE "hotel_token" ("id" SERIAL NOT NULL, "token_hash" character varying(64) NOT NULL, "account_id" integer NOT NULL, "enduring" boolean NOT NULL, "expires_at" TIMESTAMP, "created_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_hotel_token" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_hotel_token_expires" ON "hotel_token" ("expires_at")`,
  `CREATE INDEX "IX_hotel_token_account" ON "hotel_token" ("account_id", "id")`,
  `CREATE UNIQUE INDEX "UQ_hotel_token_hash" ON "hotel_token" ("token_hash")`,
  `CREATE TABLE "real_name_record" ("id" SERIAL NOT NULL, "id_type" character varying(10) NOT NULL, "id_number_sealed" character varying(300) NOT NULL, "id_number_hmac" character varying(64) NOT NULL, "name" character varying(30) NOT NULL, "gender" character varying(6) NOT NULL, "birthday" TIMESTAMP NOT NULL, "nation" character varying(10), "address" character varying(100), "organization" character varying(30), "date_start" TIMESTAMP, "date_end" TIMESTAMP, "owner_account_id" integer NOT NULL, "face_verified_at" TIMESTAMP, "created_at" TIMESTAMP NOT NULL, "updated_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_real_name_record" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_real_name_record_owner" ON "real_name_record" ("owner_account_id")`,
  `CREATE UNIQUE INDEX "UQ_real_name_record_id_hmac" ON "real_name_record" ("id_number_hmac")`,
  `CREATE TABLE "wechat_user" ("id" SERIAL NOT NULL, "open_id" character varying(200) NOT NULL, "union_id" character varying(200), "nickname" character varying(100), "avatar_url" character varying(500), "created_at" TIMESTAMP NOT NULL, "last_login_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_wechat_user" PRIMARY KEY ("id"))`,
  `CREATE UNIQUE INDEX "UQ_wechat_user_open_id" ON "wechat_user" ("open_id")`,
];

/** Row counts kept by triggers, whatever writes the table (as on the other databases). */
const TALLIES = [
  `CREATE FUNCTION "face_registration_tally_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE "face_registration_tally" SET "total" = "total" - 1 WHERE "state" = OLD."state";
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO "face_registration_tally" ("state", "total") VALUES (NEW."state", 1)
      ON CONFLICT ("state") DO UPDATE SET "total" = "face_registration_tally"."total" + 1;
  END IF;
  RETURN NULL;
END $$`,
  `CREATE TRIGGER "face_registration_tally_rows" AFTER INSERT OR DELETE ON "face_registration" FOR EACH ROW EXECUTE FUNCTION "face_registration_tally_sync"()`,
  `CREATE TRIGGER "face_registration_tally_state" AFTER UPDATE OF "state" ON "face_registration" FOR EACH ROW WHEN (OLD."state" IS DISTINCT FROM NEW."state") EXECUTE FUNCTION "face_registration_tally_sync"()`,
  `CREATE FUNCTION "visit_application_tally_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE "visit_application_tally" SET "total" = "total" - 1 WHERE "is_auth" = OLD."is_auth"::int;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    UPDATE "visit_application_tally" SET "total" = "total" + 1 WHERE "is_auth" = NEW."is_auth"::int;
  END IF;
  RETURN NULL;
END $$`,
  `CREATE TRIGGER "visit_application_tally_rows" AFTER INSERT OR DELETE ON "visit_application" FOR EACH ROW EXECUTE FUNCTION "visit_application_tally_sync"()`,
  `CREATE TRIGGER "visit_application_tally_state" AFTER UPDATE OF "is_auth" ON "visit_application" FOR EACH ROW WHEN (OLD."is_auth" IS DISTINCT FROM NEW."is_auth") EXECUTE FUNCTION "visit_application_tally_sync"()`,
];

/** The audit log is append-only, which the database itself enforces. */
const APPEND_ONLY = [
  `CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only';
END $$`,
  `CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"()`,
];

/**
 * Substring search (LIKE '%text%') through trigram indexes, where the server has pg_trgm (PostgreSQL
 * ships it; a compatible database without it searches by scanning).
 */
const TRIGRAM_INDEXES = [
  `CREATE INDEX "IX_face_registration_name_trgm" ON "face_registration" USING gin ("name" gin_trgm_ops)`,
  `CREATE INDEX "IX_face_registration_tel_no_trgm" ON "face_registration" USING gin ("tel_no" gin_trgm_ops)`,
  `CREATE INDEX "IX_visit_application_name_trgm" ON "visit_application" USING gin ("name" gin_trgm_ops)`,
  `CREATE INDEX "IX_visit_application_interviewee_trgm" ON "visit_application" USING gin ("interviewee" gin_trgm_ops)`,
];

/** Names of one or two characters (most Chinese name searches), which no trigram serves: their characters, indexed. */
const CHARACTER_INDEXES = [
  postgresCharacterIndex('face_registration', 'name'),
  postgresCharacterIndex('visit_application', 'name'),
  postgresCharacterIndex('visit_application', 'interviewee'),
];

const SEED = [
  `INSERT INTO "face_registration_tally" ("state", "total") VALUES (0, 0), (1, 0), (2, 0), (3, 0)`,
  `INSERT INTO "registration_policy" ("id", "review_required", "updated_at", "updated_by") VALUES (1, true, timezone('UTC', now()), NULL)`,
  `INSERT INTO "visit_application_tally" ("is_auth", "total") VALUES (0, 0), (1, 0)`,
  `INSERT INTO "face_group" ("name", "content", "created_at", "updated_at") VALUES ('默认人员库', '', timezone('UTC', now()), timezone('UTC', now()))`,
];

export class PostgresSchema1765250000000 implements MigrationInterface {
  name = 'PostgresSchema1765250000000';

  async up(runner: QueryRunner): Promise<void> {
    const [trigram] = await runner.query(`SELECT count(*)::int AS "available" FROM pg_available_extensions WHERE name = 'pg_trgm'`);
    if (trigram.available) await runner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    const statements = [...POSTGRES_TABLES, ...TALLIES, ...APPEND_ONLY, ...CHARACTER_INDEXES, ...(trigram.available ? TRIGRAM_INDEXES : []), ...SEED];
    for (const statement of statements) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    const tables = POSTGRES_TABLES.map((statement) => /^CREATE TABLE "(\w+)"/.exec(statement)?.[1]).filter(Boolean);
    for (const table of tables.reverse()) await runner.query(`DROP TABLE "${table}" CASCADE`);
    for (const fn of ['face_registration_tally_sync', 'visit_application_tally_sync', 'audit_log_append_only']) await runner.query(`DROP FUNCTION "${fn}"()`);
  }
}
