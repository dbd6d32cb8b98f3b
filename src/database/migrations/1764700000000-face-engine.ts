import { MigrationInterface, QueryRunner } from 'typeorm';

/** Embeddings of stored faces, the hotel API's face groups and faces. */
export const MSSQL_TABLES = [
  `CREATE TABLE "face_embedding" ("photo_key" nvarchar(200) NOT NULL, "subject" nvarchar(20) NOT NULL, "model" nvarchar(64), "model_version" nvarchar(64), "faces" int, "vector" varchar(8000), "problem" nvarchar(300), "created_at" datetime NOT NULL, "analysed_at" datetime, CONSTRAINT "PK_face_embedding" PRIMARY KEY ("photo_key"))`,
  `CREATE INDEX "IX_face_embedding_model" ON "face_embedding" ("model_version", "created_at")`,
  `CREATE TABLE "face_group" ("id" int NOT NULL IDENTITY(1,1), "name" nvarchar(20) NOT NULL, "content" nvarchar(500) NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, CONSTRAINT "PK_face_group" PRIMARY KEY ("id"))`,
  `CREATE UNIQUE INDEX "UQ_face_group_name" ON "face_group" ("name")`,
  `CREATE TABLE "hotel_face" ("id" int NOT NULL IDENTITY(1,1), "group_id" int NOT NULL, "account_id" int NOT NULL, "real_name_id" int NOT NULL, "content" nvarchar(500) NOT NULL, "photo_key" nvarchar(200) NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, CONSTRAINT "PK_hotel_face" PRIMARY KEY ("id"))`,
  `CREATE INDEX "IX_hotel_face_photo" ON "hotel_face" ("photo_key")`,
  `CREATE INDEX "IX_hotel_face_account" ON "hotel_face" ("account_id", "updated_at")`,
  `CREATE UNIQUE INDEX "UQ_hotel_face_group_person" ON "hotel_face" ("group_id", "real_name_id")`,
  `CREATE INDEX "IX_face_registration_photo_key" ON "face_registration" ("photo_key")`,
];

const SQLITE_TABLES = [
  `CREATE TABLE "face_embedding" ("photo_key" varchar(200) PRIMARY KEY NOT NULL, "subject" varchar(20) NOT NULL, "model" varchar(64), "model_version" varchar(64), "faces" integer, "vector" varchar(8000), "problem" varchar(300), "created_at" datetime NOT NULL, "analysed_at" datetime)`,
  `CREATE INDEX "IX_face_embedding_model" ON "face_embedding" ("model_version", "created_at")`,
  `CREATE TABLE "face_group" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(20) NOT NULL, "content" varchar(500) NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL)`,
  `CREATE UNIQUE INDEX "UQ_face_group_name" ON "face_group" ("name")`,
  `CREATE TABLE "hotel_face" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "group_id" integer NOT NULL, "account_id" integer NOT NULL, "real_name_id" integer NOT NULL, "content" varchar(500) NOT NULL, "photo_key" varchar(200) NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL)`,
  `CREATE INDEX "IX_hotel_face_photo" ON "hotel_face" ("photo_key")`,
  `CREATE INDEX "IX_hotel_face_account" ON "hotel_face" ("account_id", "updated_at")`,
  `CREATE UNIQUE INDEX "UQ_hotel_face_group_person" ON "hotel_face" ("group_id", "real_name_id")`,
  `CREATE INDEX "IX_face_registration_photo_key" ON "face_registration" ("photo_key")`,
];

/**
 * The default group (id 1, the spec's "默认人员库"), and a waiting embedding row for every photo
 * stored before this version, so the embedding job analyses them.
 */
const SEEDS = [
  `INSERT INTO "face_group" ("name", "content", "created_at", "updated_at") VALUES ('默认人员库', '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
  `INSERT INTO "face_embedding" ("photo_key", "subject", "created_at") SELECT "photo_key", 'registration', "apply_time" FROM "face_registration"`,
  `INSERT INTO "face_embedding" ("photo_key", "subject", "created_at") SELECT "p"."photo_key", 'visitor', "a"."created_at" FROM "visit_person" "p" JOIN "visit_application" "a" ON "a"."id" = "p"."application_id" WHERE "p"."photo_key" IS NOT NULL`,
];

export class FaceEngine1764700000000 implements MigrationInterface {
  name = 'FaceEngine1764700000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of runner.connection.options.type === 'better-sqlite3' ? SQLITE_TABLES : MSSQL_TABLES) await runner.query(statement);
    for (const statement of SEEDS) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "IX_face_registration_photo_key"${runner.connection.options.type === 'better-sqlite3' ? '' : ' ON "face_registration"'}`);
    for (const table of ['hotel_face', 'face_group', 'face_embedding']) await runner.query(`DROP TABLE "${table}"`);
  }
}
