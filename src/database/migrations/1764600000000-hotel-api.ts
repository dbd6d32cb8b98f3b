import { MigrationInterface, QueryRunner } from 'typeorm';

/** The hotel mini-program's API: accounts and their tokens, captchas, real-name records, face identity checks; shared rate counters. */
export const MSSQL_TABLES = [
  `CREATE TABLE "rate_counter" ("counter_key" nvarchar(200) NOT NULL, "hits" int NOT NULL, "expires_at" datetime NOT NULL, CONSTRAINT "PK_rate_counter" PRIMARY KEY ("counter_key"))`,
  `CREATE INDEX "IX_rate_counter_expires" ON "rate_counter" ("expires_at")`,
  `CREATE TABLE "hotel_account" ("id" int NOT NULL IDENTITY(1,1), "username" nvarchar(11) NOT NULL, "password_hash" nvarchar(200), "nickname" nvarchar(20), "email" nvarchar(50), "role" nvarchar(10) NOT NULL, "real_name_id" int, "face_bound" bit NOT NULL, "portrait_key" nvarchar(200), "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, CONSTRAINT "PK_hotel_account" PRIMARY KEY ("id"))`,
  `CREATE UNIQUE INDEX "UQ_hotel_account_username" ON "hotel_account" ("username")`,
  `CREATE TABLE "hotel_token" ("id" int NOT NULL IDENTITY(1,1), "token_hash" nvarchar(64) NOT NULL, "account_id" int NOT NULL, "enduring" bit NOT NULL, "expires_at" datetime, "created_at" datetime NOT NULL, CONSTRAINT "PK_hotel_token" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_hotel_token_expires" ON "hotel_token" ("expires_at")`,
  `CREATE INDEX "IX_hotel_token_account" ON "hotel_token" ("account_id", "id")`,
  `CREATE UNIQUE INDEX "UQ_hotel_token_hash" ON "hotel_token" ("token_hash")`,
  `CREATE TABLE "captcha" ("id" int NOT NULL IDENTITY(1,1), "kind" nvarchar(10) NOT NULL, "hash" nvarchar(32) NOT NULL, "phone" nvarchar(11), "purpose" int, "wrong_guesses" int NOT NULL, "expires_at" datetime NOT NULL, "spent_at" datetime, "created_at" datetime NOT NULL, CONSTRAINT "PK_captcha" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_captcha_expires" ON "captcha" ("expires_at")`,
  `CREATE INDEX "IX_captcha_phone" ON "captcha" ("phone", "purpose", "id")`,
  `CREATE INDEX "IX_captcha_hash" ON "captcha" ("hash")`,
  `CREATE TABLE "real_name_record" ("id" int NOT NULL IDENTITY(1,1), "id_type" nvarchar(10) NOT NULL, "id_number_sealed" nvarchar(300) NOT NULL, "id_number_hmac" nvarchar(64) NOT NULL, "name" nvarchar(30) NOT NULL, "gender" nvarchar(6) NOT NULL, "birthday" datetime NOT NULL, "nation" nvarchar(10), "address" nvarchar(100), "organization" nvarchar(30), "date_start" datetime, "date_end" datetime, "owner_account_id" int NOT NULL, "face_verified_at" datetime, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, CONSTRAINT "PK_real_name_record" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_real_name_record_owner" ON "real_name_record" ("owner_account_id")`,
  `CREATE UNIQUE INDEX "UQ_real_name_record_id_hmac" ON "real_name_record" ("id_number_hmac")`,
  `CREATE TABLE "face_identity_check" ("id" int NOT NULL IDENTITY(1,1), "user_id_key" nvarchar(128) NOT NULL, "account_id" int, "name_sealed" nvarchar(300), "id_number_sealed" nvarchar(300), "id_number_hmac" nvarchar(64) NOT NULL, "requested_at" datetime NOT NULL, "expires_at" datetime NOT NULL, "open_id" nvarchar(64), "verified_at" datetime, "passed" bit, "reason" nvarchar(300), CONSTRAINT "PK_face_identity_check" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_face_identity_check_account" ON "face_identity_check" ("account_id", "id")`,
  `CREATE UNIQUE INDEX "UQ_face_identity_check_key" ON "face_identity_check" ("user_id_key")`,
];

const SQLITE_TABLES = [
  `CREATE TABLE "rate_counter" ("counter_key" varchar(200) PRIMARY KEY NOT NULL, "hits" integer NOT NULL, "expires_at" datetime NOT NULL)`,
  `CREATE INDEX "IX_rate_counter_expires" ON "rate_counter" ("expires_at")`,
  `CREATE TABLE "hotel_account" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "username" varchar(11) NOT NULL, "password_hash" varchar(200), "nickname" varchar(20), "email" varchar(50), "role" varchar(10) NOT NULL, "real_name_id" integer, "face_bound" boolean NOT NULL, "portrait_key" varchar(200), "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL)`,
  `CREATE UNIQUE INDEX "UQ_hotel_account_username" ON "hotel_account" ("username")`,
  `CREATE TABLE "hotel_token" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "token_hash" varchar(64) NOT NULL, "account_id" integer NOT NULL, "enduring" boolean NOT NULL, "expires_at" datetime, "created_at" datetime NOT NULL)`,
  `CREATE INDEX "IX_hotel_token_expires" ON "hotel_token" ("expires_at")`,
  `CREATE INDEX "IX_hotel_token_account" ON "hotel_token" ("account_id", "id")`,
  `CREATE UNIQUE INDEX "UQ_hotel_token_hash" ON "hotel_token" ("token_hash")`,
  `CREATE TABLE "captcha" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "kind" varchar(10) NOT NULL, "hash" varchar(32) NOT NULL, "phone" varchar(11), "purpose" integer, "wrong_guesses" integer NOT NULL, "expires_at" datetime NOT NULL, "spent_at" datetime, "created_at" datetime NOT NULL)`,
  `CREATE INDEX "IX_captcha_expires" ON "captcha" ("expires_at")`,
  `CREATE INDEX "IX_captcha_phone" ON "captcha" ("phone", "purpose", "id")`,
  `CREATE INDEX "IX_captcha_hash" ON "captcha" ("hash")`,
  `CREATE TABLE "real_name_record" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "id_type" varchar(10) NOT NULL, "id_number_sealed" varchar(300) NOT NULL, "id_number_hmac" varchar(64) NOT NULL, "name" varchar(30) NOT NULL, "gender" varchar(6) NOT NULL, "birthday" datetime NOT NULL, "nation" varchar(10), "address" varchar(100), "organization" varchar(30), "date_start" datetime, "date_end" datetime, "owner_account_id" integer NOT NULL, "face_verified_at" datetime, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL)`,
  `CREATE INDEX "IX_real_name_record_owner" ON "real_name_record" ("owner_account_id")`,
  `CREATE UNIQUE INDEX "UQ_real_name_record_id_hmac" ON "real_name_record" ("id_number_hmac")`,
  `CREATE TABLE "face_identity_check" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id_key" varchar(128) NOT NULL, "account_id" integer, "name_sealed" varchar(300), "id_number_sealed" varchar(300), "id_number_hmac" varchar(64) NOT NULL, "requested_at" datetime NOT NULL, "expires_at" datetime NOT NULL, "open_id" varchar(64), "verified_at" datetime, "passed" boolean, "reason" varchar(300))`,
  `CREATE INDEX "IX_face_identity_check_account" ON "face_identity_check" ("account_id", "id")`,
  `CREATE UNIQUE INDEX "UQ_face_identity_check_key" ON "face_identity_check" ("user_id_key")`,
];

const TABLES = ['face_identity_check', 'real_name_record', 'captcha', 'hotel_token', 'hotel_account', 'rate_counter'];

export class HotelApi1764600000000 implements MigrationInterface {
  name = 'HotelApi1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of runner.connection.options.type === 'better-sqlite3' ? SQLITE_TABLES : MSSQL_TABLES) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of TABLES) await runner.query(`DROP TABLE "${table}"`);
  }
}
