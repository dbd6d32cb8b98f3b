import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';
import { ClusterConfig } from '../../config/cluster.config';

/**
 * This instance's connection to the cluster's Redis (REDIS_URL), and the keys of this deployment
 * (REDIS_PREFIX). Commands wait while Redis is away and fail after a few seconds rather than hang;
 * the connection comes back by itself.
 */
@Injectable()
export class RedisConnection implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  private readonly connections: Redis[] = [];
  readonly client: Redis;

  constructor(private readonly config: ClusterConfig) {
    this.client = this.open('commands');
  }

  /** `<prefix>:<parts>`. */
  key(...parts: (string | number)[]): string {
    return [this.config.prefix, ...parts].join(':');
  }

  /** Another connection (a subscriber holds its own; BullMQ's waits without a retry limit). */
  open(purpose: string, options: RedisOptions = {}): Redis {
    const connection = new Redis(this.config.redisUrl!, {
      connectionName: `${this.config.prefix}:${this.config.instanceId}:${purpose}`,
      maxRetriesPerRequest: 2,
      connectTimeout: 3000,
      commandTimeout: 3000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
      lazyConnect: false,
      ...options,
    });
    let down = false;
    connection.on('error', (error: Error) => {
      if (!down) this.logger.warn(`${purpose}: ${error.message}`);
      down = true;
    });
    connection.on('ready', () => {
      if (down) this.logger.log(`${purpose}: connected again`);
      down = false;
    });
    this.connections.push(connection);
    return connection;
  }

  /** Whether Redis answers now. */
  async ping(): Promise<boolean> {
    return this.client.status === 'ready' && (await this.client.ping().catch(() => null)) === 'PONG';
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.connections.map((connection) => connection.quit().catch(() => connection.disconnect())));
  }
}
