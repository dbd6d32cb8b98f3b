import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PeriodicWork } from '../work/periodic-work';
import { TokenService } from './token.service';

@Injectable()
export class SessionPurgeJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(SessionPurgeJob.name);

  constructor(
    private readonly tokens: TokenService,
    private readonly work: PeriodicWork,
  ) {}

  onApplicationBootstrap(): void {
    this.work.every('session-purge', 10 * 60_000, () => this.purge());
  }

  async purge(): Promise<void> {
    const purged = await this.tokens.purgeExpired();
    if (purged > 0) this.logger.log(`removed ${purged} expired sessions`);
  }
}
