import { Injectable } from '@nestjs/common';
import { CredentialsRejectedError, TooManyWrongPasswordsError } from '../errors/domain-errors';
import { AuthConfig } from '../../config/auth.config';
import { Metrics } from '../metrics/metrics';
import { RateCounters } from './rate-counters.service';

/** The longest wait between two attempts, however many failures came before. */
const MAX_DELAY_SECONDS = 900;

/**
 * Slows password guessing without handing anyone a way to lock a user out: failures are counted
 * per user name and client address, and after LOGIN_MAX_FAILURES of them within
 * LOGIN_LOCKOUT_SECONDS that address waits 1 s before its next attempt, then 2, 4, … up to 15
 * minutes. The user logging in from another address is not slowed at all. `scope` keeps
 * populations apart (administrators, hotel accounts); the counters are in the database.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly counters: RateCounters,
    private readonly config: AuthConfig,
    private readonly metrics: Metrics,
  ) {}

  async assertAllowed(scope: string, userName: string, address: string): Promise<void> {
    const wait = await this.waitSeconds(scope, userName, address);
    if (wait) throw new CredentialsRejectedError(`too many failed logins from this address; try again in ${wait} s`);
  }

  /** A password change proves the old password as a login does, so it is guessed the same way and waits the same. */
  async assertMayChangePassword(scope: string, userName: string, address: string): Promise<void> {
    const wait = await this.waitSeconds(scope, userName, address);
    if (wait) throw new TooManyWrongPasswordsError(`too many wrong passwords from this address; try again in ${wait} s`, wait);
  }

  async recordFailure(scope: string, userName: string, address: string): Promise<void> {
    const failures = await this.counters.increment(this.key('failures', scope, userName, address), this.config.loginLockoutSeconds);
    const beyond = failures.hits - this.config.loginMaxFailures;
    if (beyond >= 0) await this.counters.increment(this.key('wait', scope, userName, address), Math.min(2 ** beyond, MAX_DELAY_SECONDS));
  }

  async reset(scope: string, userName: string, address: string): Promise<void> {
    await this.counters.reset(this.key('failures', scope, userName, address));
  }

  private async waitSeconds(scope: string, userName: string, address: string): Promise<number> {
    const wait = await this.counters.peek(this.key('wait', scope, userName, address));
    if (!wait) return 0;
    this.metrics.rateLimitRefusals.inc({ limit: `login-${scope}` });
    return Math.ceil(wait.remainingMs / 1000);
  }

  private key(kind: string, scope: string, userName: string, address: string): string {
    return `login-${kind}:${scope}:${userName}:${address}`;
  }
}
