import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ReconciliationTrigger = 'schedule' | 'reconnect' | 'manual';
export type ReconciliationState = 'running' | 'succeeded' | 'failed';

/** One comparison of a terminal's user list with the grants, and what it changed. */
@Entity('reconciliation_run')
@Index('IX_reconciliation_run_terminal', ['terminalId', 'startedAt'])
export class ReconciliationRun {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: Number })
  terminalId: number;

  @Column({ type: String, length: 12 })
  trigger: ReconciliationTrigger;

  @Column({ type: String, length: 12 })
  state: ReconciliationState;

  @Column({ type: Date })
  startedAt: Date;

  @Column({ type: Date, nullable: true })
  finishedAt: Date | null;

  @Column({ type: Number, nullable: true })
  durationMs: number | null;

  /** Calls to /api/user/list. */
  @Column({ type: Number })
  listCalls: number;

  /** Users the terminal held when the run began. */
  @Column({ type: Number })
  terminalUsers: number;

  @Column({ type: Number })
  added: number;

  @Column({ type: Number })
  updated: number;

  @Column({ type: Number })
  removed: number;

  /** Users not created by FaceGate, left alone. */
  @Column({ type: Number })
  unmanaged: number;

  /** Writes the terminal refused. */
  @Column({ type: Number })
  failures: number;

  @Column({ type: String, length: 1000, nullable: true })
  error: string | null;
}
