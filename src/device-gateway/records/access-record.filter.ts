/**
 * What makes a record "denied": a stranger (-1), the blacklisted (3), or a door the terminal kept
 * shut (NULL: it did not say). Its booleans are `:true` and `:false` (SQL_BOOLEANS): each database writes them its own way.
 */
export const deniedSql = (doorOpened: string, userType: string) => `(COALESCE(${doorOpened}, :true) = :false OR COALESCE(${userType}, 0) IN (-1, 3))`;

/** The kinds of record that are someone at a door (the others: temperatures, provisioning results, heartbeats). */
export const ENTRY_KINDS = ['recognition', 'face'];

/** The same rule on one record. */
export function isDenied(record: { doorOpened: boolean | null; userType: number | null }): boolean {
  return record.doorOpened === false || record.userType === -1 || record.userType === 3;
}
