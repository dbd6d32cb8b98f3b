import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PreparedSql } from '../../database/prepared-query';
import { deniedSql, ENTRY_KINDS } from './access-record.filter';

export interface HourTally {
  start: Date;
  passed: number;
  denied: number;
}

/** Counts of access records for the console's day at a glance. */
@Injectable()
export class AccessRecordStats {
  /** One statement per number of hours a day can have. */
  private readonly hourly: Map<number, PreparedSql>;

  constructor(private readonly dataSource: DataSource) {
    this.hourly = new Map([23, 24, 25].map((hours) => [hours, this.statementFor(hours)]));
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

  private statementFor(hours: number): PreparedSql {
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
