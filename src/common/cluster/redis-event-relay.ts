import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import Redis from 'ioredis';
import { ClusterConfig } from '../../config/cluster.config';
import { Metrics } from '../metrics/metrics';
import { elsewhere, sharedEventNames } from './on-every-instance.decorator';
import { RedisConnection } from './redis.connection';

/** One message on the channel: the events an instance emitted within a few milliseconds, in order. */
interface Relayed {
  from: string;
  events: { name: string; payload: unknown }[];
}

/** Events are gathered this long (or up to BATCH of them) into one message: a busy site emits hundreds of records a second. */
const GATHER_MS = 20;
const BATCH = 200;

/**
 * Carries the events that listeners want from every instance (@OnEveryInstance) to the other
 * instances, over Redis pub/sub, where they are emitted under their `@elsewhere` name, a few
 * milliseconds' worth in one message. Pub/sub
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
  private gathered: Relayed['events'] = [];
  private names = new Set<string>();
  private timer?: NodeJS.Timeout;

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
    this.names = new Set(sharedEventNames());
    for (const name of this.names) this.emitter.on(name, (payload: unknown) => this.gather(name, payload));
    this.subscriber = this.redis.open('events');
    this.subscriber.on('message', (_channel: string, message: string) => this.deliver(message));
    await this.subscriber.subscribe(this.channel).catch((error: Error) => this.logger.warn(`cannot subscribe yet (ioredis subscribes again when it reconnects): ${error.message}`));
  }

  onApplicationShutdown(): void {
    clearTimeout(this.timer);
    this.publish();
    this.subscriber?.disconnect();
  }

  private gather(name: string, payload: unknown): void {
    this.gathered.push({ name, payload });
    if (this.gathered.length >= BATCH) this.publish();
    else this.timer ??= setTimeout(() => this.publish(), GATHER_MS);
  }

  private publish(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.gathered.length === 0) return;
    const message: Relayed = { from: this.config.instanceId, events: this.gathered };
    this.gathered = [];
    this.redis.client.publish(this.channel, JSON.stringify(message)).then(
      () => {
        this.published.inc(message.events.length);
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
    if (relayed.from === this.config.instanceId || !Array.isArray(relayed.events)) return;
    for (const { name, payload } of relayed.events) {
      if (!this.names.has(name)) continue;
      this.received.inc();
      this.emitter.emit(elsewhere(name), payload);
    }
  }
}
