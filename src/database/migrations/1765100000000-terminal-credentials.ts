import { MigrationInterface, QueryRunner } from 'typeorm';

/** Since when a terminal refuses FaceGate's password, kept across restarts (the same statement on both drivers). */
export const MSSQL_CHANGES = ['ALTER TABLE "terminal" ADD "credentials_refused_at" datetime'];

export class TerminalCredentials1765100000000 implements MigrationInterface {
  name = 'TerminalCredentials1765100000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of MSSQL_CHANGES) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE "terminal" DROP COLUMN "credentials_refused_at"');
  }
}
