import { MigrationInterface, QueryRunner } from 'typeorm';
import { SQLITE_SEARCH } from './1764000000000-visitor-appointment';

/** Names are at most 80 characters (the column's length). */
const NAME_LENGTH = 80;

/** `王小明` → `王 小 明 …`: one token per character for FTS5's unicode61 tokenizer. */
function spaced(column: string): string {
  return Array.from({ length: NAME_LENGTH }, (_, i) => `substr(${column}, ${i + 1}, 1)`).join(` || ' ' || `);
}

const index = (row: 'new' | 'old') =>
  `INSERT INTO visit_application_chars(rowid, name, interviewee) VALUES (${row}.id, ${spaced(`${row}.name`)}, ${spaced(`${row}.interviewee`)})`;
const unindex = `INSERT INTO visit_application_chars(visit_application_chars, rowid, name, interviewee) VALUES ('delete', old.id, ${spaced('old.name')}, ${spaced('old.interviewee')})`;

/**
 * SQLite: names are searched by any substring, and Chinese names are two or three characters, so
 * the trigram index (three characters at least) missed the common searches. An index of single
 * characters answers a substring of any length as a phrase of consecutive characters.
 */
const UP = [
  'DROP TRIGGER "visit_application_fts_insert"',
  'DROP TRIGGER "visit_application_fts_delete"',
  'DROP TRIGGER "visit_application_fts_update"',
  'DROP TABLE "visit_application_fts"',
  `CREATE VIRTUAL TABLE "visit_application_chars" USING fts5(name, interviewee, content='', tokenize='unicode61')`,
  `INSERT INTO visit_application_chars(rowid, name, interviewee) SELECT id, ${spaced('name')}, ${spaced('interviewee')} FROM visit_application`,
  `CREATE TRIGGER "visit_application_chars_insert" AFTER INSERT ON "visit_application" BEGIN ${index('new')}; END`,
  `CREATE TRIGGER "visit_application_chars_delete" AFTER DELETE ON "visit_application" BEGIN ${unindex}; END`,
  `CREATE TRIGGER "visit_application_chars_update" AFTER UPDATE OF name, interviewee ON "visit_application" BEGIN ${unindex}; ${index('new')}; END`,
];

const DOWN = [
  'DROP TRIGGER "visit_application_chars_insert"',
  'DROP TRIGGER "visit_application_chars_delete"',
  'DROP TRIGGER "visit_application_chars_update"',
  'DROP TABLE "visit_application_chars"',
  ...SQLITE_SEARCH,
  `INSERT INTO visit_application_fts(visit_application_fts) VALUES ('rebuild')`,
];

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
