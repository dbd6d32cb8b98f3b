import { Injectable } from '@nestjs/common';
import { CredentialsRejectedError } from '../errors/domain-errors';
import { AuthConfig } from '../../config/auth.config';
import { RateCounters } from './rate-counters.service';

/**
 * Locks a user name out after LOGIN_MAX_FAILURES failed logins within LOGIN_LOCKOUT_SECONDS.
 * `scope` keeps populations apart (administrators, hotel accounts); the counters are in the
 * database, so every instance sees the same failures.
 */
@Injectable()
export class LoginLockout {
  constructor(
    private readonly counters: RateCounters,
    private readonly config: AuthConfig,
  ) {}

  async assertAllowed(scope: string, userName: string): Promise<void> {
    const failures = await this.counters.peek(this.key(scope, userName));
    if (failures && failures.hits >= this.config.loginMaxFailures) {
      throw new CredentialsRejectedError(`too many failed logins for this user; try again in ${Math.ceil(failures.remainingMs / 1000)} s`);
    }
  }

  async recordFailure(scope: string, userName: string): Promise<void> {
    await this.counters.increment(this.key(scope, userName), this.config.loginLockoutSeconds);
  }

  async reset(scope: string, userName: string): Promise<void> {
    await this.counters.reset(this.key(scope, userName));
  }

  private key(scope: string, userName: string): string {
    return `login-failures:${scope}:${userName}`;
  }
}
