import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Role } from './principal';
import { StaffRole } from './staff-role';

/** One row per issued access token: a token is valid only while its session row exists and has not expired. */
@Entity('auth_session')
@Index('IX_auth_session_subject', ['role', 'subject'])
@Index('IX_auth_session_expires_at', ['expiresAt'])
export class AuthSession {
  @PrimaryColumn({ type: String, length: 36 })
  id: string;

  @Column({ type: String, length: 20 })
  role: Role;

  @Column({ type: String, length: 200 })
  subject: string;

  @Column({ type: String, length: 100, nullable: true })
  displayName: string | null;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  expiresAt: Date;

  /** The back-office role the token was issued with; a role change ends the account's sessions. */
  @Column({ type: String, length: 20, nullable: true })
  staffRole: StaffRole | null;
}
