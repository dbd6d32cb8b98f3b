import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { TokenService } from './token.service';

@Injectable()
export class SessionPurgeJob {
  private readonly logger = new Logger(SessionPurgeJob.name);

  constructor(private readonly tokens: TokenService) {}

  @Cron(CronExpression.EVERY_10_MINUTES)
  async purge(): Promise<void> {
    const purged = await this.tokens.purgeExpired();
    if (purged > 0) this.logger.log(`removed ${purged} expired sessions`);
  }
}
