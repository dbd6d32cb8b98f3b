import { MigrationInterface, QueryRunner } from 'typeorm';

/** The console's day of visitors reads the visits that end after the day began (the same statement on both drivers). */
export const MSSQL_CHANGES = ['CREATE INDEX "IX_visit_application_end_time" ON "visit_application" ("end_time")'];

export class VisitEndTime1765200000000 implements MigrationInterface {
  name = 'VisitEndTime1765200000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of MSSQL_CHANGES) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(runner.connection.options.type === 'mssql' ? 'DROP INDEX "IX_visit_application_end_time" ON "visit_application"' : 'DROP INDEX "IX_visit_application_end_time"');
  }
}
