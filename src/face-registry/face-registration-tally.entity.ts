import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Row count per state, kept by database triggers on face_registration, so that paging
 * through every registration never counts the table.
 */
@Entity('face_registration_tally')
export class FaceRegistrationTally {
  @PrimaryColumn({ type: Number })
  state: number;

  @Column({ type: Number })
  total: number;
}
