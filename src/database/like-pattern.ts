/** `%text%` for `LIKE ... ESCAPE '\'`, with the wildcards of both SQLite and SQL Server escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_[]/g, (c) => `\\${c}`)}%`;
}
