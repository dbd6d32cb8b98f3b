import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { CredentialsRejectedError } from '../common/errors/domain-errors';
import { AuthConfig } from '../config/auth.config';

interface Failures {
  count: number;
  firstAt: number;
}

/**
 * Locks a user name out after LOGIN_MAX_FAILURES failed logins within LOGIN_LOCKOUT_SECONDS.
 * Counters live in this process: enough for one instance, to move to a shared store with scale-out.
 */
@Injectable()
export class LoginThrottle {
  private readonly failures = new Map<string, Failures>();

  constructor(
    private readonly config: AuthConfig,
    private readonly clock: Clock,
  ) {}

  assertAllowed(userName: string): void {
    const entry = this.current(userName);
    if (entry && entry.count >= this.config.loginMaxFailures) {
      const waitSeconds = Math.ceil((entry.firstAt + this.windowMs - this.clock.now().getTime()) / 1000);
      throw new CredentialsRejectedError(`too many failed logins for this user; try again in ${waitSeconds} s`);
    }
  }

  recordFailure(userName: string): void {
    const entry = this.current(userName) ?? { count: 0, firstAt: this.clock.now().getTime() };
    entry.count += 1;
    this.failures.set(userName, entry);
  }

  reset(userName: string): void {
    this.failures.delete(userName);
  }

  private get windowMs(): number {
    return this.config.loginLockoutSeconds * 1000;
  }

  private current(userName: string): Failures | undefined {
    const entry = this.failures.get(userName);
    if (entry && this.clock.now().getTime() - entry.firstAt >= this.windowMs) {
      this.failures.delete(userName);
      return undefined;
    }
    return entry;
  }
}
