import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import Redis from 'ioredis';
import { ClusterConfig } from '../../config/cluster.config';
import { Metrics } from '../metrics/metrics';
import { elsewhere, sharedEventNames } from './on-every-instance.decorator';
import { RedisConnection } from './redis.connection';

interface Relayed {
  from: string;
  name: string;
  payload: unknown;
}

/**
 * Carries the events that listeners want from every instance (@OnEveryInstance) to the other
 * instances, over Redis pub/sub, where they are emitted under their `@elsewhere` name. Pub/sub
 * forgets what nobody heard (Redis away, an instance starting): these are notifications and
 * caches, each rebuilt from the database (the face index on start, the consoles on reload); what
 * must not be lost travels through the outbox.
 */
@Injectable()
export class RedisEventRelay implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ClusterEvents');
  private readonly channel: string;
  private readonly published;
  private readonly received;
  private subscriber?: Redis;
  private failing = false;

  constructor(
    private readonly redis: RedisConnection,
    private readonly emitter: EventEmitter2,
    private readonly config: ClusterConfig,
    metrics: Metrics,
  ) {
    this.channel = redis.key('events');
    this.published = metrics.counter('facegate_cluster_events_published_total', 'Events this instance told the other instances of');
    this.received = metrics.counter('facegate_cluster_events_received_total', 'Events of other instances emitted here');
  }

  async onModuleInit(): Promise<void> {
    for (const name of sharedEventNames()) this.emitter.on(name, (payload: unknown) => this.publish(name, payload));
    this.subscriber = this.redis.open('events');
    this.subscriber.on('message', (_channel: string, message: string) => this.deliver(message));
    await this.subscriber.subscribe(this.channel).catch((error: Error) => this.logger.warn(`cannot subscribe yet (ioredis subscribes again when it reconnects): ${error.message}`));
  }

  onApplicationShutdown(): void {
    this.subscriber?.disconnect();
  }

  private publish(name: string, payload: unknown): void {
    const message: Relayed = { from: this.config.instanceId, name, payload };
    this.redis.client.publish(this.channel, JSON.stringify(message)).then(
      () => {
        this.published.inc();
        if (this.failing) this.logger.log('events reach the other instances again');
        this.failing = false;
      },
      (error: Error) => {
        if (!this.failing) this.logger.warn(`the other instances miss events while Redis does not answer: ${error.message}`);
        this.failing = true;
      },
    );
  }

  private deliver(message: string): void {
    let relayed: Relayed;
    try {
      relayed = JSON.parse(message) as Relayed;
    } catch {
      this.logger.warn('ignored a message on the events channel that is not JSON');
      return;
    }
    if (relayed.from === this.config.instanceId || !sharedEventNames().includes(relayed.name)) return;
    this.received.inc();
    this.emitter.emit(elsewhere(relayed.name), relayed.payload);
  }
}
