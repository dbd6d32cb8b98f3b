import { DynamicModule, Global, Module } from '@nestjs/common';
import { ClusterConfig } from '../../config/cluster.config';
import { ClusterMembership } from './cluster-membership';
import { RedisConnection } from './redis.connection';
import { RedisLeases } from './redis-leases';
import { RedisEventRelay } from './redis-event-relay';
import { LocalPeriodicWork, PeriodicWork } from '../work/periodic-work';
import { BullPeriodicWork } from './bull-periodic-work';

/** With REDIS_URL: the cluster's Redis connection, its membership, its leases, the relay of shared events and periodic work on BullMQ; alone, periodic work on timers. */
@Global()
@Module({})
export class ClusterModule {
  static forRoot(config: ClusterConfig): DynamicModule {
    const work = { provide: PeriodicWork, useClass: config.enabled ? BullPeriodicWork : LocalPeriodicWork };
    const providers = config.enabled ? [RedisConnection, RedisLeases, ClusterMembership, RedisEventRelay, work] : [work];
    return { module: ClusterModule, providers, exports: providers.map((p) => ('provide' in p ? p.provide : p)) };
  }
}
