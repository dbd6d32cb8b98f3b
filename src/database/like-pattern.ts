import { DataSource, FindOperator, Raw } from 'typeorm';

/** `%text%` for `LIKE ... ESCAPE '\'`, with the wildcards of SQLite, SQL Server and PostgreSQL escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_[]/g, (c) => `\\${c}`)}%`;
}

/**
 * `column` contains the pattern bound to `:parameter` (a containsPattern), Latin letters in either
 * case as SQLite's LIKE and SQL Server's default collation match them: ILIKE on PostgreSQL, whose
 * LIKE tells cases apart (its trigram indexes serve both).
 */
export function containsSql(dataSource: DataSource, column: string, parameter: string): string {
  return `${column} ${dataSource.options.type === 'postgres' ? 'ILIKE' : 'LIKE'} :${parameter} ESCAPE '\\'`;
}

/** A `find` condition: the column contains `text` as it is (wildcards are plain characters). */
export function containing(dataSource: DataSource, text: string): FindOperator<string> {
  return Raw((column) => containsSql(dataSource, column, 'pattern'), { pattern: containsPattern(text) });
}
