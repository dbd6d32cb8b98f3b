import { Global, Module } from '@nestjs/common';
import { LoginThrottle } from './login-throttle';
import { RateCounters } from './rate-counters.service';

/** Rate limits and failure counters shared by every instance (in the database). */
@Global()
@Module({ providers: [RateCounters, LoginThrottle], exports: [RateCounters, LoginThrottle] })
export class RateLimitModule {}
