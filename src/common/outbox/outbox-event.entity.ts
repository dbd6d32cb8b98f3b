import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A domain event written in the same transaction as the change that caused it, then dispatched. */
@Entity('event_outbox')
@Index('IX_event_outbox_due', ['deliveredAt', 'nextAttemptAt', 'id'])
@Index('IX_event_outbox_aggregate', ['aggregateKey', 'deliveredAt', 'id'])
export class OutboxEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: String, length: 100 })
  eventName: string;

  /** Events of one aggregate are delivered in order: a later one waits while an earlier one is undelivered. */
  @Column({ type: String, length: 100 })
  aggregateKey: string;

  @Column({ type: String, length: 4000 })
  payload: string;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Number })
  attempts: number;

  @Column({ type: Date })
  nextAttemptAt: Date;

  @Column({ type: String, length: 1000, nullable: true })
  lastError: string | null;

  @Column({ type: Date, nullable: true })
  deliveredAt: Date | null;
}
