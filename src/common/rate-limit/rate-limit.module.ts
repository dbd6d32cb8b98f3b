import { Global, Module } from '@nestjs/common';
import { LoginLockout } from './login-lockout';
import { RateCounters } from './rate-counters.service';

/** Rate limits and failure counters shared by every instance (in the database). */
@Global()
@Module({ providers: [RateCounters, LoginLockout], exports: [RateCounters, LoginLockout] })
export class RateLimitModule {}
