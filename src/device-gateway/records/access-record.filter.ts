import { SelectQueryBuilder } from 'typeorm';
import { containsPattern, containsSql } from '../../database/like-pattern';
import { AccessRecord } from './access-record.entity';
import { AccessRecordQueryDto } from './dto/access-record.dto';
import { SQL_BOOLEANS } from '../../database/prepared-query';

/**
 * What makes a record "denied": a stranger (-1), the blacklisted (3), or a door the terminal kept
 * shut (NULL: it did not say). Its booleans are `:true` and `:false` (SQL_BOOLEANS): each database writes them its own way.
 */
export const deniedSql = (doorOpened: string, userType: string) => `(COALESCE(${doorOpened}, :true) = :false OR COALESCE(${userType}, 0) IN (-1, 3))`;
const DENIED = deniedSql('r.doorOpened', 'r.userType');

/** The kinds of record that are someone at a door (the others: temperatures, provisioning results, heartbeats). */
export const ENTRY_KINDS = ['recognition', 'face'];

/** The same rule on one record. */
export function isDenied(record: { doorOpened: boolean | null; userType: number | null }): boolean {
  return record.doorOpened === false || record.userType === -1 || record.userType === 3;
}

/** Narrows a query of access records (alias `r`) to what the filter asks for. */
export function filterRecords(builder: SelectQueryBuilder<AccessRecord>, filter: AccessRecordQueryDto): SelectQueryBuilder<AccessRecord> {
  if (filter.terminalId !== undefined) builder.andWhere('r.terminalId = :terminalId', { terminalId: filter.terminalId });
  if (filter.userId !== undefined) builder.andWhere('r.userId = :userId', { userId: filter.userId });
  if (filter.type !== undefined) builder.andWhere('r.userType = :type', { type: filter.type });
  if (filter.kind !== undefined) builder.andWhere('r.kind = :kind', { kind: filter.kind });
  if (filter.from) builder.andWhere('r.signedAt >= :from', { from: filter.from });
  if (filter.to) builder.andWhere('r.signedAt < :to', { to: filter.to });
  if (filter.name?.trim()) builder.andWhere(containsSql(builder.connection, 'r.name', 'name'), { name: containsPattern(filter.name.trim()) });
  if (filter.result) builder.andWhere(filter.result === 'denied' ? DENIED : `NOT ${DENIED}`, SQL_BOOLEANS);
  return builder.orderBy('r.signedAt', 'DESC').addOrderBy('r.id', 'DESC');
}
