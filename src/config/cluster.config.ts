import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Env } from './env.decorator';

/** Several instances on one server database and Redis (see the README's "Cluster"); off unless REDIS_URL is set. */
export class ClusterConfig {
  /** `redis://[user:password@]host:port[/db]` (or `rediss://` for TLS); switches the cluster on. */
  @Env('REDIS_URL', { secret: true })
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must look like redis://host:6379 (or rediss:// for TLS)' })
  redisUrl?: string;

  /** Every key and queue of this deployment starts with it: two deployments may share one Redis. */
  @Env('REDIS_PREFIX')
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'REDIS_PREFIX may hold letters, digits, _ . - (at most 64)' })
  prefix = 'facegate';

  /** This instance's name in leases, logs and metrics: the host name and the process id unless set. */
  @Env('INSTANCE_ID')
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'INSTANCE_ID may hold letters, digits, _ . - (at most 64)' })
  instanceId = `${hostname().replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 40)}-${process.pid}-${randomBytes(2).toString('hex')}`;

  /** A terminal whose owner stopped renewing is taken over after this long (plus one balancing pass). */
  @Env('TERMINAL_LEASE_MS')
  @IsInt()
  @Min(1000)
  @Max(60_000)
  terminalLeaseMs = 5000;

  get enabled(): boolean {
    return this.redisUrl !== undefined && this.redisUrl !== '';
  }
}
