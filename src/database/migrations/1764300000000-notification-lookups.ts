import { MigrationInterface, QueryRunner } from 'typeorm';

const RECIPIENT_INDEX = 'CREATE INDEX "IX_notification_recipient" ON "notification" ("recipient", "id")';
export const MSSQL_CHANGES = ['ALTER TABLE "notification" ADD "provider_message_id" nvarchar(100)', RECIPIENT_INDEX];
const SQLITE_CHANGES = ['ALTER TABLE "notification" ADD "provider_message_id" varchar(100)', RECIPIENT_INDEX];

/**
 * Support questions ("did 139... get the message?"): the id the provider gave a sent message
 * (WeChat msgid, Aliyun BizId), to look it up in their consoles, and messages by recipient.
 */
export class NotificationLookups1764300000000 implements MigrationInterface {
  name = 'NotificationLookups1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of runner.connection.options.type === 'better-sqlite3' ? SQLITE_CHANGES : MSSQL_CHANGES) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    const sqlite = runner.connection.options.type === 'better-sqlite3';
    await runner.query(sqlite ? 'DROP INDEX "IX_notification_recipient"' : 'DROP INDEX "IX_notification_recipient" ON "notification"');
    await runner.query('ALTER TABLE "notification" DROP COLUMN "provider_message_id"');
  }
}
