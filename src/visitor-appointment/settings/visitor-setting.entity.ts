import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The back office's server and template settings, one row per setting. */
@Entity('visitor_setting')
export class VisitorSetting {
  @PrimaryColumn({ type: String, length: 64 })
  name: string;

  /** Secrets (koala_password) are stored sealed with DATA_SECRET_KEY. */
  @Column({ type: String, length: 1000 })
  value: string;

  @Column({ type: Date })
  updatedAt: Date;
}
