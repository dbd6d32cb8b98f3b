/**
 * An SQLite FTS5 index of single characters: `王小明` is indexed as the tokens `王 小 明`, and a
 * substring of any length is found as a phrase of consecutive characters. Chinese names are two or
 * three characters, below what a trigram index serves. The tokenizer drops punctuation and spaces,
 * so only substrings of letters and digits may be looked up (`isIndexable`); it folds case as
 * LIKE does and keeps diacritics (`ë` is not `e`).
 */

const INDEXABLE = /^[\p{L}\p{N}]+$/u;

export function isIndexable(text: string): boolean {
  return INDEXABLE.test(text);
}

/** The MATCH expression for a substring of one column. */
export function characterPhrase(column: string, text: string): string {
  return `${column} : "${[...text].join(' ')}"`;
}

/** `substr(x, 1, 1) || ' ' || substr(x, 2, 1) ...`: the column spaced out, up to its length. */
function spaced(column: string, length: number): string {
  return Array.from({ length }, (_, i) => `substr(${column}, ${i + 1}, 1)`).join(` || ' ' || `);
}

/** Statements creating `<table>_chars` over `columns` (filled from the rows already there) and the triggers keeping it. */
export function characterIndex(table: string, columns: string[], length: number): { create: string[]; drop: string[] } {
  const index = `${table}_chars`;
  const list = columns.join(', ');
  const values = (row: string) => columns.map((c) => spaced(`${row}.${c}`, length)).join(', ');
  const add = `INSERT INTO ${index}(rowid, ${list}) VALUES (new.id, ${values('new')})`;
  const remove = `INSERT INTO ${index}(${index}, rowid, ${list}) VALUES ('delete', old.id, ${values('old')})`;
  return {
    create: [
      `CREATE VIRTUAL TABLE "${index}" USING fts5(${list}, content='', tokenize='unicode61 remove_diacritics 0')`,
      `INSERT INTO ${index}(rowid, ${list}) SELECT id, ${columns.map((c) => spaced(c, length)).join(', ')} FROM "${table}"`,
      `CREATE TRIGGER "${index}_insert" AFTER INSERT ON "${table}" BEGIN ${add}; END`,
      `CREATE TRIGGER "${index}_delete" AFTER DELETE ON "${table}" BEGIN ${remove}; END`,
      `CREATE TRIGGER "${index}_update" AFTER UPDATE OF ${list} ON "${table}" BEGIN ${remove}; ${add}; END`,
    ],
    drop: [`DROP TRIGGER "${index}_insert"`, `DROP TRIGGER "${index}_delete"`, `DROP TRIGGER "${index}_update"`, `DROP TABLE "${index}"`],
  };
}

/**
 * PostgreSQL's counterpart, for the substrings its trigram index does not serve (one or two
 * characters): a GIN index over the column's characters, folded to lower case by the database.
 */
export function postgresCharacterIndex(table: string, column: string): string {
  return `CREATE INDEX "IX_${table}_${column}_chars" ON "${table}" USING gin (string_to_array(lower("${column}"), NULL))`;
}

/**
 * Rows whose column holds every character of `:{parameter}` (through the index), narrowed to those
 * holding them in a row by `like`. A single character needs no narrowing, and without it a count
 * is answered from the index and the visibility map, not row by row.
 */
export function postgresCharactersMatch(column: string, parameter: string, like?: string): string {
  const holds = `string_to_array(lower(${column}), NULL) @> string_to_array(lower(:${parameter}), NULL)`;
  return like ? `(${holds} AND ${like})` : holds;
}
