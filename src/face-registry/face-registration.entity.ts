import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { FaceRegistrationState } from './face-registration-state';

@Entity('face_registration')
@Index('UQ_face_registration_tel_no', ['telNo'], { unique: true })
@Index('IX_face_registration_apply_time', ['applyTime', 'id'])
@Index('IX_face_registration_state_apply_time', ['state', 'applyTime', 'id'])
@Index('IX_face_registration_open_id_apply_time', ['openId', 'applyTime', 'id'])
@Index('IX_face_registration_photo_key', ['photoKey'])
// PostgreSQL's trigram and character indexes for substring search (its baseline migration makes them; TypeORM cannot describe them).
@Index('IX_face_registration_name_trgm', { synchronize: false })
@Index('IX_face_registration_tel_no_trgm', { synchronize: false })
@Index('IX_face_registration_name_chars', { synchronize: false })
export class FaceRegistration {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: String, length: 30 })
  name: string;

  /** The WeChat mini-program user who submitted it. */
  @Column({ type: String, length: 200 })
  openId: string;

  @Column({ type: String, length: 20 })
  telNo: string;

  @Column({ type: Date })
  applyTime: Date;

  @Column({ type: Number })
  state: FaceRegistrationState;

  /** Storage key of the normalised JPEG in the public area; the URL is derived from it. */
  @Column({ type: String, length: 200 })
  photoKey: string;

  /** Digits only; defaults to the phone number's last 9 digits. */
  @Column({ type: String, length: 20 })
  cardNo: string;

  @Column({ type: Date, nullable: true })
  reviewedAt: Date | null;

  @Column({ type: String, length: 100, nullable: true })
  reviewedBy: string | null;

  @Column({ type: Date })
  updatedAt: Date;

  /** Why a door terminal refused the person for good (device gateway), until it holds them. */
  @Column({ type: String, length: 500, nullable: true })
  provisioningError: string | null;
}
