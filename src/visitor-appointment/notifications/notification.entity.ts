import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type NotificationKind =
  | 'approval_reminder_to_employee'
  | 'approval_pass_to_visitor'
  | 'visitor_signin_to_employee'
  | 'signin_to_visitor'
  | 'binding_notice_to_employee';
export type NotificationChannel = 'wechat' | 'sms';
export type NotificationState = 'pending' | 'sent' | 'failed' | 'skipped';

/** A message to send, written with the change that causes it and sent by a worker with retries. */
@Entity('notification')
@Index('IX_notification_due', ['state', 'nextAttemptAt', 'id'])
@Index('IX_notification_application', ['applicationId'])
@Index('IX_notification_recipient', ['recipient', 'id'])
export class Notification {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: Number, nullable: true })
  applicationId: number | null;

  @Column({ type: String, length: 40 })
  kind: NotificationKind;

  @Column({ type: String, length: 10 })
  channel: NotificationChannel;

  /** openid for WeChat, phone number for SMS. */
  @Column({ type: String, length: 128 })
  recipient: string;

  @Column({ type: String, length: 100 })
  templateId: string;

  /** Template parameters, JSON. */
  @Column({ type: String, length: 2000 })
  params: string;

  /** WeChat only: the page the message opens (the QR code image after sign-in). */
  @Column({ type: String, length: 500, nullable: true })
  link: string | null;

  @Column({ type: String, length: 10 })
  state: NotificationState;

  @Column({ type: Number })
  attempts: number;

  @Column({ type: Date })
  nextAttemptAt: Date;

  @Column({ type: String, length: 500, nullable: true })
  lastError: string | null;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date, nullable: true })
  sentAt: Date | null;

  /** What the provider called the sent message: WeChat's msgid, Aliyun's BizId. */
  @Column({ type: String, length: 100, nullable: true })
  providerMessageId: string | null;

  /** When the attempt under way began; set while the provider is being called, so a crash leaves it behind. */
  @Column({ type: Date, nullable: true })
  sendingSince: Date | null;
}
