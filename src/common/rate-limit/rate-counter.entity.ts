import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Hits on one key (a limit and whom it counts: an address, a phone, a user name) in a fixed window. */
@Entity('rate_counter')
@Index('IX_rate_counter_expires', ['expiresAt'])
export class RateCounter {
  @PrimaryColumn({ type: String, length: 200 })
  counterKey: string;

  @Column({ type: Number })
  hits: number;

  /** End of the window: a hit after it starts a new one. */
  @Column({ type: Date })
  expiresAt: Date;
}
