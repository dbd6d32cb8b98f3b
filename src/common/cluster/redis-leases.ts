import { Injectable } from '@nestjs/common';
import { RedisConnection } from './redis.connection';

/** A lease held: its name and the fencing token it was granted with (higher than every earlier holder's). */
export interface Lease {
  name: string;
  token: number;
}

/** Takes the lease when nobody holds it; the token counts up per lease, so a later holder's is always higher. */
const ACQUIRE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local token = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], ARGV[1] .. '#' .. token, 'PX', ARGV[2])
return token`;

/** Extends the lease when this holder still has it; takes it again (with a new token) when nobody has it. */
const RENEW = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] .. '#' .. ARGV[3] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return tonumber(ARGV[3])
end
if holder then return 0 end
local token = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], ARGV[1] .. '#' .. token, 'PX', ARGV[2])
return token`;

/** Gives the lease up, if this holder still has it. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] .. '#' .. ARGV[2] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Leases with expiry and fencing tokens, in Redis: a holder must renew before the time runs out,
 * and one that stopped (killed, paused, cut off) loses the lease to whoever asks next.
 */
@Injectable()
export class RedisLeases {
  constructor(private readonly redis: RedisConnection) {}

  /** The lease, or null when someone else holds it. */
  async acquire(name: string, holder: string, ttlMs: number): Promise<Lease | null> {
    const token = Number(await this.redis.client.eval(ACQUIRE, 2, this.key(name), this.fence(name), holder, ttlMs));
    return token > 0 ? { name, token } : null;
  }

  /**
   * Renews each lease in one round trip: the lease as held now (its token changes when it had run
   * out and nobody had taken it), or null for one that someone else holds.
   */
  async renew(leases: Lease[], holder: string, ttlMs: number): Promise<(Lease | null)[]> {
    if (leases.length === 0) return [];
    const pipeline = this.redis.client.pipeline();
    for (const lease of leases) pipeline.eval(RENEW, 2, this.key(lease.name), this.fence(lease.name), holder, ttlMs, lease.token);
    const answers = (await pipeline.exec()) ?? [];
    return leases.map((lease, i) => {
      const [error, token] = answers[i] ?? [new Error('no answer'), 0];
      if (error) throw error;
      return Number(token) > 0 ? { name: lease.name, token: Number(token) } : null;
    });
  }

  async release(lease: Lease, holder: string): Promise<void> {
    await this.redis.client.eval(RELEASE, 1, this.key(lease.name), holder, lease.token);
  }

  /** Who holds the lease (`<holder>#<token>`), or null. */
  holder(name: string): Promise<string | null> {
    return this.redis.client.get(this.key(name));
  }

  private key(name: string): string {
    return this.redis.key('lease', name);
  }

  private fence(name: string): string {
    return this.redis.key('fence', name);
  }
}
