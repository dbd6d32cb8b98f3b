import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One WeChat face identity check (人脸核身): the name and ID number submitted for a `user_id_key`,
 * and what WeChat answered about the face. The name and ID number are kept sealed only until the
 * check is decided; the outcome stays.
 */
@Entity('face_identity_check')
@Index('UQ_face_identity_check_key', ['userIdKey'], { unique: true })
@Index('IX_face_identity_check_account', ['accountId', 'id'])
export class FaceIdentityCheck {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: String, length: 128 })
  userIdKey: string;

  /** The hotel account that asked, when a token came with the request. */
  @Column({ type: Number, nullable: true })
  accountId: number | null;

  @Column({ type: String, length: 300, nullable: true })
  nameSealed: string | null;

  @Column({ type: String, length: 300, nullable: true })
  idNumberSealed: string | null;

  @Column({ type: String, length: 64 })
  idNumberHmac: string;

  @Column({ type: Date })
  requestedAt: Date;

  /** When WeChat's user_id_key expires. */
  @Column({ type: Date })
  expiresAt: Date;

  @Column({ type: String, length: 64, nullable: true })
  openId: string | null;

  @Column({ type: Date, nullable: true })
  verifiedAt: Date | null;

  @Column({ type: Boolean, nullable: true })
  passed: boolean | null;

  @Column({ type: String, length: 300, nullable: true })
  reason: string | null;
}
