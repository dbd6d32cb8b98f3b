import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type Gender = 'male' | 'female';

/**
 * A real-name record (实名认证) of a hotel account. The resident ID number is personal data: it is
 * stored sealed (AES-256-GCM, DATA_SECRET_KEY) with an HMAC of it for look-ups, and shown masked.
 */
@Entity('real_name_record')
@Index('UQ_real_name_record_id_hmac', ['idNumberHmac'], { unique: true })
@Index('IX_real_name_record_owner', ['ownerAccountId'])
export class RealNameRecord {
  @PrimaryGeneratedColumn()
  id: number;

  /** `sfz` (resident identity card), the only kind the spec knows. */
  @Column({ type: String, length: 10 })
  idType: string;

  @Column({ type: String, length: 300 })
  idNumberSealed: string;

  @Column({ type: String, length: 64 })
  idNumberHmac: string;

  @Column({ type: String, length: 30 })
  name: string;

  @Column({ type: String, length: 6 })
  gender: Gender;

  /** Day of birth (midnight, site time), as the spec's timestamp "accurate to the day". */
  @Column({ type: Date })
  birthday: Date;

  @Column({ type: String, length: 10, nullable: true })
  nation: string | null;

  @Column({ type: String, length: 100, nullable: true })
  address: string | null;

  @Column({ type: String, length: 30, nullable: true })
  organization: string | null;

  @Column({ type: Date, nullable: true })
  dateStart: Date | null;

  @Column({ type: Date, nullable: true })
  dateEnd: Date | null;

  /** The account that created it; only it (or a hotel administrator) may bind it. */
  @Column({ type: Number })
  ownerAccountId: number;

  /** When WeChat face identity (人脸核身) confirmed that this person is who the record says. */
  @Column({ type: Date, nullable: true })
  faceVerifiedAt: Date | null;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  updatedAt: Date;
}
