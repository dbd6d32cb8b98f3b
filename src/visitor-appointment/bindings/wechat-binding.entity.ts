import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type BindingKind = 'employee' | 'visitor';

/** A WeChat official-account user (openid) bound to an employee or to a visitor's phone. */
@Entity('wechat_binding')
@Index('UQ_wechat_binding_weixin_user_id', ['weixinUserId'], { unique: true })
@Index('IX_wechat_binding_phone', ['phone', 'kind'])
export class WechatBinding {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: String, length: 128 })
  weixinUserId: string;

  @Column({ type: String, length: 10 })
  kind: BindingKind;

  @Column({ type: Number, nullable: true })
  employeeId: number | null;

  @Column({ type: String, length: 20 })
  phone: string;

  /** WeChat nickname and avatar, when the official account could tell them. */
  @Column({ type: String, length: 100, nullable: true })
  nick: string | null;

  @Column({ type: String, length: 500, nullable: true })
  avatarUrl: string | null;

  @Column({ type: Date })
  createdAt: Date;
}
