import { MigrationInterface, QueryRunner } from 'typeorm';
import { characterIndex } from '../character-index';
import { SQLITE_SEARCH } from './1764000000000-visitor-appointment';

/** Visitor and interviewee names, at most 80 characters. */
const NAMES = characterIndex('visit_application', ['name', 'interviewee'], 80);

/** SQLite: visit names are searched through a character index instead of the trigram index, which missed two-character names. */
const UP = [
  'DROP TRIGGER "visit_application_fts_insert"',
  'DROP TRIGGER "visit_application_fts_delete"',
  'DROP TRIGGER "visit_application_fts_update"',
  'DROP TABLE "visit_application_fts"',
  ...NAMES.create,
];

const DOWN = [...NAMES.drop, ...SQLITE_SEARCH, `INSERT INTO visit_application_fts(visit_application_fts) VALUES ('rebuild')`];

/** SQL Server searches names with LIKE; nothing changes there. */
export class VisitNameCharacters1764100000000 implements MigrationInterface {
  name = 'VisitNameCharacters1764100000000';

  async up(runner: QueryRunner): Promise<void> {
    if (runner.connection.options.type !== 'better-sqlite3') return;
    for (const statement of UP) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    if (runner.connection.options.type !== 'better-sqlite3') return;
    for (const statement of DOWN) await runner.query(statement);
  }
}
