import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Applications per authorisation state, kept by database triggers, so listing them all never counts the table. */
@Entity('visit_application_tally')
export class VisitApplicationTally {
  /** 0 not authorised, 1 authorised. */
  @PrimaryColumn({ type: Number })
  isAuth: number;

  @Column({ type: Number })
  total: number;
}
