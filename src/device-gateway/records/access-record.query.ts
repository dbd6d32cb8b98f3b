import { Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { PageRequest, pageOffset } from '../../common/paging/page';
import { containsPattern, containsSql } from '../../database/like-pattern';
import { PreparedQuery, PreparedSql, SQL_BOOLEANS } from '../../database/prepared-query';
import { AccessRecord } from './access-record.entity';
import { deniedSql, ENTRY_KINDS } from './access-record.filter';
import { AccessRecordQueryDto } from './dto/access-record.dto';

export interface HourTally {
  start: Date;
  passed: number;
  denied: number;
}

const DENIED = deniedSql('r.doorOpened', 'r.userType');

/** Every read of access records that needs SQL of its own: look-ups on ingest, the filtered list and export, the day's counts. */
@Injectable()
export class AccessRecordQuery {
  private readonly storedRecord: PreparedQuery<AccessRecord>;
  /** One statement per number of hours a day can have. */
  private readonly hourly: Map<number, PreparedSql>;

  constructor(private readonly dataSource: DataSource) {
    this.storedRecord = new PreparedQuery(
      dataSource,
      AccessRecord,
      'SELECT signed_at FROM access_record WHERE terminal_id = :terminalId AND record_id = :recordId',
    );
    this.hourly = new Map([23, 24, 25].map((hours) => [hours, this.hourlyStatement(hours)]));
  }

  /** The record a terminal sent under this id before (only its signed time), or null. */
  stored(terminalId: number, recordId: number): Promise<AccessRecord | null> {
    return this.storedRecord.one({ terminalId, recordId });
  }

  /** A page of the filtered records, newest first, with their number. */
  page(filter: AccessRecordQueryDto, request: PageRequest): Promise<[AccessRecord[], number]> {
    return this.filtered(filter).skip(pageOffset(request)).take(request.size).getManyAndCount();
  }

  /** The next `size` filtered records, newest first, after `after` (keyset on signed time and id). */
  batch(filter: AccessRecordQueryDto, after: AccessRecord | undefined, size: number): Promise<AccessRecord[]> {
    const builder = this.filtered(filter).take(size);
    if (after) builder.andWhere('(r.signedAt < :at OR (r.signedAt = :at AND r.id < :id))', { at: after.signedAt, id: after.id });
    return builder.getMany();
  }

  /**
   * People at the doors, passed and denied, in each hour from `starts[0]` to `end`: one range scan
   * of the signed-at index, each record put in its hour by comparisons (the same SQL everywhere).
   */
  async entriesByHour(starts: Date[], end: Date): Promise<HourTally[]> {
    const parameters: Record<string, unknown> = { end };
    starts.forEach((start, i) => (parameters[`h${i}`] = start));
    const statement = this.hourly.get(starts.length);
    if (!statement) throw new Error(`a day of ${starts.length} hours`);
    const rows = await statement.rows(parameters);
    const tallies = starts.map((start) => ({ start, passed: 0, denied: 0 }));
    for (const row of rows) {
      const tally = tallies[Number(row.bucket)];
      tally.denied = Number(row.denied);
      tally.passed = Number(row.total) - tally.denied;
    }
    return tallies;
  }

  /** The records (alias `r`) the filter asks for, newest first. */
  private filtered(filter: AccessRecordQueryDto): SelectQueryBuilder<AccessRecord> {
    const builder = this.dataSource.getRepository(AccessRecord).createQueryBuilder('r');
    if (filter.terminalId !== undefined) builder.andWhere('r.terminalId = :terminalId', { terminalId: filter.terminalId });
    if (filter.userId !== undefined) builder.andWhere('r.userId = :userId', { userId: filter.userId });
    if (filter.type !== undefined) builder.andWhere('r.userType = :type', { type: filter.type });
    if (filter.kind !== undefined) builder.andWhere('r.kind = :kind', { kind: filter.kind });
    if (filter.from) builder.andWhere('r.signedAt >= :from', { from: filter.from });
    if (filter.to) builder.andWhere('r.signedAt < :to', { to: filter.to });
    if (filter.name?.trim()) builder.andWhere(containsSql(this.dataSource, 'r.name', 'name'), { name: containsPattern(filter.name.trim()) });
    if (filter.result) builder.andWhere(filter.result === 'denied' ? DENIED : `NOT ${DENIED}`, SQL_BOOLEANS);
    return builder.orderBy('r.signedAt', 'DESC').addOrderBy('r.id', 'DESC');
  }

  private hourlyStatement(hours: number): PreparedSql {
    const bucket = `CASE ${Array.from({ length: hours - 1 }, (_, i) => `WHEN r.signed_at < :h${i + 1} THEN ${i}`).join(' ')} ELSE ${hours - 1} END`;
    const kinds = ENTRY_KINDS.map((kind) => `'${kind}'`).join(', ');
    return new PreparedSql(
      this.dataSource,
      `SELECT t.bucket, COUNT(*) AS total, SUM(t.denied) AS denied FROM (
         SELECT ${bucket} AS bucket, CASE WHEN ${deniedSql('r.door_opened', 'r.user_type')} THEN 1 ELSE 0 END AS denied
         FROM access_record r WHERE r.signed_at >= :h0 AND r.signed_at < :end AND r.kind IN (${kinds})
       ) t GROUP BY t.bucket`,
    );
  }
}
