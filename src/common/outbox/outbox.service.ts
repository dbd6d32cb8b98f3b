import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, LessThan, Repository } from 'typeorm';
import { OutboxConfig } from '../../config/outbox.config';
import { insertInChunks } from '../../database/insert-in-chunks';
import { DomainEventClass, EVENT_CLASSES, eventNameOf } from '../../events';
import { Clock } from '../clock/clock';
import { Metrics } from '../metrics/metrics';
import { CoalescingPass } from '../work/coalescing-pass';
import { PeriodicWork } from '../work/periodic-work';
import { OutboxEvent } from './outbox-event.entity';

const BATCH_SIZE = 50;
const MAX_BACKOFF_MS = 15 * 60_000;
const RETENTION_MS = 7 * 24 * 3600_000;
const PURGE_EVERY_MS = 3600_000;
const PAYLOAD_LIMIT = 4000;
const WORK_NAME = 'outbox';

/**
 * The transactional outbox of the event bus. A service stages its events in the transaction that
 * changes its tables; after the commit they are emitted on the in-process bus. Delivery is
 * at least once: a failing handler is retried with backoff, and later events of the same
 * aggregate wait for it, so handlers see each aggregate's events in order.
 */
@Injectable()
export class Outbox implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Outbox.name);
  private readonly classes = new Map<string, DomainEventClass>(EVENT_CLASSES.map((c) => [c.eventName, c]));
  private readonly pass = new CoalescingPass(() => this.run());
  private stopped = false;
  private lastPurge = 0;

  constructor(
    @InjectRepository(OutboxEvent) private readonly events: Repository<OutboxEvent>,
    private readonly emitter: EventEmitter2,
    private readonly clock: Clock,
    private readonly config: OutboxConfig,
    private readonly work: PeriodicWork,
    metrics: Metrics,
  ) {
    metrics.gauge('facegate_outbox_backlog', 'Domain events not yet delivered', [], async () => [[{}, await this.events.count({ where: { deliveredAt: IsNull() } })]]);
  }

  /** Adds an event to the caller's transaction; call dispatchSoon() once that transaction has committed. */
  stage(manager: EntityManager, event: object, aggregateKey: string): Promise<void> {
    return this.stageAll(manager, [[event, aggregateKey]]);
  }

  /** Adds events (with their aggregate keys) to the caller's transaction, in order. */
  async stageAll(manager: EntityManager, events: [object, string][]): Promise<void> {
    const now = this.clock.now();
    const rows = events.map(([event, aggregateKey]) => {
      const payload = JSON.stringify(event);
      if (payload.length > PAYLOAD_LIMIT) {
        throw new Error(`event ${eventNameOf(event)} is ${payload.length} characters; the outbox holds ${PAYLOAD_LIMIT}`);
      }
      return { eventName: eventNameOf(event), aggregateKey, payload, createdAt: now, attempts: 0, nextAttemptAt: now, lastError: null, deliveredAt: null };
    });
    await insertInChunks(manager.getRepository(OutboxEvent), rows);
  }

  /**
   * Erases the payloads of an aggregate's delivered events (a person was deleted: their name,
   * phone and photo link must not outlive them here). Undelivered events are left to be delivered.
   */
  async erasePayloads(aggregateKey: string): Promise<void> {
    await this.events
      .createQueryBuilder()
      .update()
      .set({ payload: '{}' })
      .where('aggregate_key = :aggregateKey AND delivered_at IS NOT NULL', { aggregateKey })
      .execute();
  }

  /** Delivery soon, here or (in a cluster) on whichever instance runs the outbox now. */
  dispatchSoon(): void {
    this.work.soon(WORK_NAME);
  }

  /** Delivers every due event. Concurrent callers share one pass; a call during a pass causes one more. */
  dispatch(): Promise<void> {
    return this.pass.run();
  }

  onApplicationBootstrap(): void {
    this.work.every(WORK_NAME, this.config.pollMs, () => this.dispatch());
    this.dispatchSoon();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.pass.current;
  }

  private async run(): Promise<void> {
    try {
      while (!this.stopped && (await this.dispatchBatch()) > 0);
      await this.purgeDelivered();
    } catch (error) {
      this.logger.error(`outbox dispatch failed: ${(error as Error).message}`, (error as Error).stack);
    }
  }

  /** Returns how many events were delivered: a delivery can release the next event of its aggregate. */
  private async dispatchBatch(): Promise<number> {
    const due = await this.events
      .createQueryBuilder('e')
      .where('e.deliveredAt IS NULL')
      .andWhere('e.nextAttemptAt <= :now', { now: this.clock.now() })
      .andWhere(
        'NOT EXISTS (SELECT 1 FROM event_outbox p WHERE p.aggregate_key = e.aggregate_key AND p.delivered_at IS NULL AND p.id < e.id)',
      )
      .orderBy('e.id', 'ASC')
      .limit(BATCH_SIZE)
      .getMany();
    const blocked = new Set<string>();
    let delivered = 0;
    for (const event of due) {
      if (this.stopped) break;
      if (blocked.has(event.aggregateKey)) continue;
      if (await this.deliver(event)) delivered += 1;
      else blocked.add(event.aggregateKey);
      // SQLite answers synchronously, so without this a long backlog would run as one chain of
      // microtasks and hold back every I/O callback (HTTP answers, file reads) until it is done.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return delivered;
  }

  private async deliver(event: OutboxEvent): Promise<boolean> {
    const attempts = event.attempts + 1;
    try {
      const fields = JSON.parse(event.payload);
      const type = this.classes.get(event.eventName);
      await this.emitter.emitAsync(event.eventName, type ? new type(fields) : fields);
      await this.events.update(event.id, { deliveredAt: this.clock.now(), attempts, lastError: null });
      return true;
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      const delay = Math.min(1000 * 2 ** (attempts - 1), MAX_BACKOFF_MS);
      await this.events.update(event.id, {
        attempts,
        lastError: message.slice(0, 1000),
        nextAttemptAt: new Date(this.clock.now().getTime() + delay),
      });
      this.logger.warn(
        `event ${event.eventName} #${event.id} (${event.aggregateKey}) failed, attempt ${attempts}, retry in ${delay} ms: ${message}`,
      );
      return false;
    }
  }

  private async purgeDelivered(): Promise<void> {
    const now = this.clock.now().getTime();
    if (now - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now;
    await this.events.delete({ deliveredAt: LessThan(new Date(now - RETENTION_MS)) });
  }
}
