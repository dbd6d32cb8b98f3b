import { MigrationInterface, QueryRunner } from 'typeorm';

export const MSSQL_CHANGES = ['ALTER TABLE "notification" ADD "provider_message_id" nvarchar(100)'];
const SQLITE_CHANGES = ['ALTER TABLE "notification" ADD "provider_message_id" varchar(100)'];

/** The id the provider gave a sent message (WeChat msgid, Aliyun BizId), to look it up in their consoles. */
export class NotificationProviderId1764300000000 implements MigrationInterface {
  name = 'NotificationProviderId1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of runner.connection.options.type === 'better-sqlite3' ? SQLITE_CHANGES : MSSQL_CHANGES) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE "notification" DROP COLUMN "provider_message_id"');
  }
}
