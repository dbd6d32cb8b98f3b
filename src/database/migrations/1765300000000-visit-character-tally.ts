import { MigrationInterface, QueryRunner } from 'typeorm';

/** The characters of a visit's name and interviewee, one row each (a character twice in a name counts once). */
const characters = (rows: string, sign: 1 | -1) => `
  SELECT c.field, c.ch, r.is_auth::int AS is_auth, ${sign} AS delta FROM ${rows} r
  CROSS JOIN LATERAL (
    SELECT DISTINCT 'name' AS field, x AS ch FROM unnest(string_to_array(lower(r.name), NULL)) x
    UNION SELECT DISTINCT 'interviewee', y FROM unnest(string_to_array(lower(r.interviewee), NULL)) y
  ) c`;

/**
 * PostgreSQL only: how many visits hold each character in their name or interviewee, per
 * authorisation state, kept by statement triggers, so that a one-character search counts its
 * matches with a look-up instead of visiting each of them (986 rows for 王 of 100,000). The
 * changes are applied in key order: two transactions never wait for each other in a circle.
 * SQLite's FTS5 index counts them itself, and SQL Server scans.
 */
export const POSTGRES_CHANGES = [
  `CREATE TABLE "visit_character_tally" ("field" varchar(20) NOT NULL, "ch" varchar(8) NOT NULL, "is_auth" integer NOT NULL, "total" integer NOT NULL,
     CONSTRAINT "PK_visit_character_tally" PRIMARY KEY ("field", "ch", "is_auth"))`,
  `CREATE FUNCTION "visit_character_tally_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP = 'INSERT' THEN
       INSERT INTO "visit_character_tally" ("field", "ch", "is_auth", "total")
         SELECT field, ch, is_auth, SUM(delta) FROM (${characters('new_rows', 1)}) d GROUP BY field, ch, is_auth ORDER BY field, ch, is_auth
       ON CONFLICT ("field", "ch", "is_auth") DO UPDATE SET "total" = "visit_character_tally"."total" + EXCLUDED."total";
     ELSIF TG_OP = 'DELETE' THEN
       INSERT INTO "visit_character_tally" ("field", "ch", "is_auth", "total")
         SELECT field, ch, is_auth, SUM(delta) FROM (${characters('old_rows', -1)}) d GROUP BY field, ch, is_auth ORDER BY field, ch, is_auth
       ON CONFLICT ("field", "ch", "is_auth") DO UPDATE SET "total" = "visit_character_tally"."total" + EXCLUDED."total";
     ELSE
       INSERT INTO "visit_character_tally" ("field", "ch", "is_auth", "total")
         SELECT field, ch, is_auth, SUM(delta) FROM (
           ${characters('(SELECT o.* FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE (o.name, o.interviewee, o.is_auth) IS DISTINCT FROM (n.name, n.interviewee, n.is_auth))', -1)}
           UNION ALL
           ${characters('(SELECT n.* FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE (o.name, o.interviewee, o.is_auth) IS DISTINCT FROM (n.name, n.interviewee, n.is_auth))', 1)}
         ) d GROUP BY field, ch, is_auth HAVING SUM(delta) <> 0 ORDER BY field, ch, is_auth
       ON CONFLICT ("field", "ch", "is_auth") DO UPDATE SET "total" = "visit_character_tally"."total" + EXCLUDED."total";
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER "visit_character_tally_insert" AFTER INSERT ON "visit_application" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "visit_character_tally_sync"()`,
  `CREATE TRIGGER "visit_character_tally_update" AFTER UPDATE ON "visit_application" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "visit_character_tally_sync"()`,
  `CREATE TRIGGER "visit_character_tally_delete" AFTER DELETE ON "visit_application" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "visit_character_tally_sync"()`,
  `INSERT INTO "visit_character_tally" ("field", "ch", "is_auth", "total")
     SELECT field, ch, is_auth, SUM(delta) FROM (${characters('visit_application', 1)}) d GROUP BY field, ch, is_auth ORDER BY field, ch, is_auth`,
];

export class VisitCharacterTally1765300000000 implements MigrationInterface {
  name = 'VisitCharacterTally1765300000000';

  async up(runner: QueryRunner): Promise<void> {
    if (runner.connection.options.type !== 'postgres') return;
    for (const statement of POSTGRES_CHANGES) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    if (runner.connection.options.type !== 'postgres') return;
    for (const trigger of ['insert', 'update', 'delete']) await runner.query(`DROP TRIGGER "visit_character_tally_${trigger}" ON "visit_application"`);
    await runner.query('DROP FUNCTION "visit_character_tally_sync"()');
    await runner.query('DROP TABLE "visit_character_tally"');
  }
}
