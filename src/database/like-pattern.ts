import { FindOperator, Raw } from 'typeorm';

/** `%text%` for `LIKE ... ESCAPE '\'`, with the wildcards of both SQLite and SQL Server escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_[]/g, (c) => `\\${c}`)}%`;
}

/** A `find` condition: the column contains `text` as it is (wildcards are plain characters). */
export function containing(text: string): FindOperator<string> {
  return Raw((column) => `${column} LIKE :pattern ESCAPE '\\'`, { pattern: containsPattern(text) });
}
