import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One administrator action, or one read of a face photo or an ID number through the admin API. Append-only. */
@Entity('audit_log')
@Index('IX_audit_log_at', ['at', 'id'])
@Index('IX_audit_log_actor', ['actor', 'id'])
export class AuditEntry {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: Date })
  at: Date;

  /** Who: the administrator's name (the name tried, for a failed login). */
  @Column({ type: String, length: 100 })
  actor: string;

  /** What: the method and route, e.g. `DELETE /api/admin/registrations/:id`, or `read face photo`. */
  @Column({ type: String, length: 200 })
  action: string;

  /** Which record, e.g. `id=12`; null when the action names none. */
  @Column({ type: String, length: 200, nullable: true })
  target: string | null;

  /** How it ended: `ok`, or the protocol's refusal. */
  @Column({ type: String, length: 300 })
  outcome: string;

  /** From where: the client address. */
  @Column({ type: String, length: 64 })
  address: string;
}
