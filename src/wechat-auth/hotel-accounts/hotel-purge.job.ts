import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PeriodicWork } from '../../common/work/periodic-work';
import { CaptchaService } from '../captcha/captcha.service';
import { HotelTokens } from './hotel-tokens.service';

const EVERY_MS = 10 * 60_000;
const INTERVAL_NAME = 'wechat-auth.hotel-purge';

/** Every ten minutes, expired hotel tokens and captchas go (they are refused anyway; this keeps the tables small). */
@Injectable()
export class HotelPurgeJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(HotelPurgeJob.name);

  constructor(
    private readonly tokens: HotelTokens,
    private readonly captchas: CaptchaService,
    private readonly work: PeriodicWork,
  ) {}

  onApplicationBootstrap(): void {
    this.work.every(INTERVAL_NAME, EVERY_MS, () => this.purge());
  }

  async purge(): Promise<void> {
    try {
      const tokens = await this.tokens.purgeExpired();
      await this.captchas.purgeExpired();
      if (tokens > 0) this.logger.log(`${tokens} expired hotel tokens purged`);
    } catch (error) {
      this.logger.error(`purging hotel tokens and captchas: ${(error as Error).message}`);
    }
  }
}
