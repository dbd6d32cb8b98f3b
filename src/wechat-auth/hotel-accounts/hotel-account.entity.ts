import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type HotelRole = 'user' | 'admin';

/** An account of the hotel mini-program (hotel-vision-api.md): its own population, by mainland mobile number. */
@Entity('hotel_account')
@Index('UQ_hotel_account_username', ['username'], { unique: true })
export class HotelAccount {
  @PrimaryGeneratedColumn()
  id: number;

  /** The phone number the account was registered with; it is also `phone`. */
  @Column({ type: String, length: 11 })
  username: string;

  /** Salted scrypt (PasswordHasher); null for an account created by SMS login that never set one. */
  @Column({ type: String, length: 200, nullable: true })
  passwordHash: string | null;

  @Column({ type: String, length: 20, nullable: true })
  nickname: string | null;

  @Column({ type: String, length: 50, nullable: true })
  email: string | null;

  /** `admin` may call the spec's administrator-only operations; set by FaceGate administrators. */
  @Column({ type: String, length: 10 })
  role: HotelRole;

  /** The real-name record bound to the account (`real_auth_id`). */
  @Column({ type: Number, nullable: true })
  realNameId: number | null;

  /** Whether the account's face is registered (`face_id`, which is its real-name ID number). */
  @Column({ type: Boolean })
  faceBound: boolean;

  /** Storage key of the uploaded portrait (private area). */
  @Column({ type: String, length: 200, nullable: true })
  portraitKey: string | null;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  updatedAt: Date;
}
