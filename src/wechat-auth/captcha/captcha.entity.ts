import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type CaptchaKind = 'image' | 'sms';

/** SMS captcha purposes (`command_type`). */
export const SmsPurpose = { Register: 1, ForgottenPassword: 2, Login: 3 } as const;
export type SmsPurpose = (typeof SmsPurpose)[keyof typeof SmsPurpose];

/**
 * A captcha handed out: the client proves it knows the code by sending `md5(code + rand)`.
 * Lives 180 s, validates once, and five wrong guesses burn it.
 */
@Entity('captcha')
@Index('IX_captcha_hash', ['hash'])
@Index('IX_captcha_phone', ['phone', 'purpose', 'id'])
@Index('IX_captcha_expires', ['expiresAt'])
export class Captcha {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: String, length: 10 })
  kind: CaptchaKind;

  /** md5(code + rand), lowercase hex, the code lowercased. */
  @Column({ type: String, length: 32 })
  hash: string;

  /** SMS: the phone it was sent to and what for. */
  @Column({ type: String, length: 11, nullable: true })
  phone: string | null;

  @Column({ type: Number, nullable: true })
  purpose: SmsPurpose | null;

  @Column({ type: Number })
  wrongGuesses: number;

  @Column({ type: Date })
  expiresAt: Date;

  /** When it was used, or burnt by wrong guesses: it never validates again. */
  @Column({ type: Date, nullable: true })
  spentAt: Date | null;

  @Column({ type: Date })
  createdAt: Date;
}
