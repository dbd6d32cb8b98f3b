import { DynamicModule, Global, Module } from '@nestjs/common';
import { ClusterConfig } from '../../config/cluster.config';
import { ClusterMembership } from './cluster-membership';
import { RedisConnection } from './redis.connection';
import { RedisLeases } from './redis-leases';
import { RedisEventRelay } from './redis-event-relay';

/** With REDIS_URL: the cluster's Redis connection, its membership, its leases and the relay of shared events. Nothing without it. */
@Global()
@Module({})
export class ClusterModule {
  static forRoot(config: ClusterConfig): DynamicModule {
    const providers = config.enabled ? [RedisConnection, RedisLeases, ClusterMembership, RedisEventRelay] : [];
    return { module: ClusterModule, providers, exports: providers };
  }
}
