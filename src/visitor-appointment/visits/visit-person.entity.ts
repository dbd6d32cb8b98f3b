import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type VisitRole = 'visitor' | 'retinue';

/** One person of an application: the main visitor or a companion (随行人员), each with a QR code once signed in. */
@Entity('visit_person')
@Index('IX_visit_person_application', ['applicationId', 'id'])
@Index('IX_visit_person_phone', ['phone'])
@Index('UQ_visit_person_qrcode', ['qrcode'], { unique: true, where: '"qrcode" IS NOT NULL' })
export class VisitPerson {
  /** The person's `subject_id` on the wire. */
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: Number })
  applicationId: number;

  @Column({ type: String, length: 10 })
  role: VisitRole;

  @Column({ type: String, length: 80 })
  name: string;

  @Column({ type: String, length: 20 })
  phone: string;

  @Column({ type: String, length: 200, nullable: true })
  photoKey: string | null;

  /** 32 random hex characters, issued at sign-in. */
  @Column({ type: String, length: 32, nullable: true })
  qrcode: string | null;
}
