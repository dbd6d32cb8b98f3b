import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { UnavailableError } from '../errors/domain-errors';
import { RedisConnection } from './redis.connection';
import { Expiring, SharedValues } from './shared-values';

/** The maker of a value holds its lock this long at most (a maker that died frees it then). */
const MAKING_MS = 10_000;
/** Waiters look for the value this often, and give up after the maker's lock would have run out. */
const POLL_MS = 100;

const DELETE_IF = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** Shared values in Redis: one instance at a time makes a missing value (a lock with expiry), the others wait for it. */
@Injectable()
export class RedisSharedValues extends SharedValues {
  constructor(private readonly redis: RedisConnection) {
    super();
  }

  async get(key: string, make: () => Promise<Expiring>): Promise<string> {
    const valueKey = this.redis.key('shared', key);
    const lockKey = this.redis.key('shared-making', key);
    const deadline = Date.now() + MAKING_MS + 2 * POLL_MS;
    for (;;) {
      const kept = await this.redis.client.get(valueKey);
      if (kept !== null) return kept;
      const holder = randomUUID();
      if ((await this.redis.client.set(lockKey, holder, 'PX', MAKING_MS, 'NX')) === 'OK') {
        try {
          // Made by another instance between the read and the lock?
          const meanwhile = await this.redis.client.get(valueKey);
          if (meanwhile !== null) return meanwhile;
          const { value, ttlMs } = await make();
          await this.redis.client.set(valueKey, value, 'PX', Math.max(1, Math.floor(ttlMs)));
          return value;
        } finally {
          await this.redis.client.eval(DELETE_IF, 1, lockKey, holder).catch(() => undefined);
        }
      }
      if (Date.now() > deadline) throw new UnavailableError(`${key} is being made by another instance that does not finish: try again`, 1);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  async forget(key: string, value: string): Promise<void> {
    await this.redis.client.eval(DELETE_IF, 1, this.redis.key('shared', key), value);
  }
}
