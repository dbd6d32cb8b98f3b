import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { StaffRole } from '../common/auth/staff-role';

@Entity('admin_user')
@Index('UQ_admin_user_user_name', ['userName'], { unique: true })
export class AdminUser {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: String, length: 100 })
  userName: string;

  /** scrypt (see PasswordHasher); an unsalted MD5 hex imported from the original system until first login. */
  @Column({ type: String, length: 200 })
  passwordHash: string;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  passwordChangedAt: Date;

  /** Added after the first release (so last): what the account may do. */
  @Column({ type: String, length: 20, default: 'admin' })
  role: StaffRole;
}
