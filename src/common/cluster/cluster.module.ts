import { DynamicModule, Global, Module } from '@nestjs/common';
import { ClusterConfig } from '../../config/cluster.config';
import { ClusterMembership } from './cluster-membership';
import { RedisConnection } from './redis.connection';
import { RedisLeases } from './redis-leases';
import { RedisEventRelay } from './redis-event-relay';
import { LocalPeriodicWork, PeriodicWork } from '../work/periodic-work';
import { BullPeriodicWork } from './bull-periodic-work';
import { LocalSharedValues, SharedValues } from './shared-values';
import { RedisSharedValues } from './redis-shared-values';

/**
 * With REDIS_URL: the cluster's Redis connection, its membership, its leases, the relay of shared
 * events, periodic work on BullMQ and shared values in Redis; alone, periodic work on timers and
 * shared values in memory.
 */
@Global()
@Module({})
export class ClusterModule {
  static forRoot(config: ClusterConfig): DynamicModule {
    const work = { provide: PeriodicWork, useClass: config.enabled ? BullPeriodicWork : LocalPeriodicWork };
    const values = { provide: SharedValues, useClass: config.enabled ? RedisSharedValues : LocalSharedValues };
    const providers = config.enabled ? [RedisConnection, RedisLeases, ClusterMembership, RedisEventRelay, work, values] : [work, values];
    return { module: ClusterModule, providers, exports: providers.map((p) => ('provide' in p ? p.provide : p)) };
  }
}
