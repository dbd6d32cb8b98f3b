import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type TaskAction = 'upsert' | 'delete';
export type TaskState = 'pending' | 'done' | 'failed';

/**
 * The outbox of provisioning: one row per (grant, terminal), saying what the terminal must hold
 * for that person. A change to the grant rewrites the row in the same transaction; a worker
 * drains pending rows with backoff. `failed` means the terminal refused for good.
 */
@Entity('provisioning_task')
@Index('UQ_provisioning_task_grant_terminal', ['grantId', 'terminalId'], { unique: true })
@Index('IX_provisioning_task_due', ['terminalId', 'state', 'nextAttemptAt', 'id'])
export class ProvisioningTask {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: Number })
  grantId: number;

  @Column({ type: Number })
  terminalId: number;

  @Column({ type: String, length: 10 })
  action: TaskAction;

  /** The grant version this task applies; a task whose grant moved on is done again. */
  @Column({ type: Number })
  grantVersion: number;

  @Column({ type: String, length: 10 })
  state: TaskState;

  /** Whether the person is on the terminal as far as FaceGate knows (decides add or update). */
  @Column({ type: Boolean })
  onTerminal: boolean;

  @Column({ type: Number })
  attempts: number;

  @Column({ type: Date })
  nextAttemptAt: Date;

  @Column({ type: Number, nullable: true })
  lastErrorCode: number | null;

  @Column({ type: String, length: 500, nullable: true })
  lastError: string | null;

  @Column({ type: Date })
  updatedAt: Date;
}
