import { Injectable } from '@nestjs/common';
import { Clock } from '../clock/clock';

/** A value and how long it holds. */
export interface Expiring {
  value: string;
  ttlMs: number;
}

/**
 * Values the whole site shares, made once and kept until they expire: the WeChat access tokens,
 * which WeChat replaces (and so invalidates) whenever anyone fetches a new one. A process keeps
 * them itself (LocalSharedValues); a cluster keeps them in Redis (RedisSharedValues), where one
 * instance at a time makes a missing value and the others wait for it.
 */
export abstract class SharedValues {
  /** The value of `key`, made by `make` if there is none (once, whoever else asks meanwhile). */
  abstract get(key: string, make: () => Promise<Expiring>): Promise<string>;

  /** Forgets the value of `key` if it is still `value` (it was found stale). */
  abstract forget(key: string, value: string): Promise<void>;
}

/** One process: values in memory; callers that ask while a value is being made share that making. */
@Injectable()
export class LocalSharedValues extends SharedValues {
  private readonly values = new Map<string, { value: string; expiresAt: number }>();
  private readonly making = new Map<string, Promise<string>>();

  constructor(private readonly clock: Clock) {
    super();
  }

  get(key: string, make: () => Promise<Expiring>): Promise<string> {
    const kept = this.values.get(key);
    if (kept && kept.expiresAt > this.clock.now().getTime()) return Promise.resolve(kept.value);
    let making = this.making.get(key);
    if (!making) {
      making = make()
        .then(({ value, ttlMs }) => {
          this.values.set(key, { value, expiresAt: this.clock.now().getTime() + ttlMs });
          return value;
        })
        .finally(() => this.making.delete(key));
      this.making.set(key, making);
    }
    return making;
  }

  async forget(key: string, value: string): Promise<void> {
    if (this.values.get(key)?.value === value) this.values.delete(key);
  }
}
