import { Injectable, Optional } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { RedisConnection } from '../common/cluster/redis.connection';
import { ClusterConfig } from '../config/cluster.config';

/** In a cluster: up while Redis answers (this instance holds leases and takes work only then). Absent alone. */
@Injectable()
export class ClusterHealth {
  constructor(
    private readonly config: ClusterConfig,
    private readonly indicators: HealthIndicatorService,
    @Optional() private readonly redis?: RedisConnection,
  ) {}

  get enabled(): boolean {
    return this.config.enabled;
  }

  async check(): Promise<HealthIndicatorResult> {
    const session = this.indicators.check('redis');
    const data = { instance: this.config.instanceId };
    return (await this.redis?.ping()) ? session.up(data) : session.down({ ...data, detail: 'Redis does not answer: this instance answers what needs only the database, and runs no terminals' });
  }
}
