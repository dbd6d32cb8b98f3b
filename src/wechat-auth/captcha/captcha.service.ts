import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, MoreThan, Repository } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { InvalidInputError, UpstreamError } from '../../common/errors/domain-errors';
import { maskPhone, SmsSender } from '../../common/messaging/sms.sender';
import { RateCounters, RateLimit } from '../../common/rate-limit/rate-counters.service';
import { AppConfig } from '../../config/app.config';
import { HotelConfig } from '../../config/hotel.config';
import { MessagingConfig } from '../../config/messaging.config';
import { captchaHash, randomRand, randomSmsCode } from './captcha-hash';
import { Captcha, SmsPurpose } from './captcha.entity';
import { ImageCaptchaRenderer } from './image-captcha.renderer';

const LIFETIME_MS = 180_000;
const MAX_WRONG_GUESSES = 5;

/** Why an SMS captcha was not sent: the limit that stopped it. */
export class SmsLimitError extends InvalidInputError {
  constructor(
    message: string,
    /** `phone-minute`, `phone-hour` or `address-hour`. */
    readonly limit: 'phone-minute' | 'phone-hour' | 'address-hour',
  ) {
    super(message);
  }
}

/** A captcha hash that does not validate: unknown, expired, spent, or a wrong guess. */
export class CaptchaRejectedError extends InvalidInputError {}

/**
 * Image and SMS captchas. The client proves it knows a code by `md5(code + rand)`; a captcha lives
 * 180 s and validates once. SMS captchas are tied to a phone and a purpose, so a wrong guess is
 * counted against the captcha sent to that phone, and five burn it.
 */
@Injectable()
export class CaptchaService {
  private readonly logger = new Logger(CaptchaService.name);
  private readonly limits: Record<'imagePerAddress' | 'smsPerAddress' | 'smsPerPhoneMinute' | 'smsPerPhoneHour', RateLimit>;

  constructor(
    @InjectRepository(Captcha) private readonly captchas: Repository<Captcha>,
    private readonly renderer: ImageCaptchaRenderer,
    private readonly sms: SmsSender,
    private readonly counters: RateCounters,
    private readonly config: HotelConfig,
    private readonly messaging: MessagingConfig,
    private readonly app: AppConfig,
    private readonly clock: Clock,
  ) {
    this.limits = {
      imagePerAddress: { name: 'captcha-image-address', limit: config.imagePerAddressPerMinute, windowSeconds: 60, message: 'too many image captchas from this address' },
      smsPerAddress: { name: 'captcha-sms-address', limit: config.smsPerAddressPerHour, windowSeconds: 3600, message: '该IP地址1小时内下发短信条数超过上限' },
      smsPerPhoneMinute: { name: 'captcha-sms-phone-minute', limit: 1, windowSeconds: 60, message: '单个手机号60秒内只能下发一条短信' },
      smsPerPhoneHour: { name: 'captcha-sms-phone-hour', limit: 10, windowSeconds: 3600, message: '单个手机号1小时内下发短信条数超过上限' },
    };
  }

  /** A new image captcha: the PNG and its `rand`. */
  async issueImage(address: string): Promise<{ png: Buffer; rand: string }> {
    await this.counters.hit(this.limits.imagePerAddress, address);
    const { code, png } = await this.renderer.render();
    const rand = randomRand();
    await this.captchas.insert(this.row('image', captchaHash(code, rand), null, null));
    return { png, rand };
  }

  /** Sends a 5-digit code to `phone` for `purpose`; returns its `rand`. */
  async sendSms(phone: string, purpose: SmsPurpose, address: string): Promise<string> {
    await this.limited(this.limits.smsPerPhoneMinute, phone, 'phone-minute');
    await this.limited(this.limits.smsPerPhoneHour, phone, 'phone-hour');
    await this.limited(this.limits.smsPerAddress, address, 'address-hour');
    const code = randomSmsCode();
    const rand = randomRand();
    const { identifiers } = await this.captchas.insert(this.row('sms', captchaHash(code, rand), phone, purpose));
    const id = Number(identifiers[0].id);
    try {
      await this.sms.send(phone, this.config.smsCaptchaTemplate ?? '', { code }, `captcha-${id}`);
    } catch (error) {
      await this.captchas.update(id, { spentAt: this.clock.now() });
      throw new UpstreamError(`the SMS could not be sent: ${(error as Error).message}`);
    }
    // Without an SMS provider a developer still needs the code; nowhere else is it ever written.
    if (this.messaging.smsProvider === 'log' && this.app.nodeEnv === 'development') {
      this.logger.log(`SMS captcha for ${maskPhone(phone)} (purpose ${purpose}): ${code}`);
    }
    return rand;
  }

  /** Validates and spends an image captcha (or an SMS one, `kind`) by its hash alone. */
  async spendByHash(kind: 'image' | 'sms', hash: string): Promise<void> {
    const captcha = await this.captchas.findOneBy({ kind, hash: hash.toLowerCase(), spentAt: IsNull(), expiresAt: MoreThan(this.clock.now()) });
    if (!captcha || !(await this.spend(captcha.id))) throw new CaptchaRejectedError('unknown, expired or already used captcha hash');
  }

  /**
   * Validates and spends the SMS captcha last sent to `phone` for `purpose`. A wrong hash counts
   * against it; the fifth burns it.
   */
  async spendSms(phone: string, purpose: SmsPurpose, hash: string): Promise<void> {
    const captcha = await this.captchas.findOne({
      where: { kind: 'sms', phone, purpose, spentAt: IsNull(), expiresAt: MoreThan(this.clock.now()) },
      order: { id: 'DESC' },
    });
    if (!captcha) throw new CaptchaRejectedError('no SMS captcha was sent to this phone for this, or it expired or was used');
    if (captcha.hash !== hash.toLowerCase()) {
      const wrong = captcha.wrongGuesses + 1;
      await this.captchas.update(captcha.id, { wrongGuesses: wrong, ...(wrong >= MAX_WRONG_GUESSES ? { spentAt: this.clock.now() } : {}) });
      throw new CaptchaRejectedError(wrong >= MAX_WRONG_GUESSES ? 'wrong captcha hash; that was the fifth: ask for a new SMS' : 'wrong captcha hash');
    }
    if (!(await this.spend(captcha.id))) throw new CaptchaRejectedError('this captcha was used a moment ago');
  }

  /** Expired captchas are of no use to anyone. */
  async purgeExpired(): Promise<void> {
    await this.captchas.createQueryBuilder().delete().where('expires_at <= :now', { now: this.clock.now() }).execute();
  }

  /** Marks it spent unless something else did first. */
  private async spend(id: number): Promise<boolean> {
    const result = await this.captchas.update({ id, spentAt: IsNull() }, { spentAt: this.clock.now() });
    return (result.affected ?? 0) > 0;
  }

  private async limited(limit: RateLimit, who: string, name: SmsLimitError['limit']): Promise<void> {
    try {
      await this.counters.hit(limit, who);
    } catch (error) {
      throw new SmsLimitError((error as Error).message, name);
    }
  }

  private row(kind: 'image' | 'sms', hash: string, phone: string | null, purpose: SmsPurpose | null): Partial<Captcha> {
    const now = this.clock.now();
    return { kind, hash, phone, purpose, wrongGuesses: 0, expiresAt: new Date(now.getTime() + LIFETIME_MS), spentAt: null, createdAt: now };
  }
}
