import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { PreparedQuery, PreparedSql } from '../../database/prepared-query';
import { AccessRecord } from './access-record.entity';
import { RecordCursor } from './record-cursor.entity';
import { RecordLoss } from './record-loss.entity';
import { UnitOfWork } from '../../database/unit-of-work';

/** Record ids a terminal holds (or held) that FaceGate has not stored, between two it has. */
export interface RecordGap {
  first: number;
  last: number;
  /** signTime of the stored records either side (the terminal's clock). */
  previousSignedAt: Date;
  nextSignedAt: Date;
}

/** What is stored above the cursor: the gaps, and the highest id stored. */
export interface StoredSequence {
  /** Every id up to this one is stored or accounted for. */
  completeUpTo: number;
  /** Missing ids between stored ones, lowest first. */
  gaps: RecordGap[];
  /** The highest id stored (the cursor's own when nothing is stored above it). */
  newest: { recordId: number; signedAt: Date };
}

export function describeGap(gap: RecordGap): string {
  return gap.first === gap.last ? `record ${gap.first}` : `records ${gap.first}–${gap.last}`;
}

/**
 * The sequence of each terminal's record ids as FaceGate has stored it: where it is complete up
 * to (the cursor), where it has gaps above that, and the ranges given up as lost. It reads only
 * what is committed, so whatever order records arrive in, the cursor never passes a missing id.
 */
@Injectable()
export class RecordSequence {
  private readonly above: PreparedSql;
  private readonly idsAbove: PreparedQuery<AccessRecord>;
  private readonly lowest: PreparedQuery<AccessRecord>;
  private readonly signedAtOf: PreparedQuery<AccessRecord>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {
    this.above = new PreparedSql(
      dataSource,
      'SELECT COUNT(*) AS n, MAX(record_id) AS last FROM access_record WHERE terminal_id = :terminalId AND record_id > :recordId',
    );
    this.idsAbove = new PreparedQuery(
      dataSource,
      AccessRecord,
      'SELECT record_id, signed_at FROM access_record WHERE terminal_id = :terminalId AND record_id > :recordId ORDER BY record_id',
    );
    this.lowest = new PreparedQuery(
      dataSource,
      AccessRecord,
      `SELECT record_id, signed_at FROM access_record WHERE terminal_id = :terminalId AND record_id = (
         SELECT MIN(record_id) FROM access_record WHERE terminal_id = :terminalId AND record_id IS NOT NULL)`,
    );
    this.signedAtOf = new PreparedQuery(
      dataSource,
      AccessRecord,
      'SELECT signed_at FROM access_record WHERE terminal_id = :terminalId AND record_id = :recordId',
    );
  }

  cursor(terminalId: number): Promise<RecordCursor | null> {
    return this.dataSource.getRepository(RecordCursor).findOneBy({ terminalId });
  }

  async cursors(terminalIds: number[]): Promise<Map<number, RecordCursor>> {
    if (terminalIds.length === 0) return new Map();
    const cursors = await this.dataSource.getRepository(RecordCursor).findBy({ terminalId: In(terminalIds) });
    return new Map(cursors.map((cursor) => [cursor.terminalId, cursor]));
  }

  /** The terminal is gone: its cursor goes (its records and the ranges given up stay, as history). */
  async forget(terminalId: number): Promise<void> {
    await this.dataSource.getRepository(RecordCursor).delete({ terminalId });
  }

  /**
   * Starts the sequence just below the lowest id stored or, when nothing of the terminal is
   * stored, at `otherwise`. Returns the cursor (the existing one if there is one).
   */
  async begin(terminalId: number, otherwise: { recordId: number; signedAt: Date }): Promise<RecordCursor> {
    const existing = await this.cursor(terminalId);
    if (existing) return existing;
    const first = await this.lowest.one({ terminalId });
    const start = first?.recordId ? { recordId: first.recordId - 1, signedAt: first.signedAt } : otherwise;
    const cursor = Object.assign(new RecordCursor(), { terminalId, ...start, lost: 0, updatedAt: this.clock.now() });
    await this.dataSource.getRepository(RecordCursor).insert(cursor);
    return cursor;
  }

  /**
   * Moves the cursor over every id stored without a break above it, and tells what remains above:
   * the gaps and the newest id stored. Null before the sequence has begun. Costs one indexed
   * count when there is no gap.
   */
  async advance(terminalId: number): Promise<StoredSequence | null> {
    const cursor = await this.cursor(terminalId);
    if (!cursor) return null;
    const [above] = await this.above.rows({ terminalId, recordId: cursor.recordId });
    const count = Number(above?.n ?? 0);
    if (count === 0) return { completeUpTo: cursor.recordId, gaps: [], newest: { recordId: cursor.recordId, signedAt: cursor.signedAt } };
    const last = Number(above.last);
    if (last - cursor.recordId === count) {
      const [top] = await this.signedAtOf.many({ terminalId, recordId: last });
      await this.moveTo(cursor, last, top.signedAt);
      return { completeUpTo: last, gaps: [], newest: { recordId: last, signedAt: top.signedAt } };
    }
    const gaps: RecordGap[] = [];
    let previous = { recordId: cursor.recordId, signedAt: cursor.signedAt };
    let complete = previous;
    for (const row of await this.idsAbove.many({ terminalId, recordId: cursor.recordId })) {
      const recordId = row.recordId!;
      if (recordId > previous.recordId + 1) {
        gaps.push({ first: previous.recordId + 1, last: recordId - 1, previousSignedAt: previous.signedAt, nextSignedAt: row.signedAt });
      }
      previous = { recordId, signedAt: row.signedAt };
      if (gaps.length === 0) complete = previous;
    }
    if (complete.recordId > cursor.recordId) await this.moveTo(cursor, complete.recordId, complete.signedAt);
    return { completeUpTo: complete.recordId, gaps, newest: previous };
  }

  /** Gives up `gaps` (the terminal no longer holds them): they are written down, counted, and the cursor passes them. */
  async declareLost(terminalId: number, gaps: RecordGap[], reason: string): Promise<void> {
    const now = this.clock.now();
    await this.unitOfWork.run(async (manager) => {
      await manager.getRepository(RecordLoss).insert(
        gaps.map((gap) => ({
          terminalId,
          firstRecordId: gap.first,
          lastRecordId: gap.last,
          previousSignedAt: gap.previousSignedAt,
          nextSignedAt: gap.nextSignedAt,
          reason: reason.slice(0, 300),
          detectedAt: now,
        })),
      );
      const lost = gaps.reduce((sum, gap) => sum + gap.last - gap.first + 1, 0);
      await this.passOver(manager, terminalId, gaps[gaps.length - 1], lost);
    });
  }

  /** The terminal never had the ids of `gap` (it numbers its records from after it): the cursor passes it, nothing is counted. */
  async skipUnnumbered(terminalId: number, gap: RecordGap): Promise<void> {
    await this.passOver(this.dataSource.manager, terminalId, gap, 0);
  }

  private async passOver(manager: EntityManager, terminalId: number, gap: RecordGap, lost: number): Promise<void> {
    await manager
      .getRepository(RecordCursor)
      .createQueryBuilder()
      .update()
      .set({ recordId: gap.last, signedAt: gap.previousSignedAt, lost: () => `lost + ${lost}`, updatedAt: this.clock.now() })
      .where('terminal_id = :terminalId', { terminalId })
      .execute();
  }

  private async moveTo(cursor: RecordCursor, recordId: number, signedAt: Date): Promise<void> {
    await this.dataSource
      .getRepository(RecordCursor)
      .update({ terminalId: cursor.terminalId, recordId: cursor.recordId }, { recordId, signedAt, updatedAt: this.clock.now() });
  }
}
