import { MigrationInterface, QueryRunner } from 'typeorm';

/** Which employee binding authorised a visit, so revoking the binding can undo what it authorised. */
export const MSSQL_CHANGES = ['ALTER TABLE "visit_application" ADD "authorised_by_binding_id" int'];
const SQLITE_CHANGES = ['ALTER TABLE "visit_application" ADD "authorised_by_binding_id" integer'];

export class VisitorHardening1764800000000 implements MigrationInterface {
  name = 'VisitorHardening1764800000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of runner.connection.options.type === 'better-sqlite3' ? SQLITE_CHANGES : MSSQL_CHANGES) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE "visit_application" DROP COLUMN "authorised_by_binding_id"');
  }
}
