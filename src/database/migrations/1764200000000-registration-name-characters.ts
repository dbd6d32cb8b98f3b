import { MigrationInterface, QueryRunner } from 'typeorm';
import { characterIndex } from '../character-index';

/** Registration names, at most 30 characters. */
const NAMES = characterIndex('face_registration', ['name'], 30);

/**
 * SQLite: getfaces.do's `fields` of one or two characters (a Chinese name) scanned the table twice;
 * names get a character index beside the trigram index. SQL Server searches with LIKE as before.
 */
export class RegistrationNameCharacters1764200000000 implements MigrationInterface {
  name = 'RegistrationNameCharacters1764200000000';

  async up(runner: QueryRunner): Promise<void> {
    if (runner.connection.options.type !== 'better-sqlite3') return;
    for (const statement of NAMES.create) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    if (runner.connection.options.type !== 'better-sqlite3') return;
    for (const statement of NAMES.drop) await runner.query(statement);
  }
}
