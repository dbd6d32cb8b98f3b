import { randomBytes } from 'node:crypto';
import { dropKeys, REDIS_URL } from './redis-prefixes';

/** The Redis the cluster suites use (the machine's own unless FACEGATE_TEST_REDIS_URL says otherwise). */
export const TEST_REDIS_URL: string = REDIS_URL;

/** `describe`, or `describe.skip` when jest.config.js found no Redis (never under CI, where the suite then fails). */
export function describeWithRedis(name: string, suite: () => void): void {
  (process.env.FACEGATE_TEST_WITH_REDIS ? describe : describe.skip)(name, suite);
}

/** A key prefix no other suite or run uses; the run's id first (test/support/redis-prefixes.js drops a run's keys by it). */
export function testRedisPrefix(): string {
  return `facegate_test_${process.env.FACEGATE_TEST_RUN ?? process.pid}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** Deletes every key of the prefix. */
export function dropRedisPrefix(prefix: string): Promise<void> {
  return dropKeys(`${prefix}:*`);
}
