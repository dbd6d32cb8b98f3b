import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How far a terminal's records are known to be complete. Terminals number their records one by
 * one; every id up to `recordId` is stored or declared lost, so what lies above it is what a
 * backfill must still account for. Only a backfill moves it, and only over ids it has checked:
 * a record pushed out of turn cannot carry it past a gap.
 */
@Entity('record_cursor')
export class RecordCursor {
  @PrimaryColumn({ type: Number })
  terminalId: number;

  @Column({ type: Number })
  recordId: number;

  /** signTime (the terminal's clock) of the last stored record at or below `recordId`: where the next backfill starts. */
  @Column({ type: Date })
  signedAt: Date;

  /** Records declared lost so far (see record_loss). */
  @Column({ type: Number })
  lost: number;

  @Column({ type: Date })
  updatedAt: Date;
}
