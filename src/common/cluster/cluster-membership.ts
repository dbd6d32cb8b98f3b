import { Injectable } from '@nestjs/common';
import { ClusterConfig } from '../../config/cluster.config';
import { RedisConnection } from './redis.connection';

/** Says this instance is alive until now + ttl (Redis's clock), forgets the expired, and lists the live ones. */
const HEARTBEAT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
return redis.call('ZRANGE', KEYS[1], 0, -1)`;

/** The live instances of the cluster: each says it is alive on every beat, and drops out when it stops. */
@Injectable()
export class ClusterMembership {
  constructor(
    private readonly redis: RedisConnection,
    private readonly config: ClusterConfig,
  ) {}

  get self(): string {
    return this.config.instanceId;
  }

  /** Beats for this instance; the live instances, sorted by name (every instance sees the same order). */
  async beat(ttlMs: number): Promise<string[]> {
    const members = (await this.redis.client.eval(HEARTBEAT, 1, this.key(), this.self, ttlMs)) as string[];
    return [...members].sort();
  }

  /** Leaves at once (a clean shutdown), so the others take over without waiting for the expiry. */
  async leave(): Promise<void> {
    await this.redis.client.zrem(this.key(), this.self);
  }

  private key(): string {
    return this.redis.key('instances');
  }
}
