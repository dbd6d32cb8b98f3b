import { DynamicModule, Global, Module } from '@nestjs/common';
import { ClusterConfig } from '../../config/cluster.config';
import { ClusterMembership } from './cluster-membership';
import { RedisConnection } from './redis.connection';
import { RedisLeases } from './redis-leases';

/** With REDIS_URL: the cluster's Redis connection, its membership and its leases. Nothing without it. */
@Global()
@Module({})
export class ClusterModule {
  static forRoot(config: ClusterConfig): DynamicModule {
    const providers = config.enabled ? [RedisConnection, RedisLeases, ClusterMembership] : [];
    return { module: ClusterModule, providers, exports: providers };
  }
}
