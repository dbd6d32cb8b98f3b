import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type GrantSource = 'face-registration' | 'visitor';

/** Who must be on the terminals, as the gateway learned it from events. Revoked grants are kept. */
@Entity('access_grant')
@Index('UQ_access_grant_person_id', ['personId'], { unique: true })
@Index('IX_access_grant_end_time', ['active', 'endTime'])
export class AccessGrant {
  @PrimaryGeneratedColumn()
  id: number;

  /** The terminal `userId`. */
  @Column({ type: String, length: 40 })
  personId: string;

  @Column({ type: String, length: 30 })
  source: GrantSource;

  /** The id of the thing in its own module (registration id, visit subject id). */
  @Column({ type: String, length: 64 })
  sourceId: string;

  /** Terminal user type: 1 employee, 2 visitor. */
  @Column({ type: Number })
  userType: number;

  @Column({ type: String, length: 80 })
  name: string;

  @Column({ type: String, length: 20 })
  phone: string;

  /** `icNumber` on the terminal. */
  @Column({ type: String, length: 40 })
  cardNumber: string;

  @Column({ type: String, length: 500 })
  photoUrl: string;

  /** Visitors only: the visit window. */
  @Column({ type: Date, nullable: true })
  startTime: Date | null;

  @Column({ type: Date, nullable: true })
  endTime: Date | null;

  @Column({ type: Boolean })
  active: boolean;

  /** Increases with every change; provisioning tasks carry the version they apply. */
  @Column({ type: Number })
  version: number;

  /** The version for which "on every terminal" was last announced. */
  @Column({ type: Number, nullable: true })
  announcedVersion: number | null;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  updatedAt: Date;
}
