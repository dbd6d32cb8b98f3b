import { MigrationInterface, QueryRunner } from 'typeorm';

/** The same statement on both drivers. */
export const MSSQL_CHANGES = ['ALTER TABLE "notification" ADD "sending_since" datetime'];

/** A notification is claimed before its provider is called, so a crash during the call is seen afterwards. */
export class NotificationClaims1764500000000 implements MigrationInterface {
  name = 'NotificationClaims1764500000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of MSSQL_CHANGES) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE "notification" DROP COLUMN "sending_since"');
  }
}
