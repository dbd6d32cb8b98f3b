import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('wechat_user')
@Index('UQ_wechat_user_open_id', ['openId'], { unique: true })
export class WechatUser {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: String, length: 200 })
  openId: string;

  @Column({ type: String, length: 200, nullable: true })
  unionId: string | null;

  @Column({ type: String, length: 100, nullable: true })
  nickname: string | null;

  @Column({ type: String, length: 500, nullable: true })
  avatarUrl: string | null;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  lastLoginAt: Date;
}
