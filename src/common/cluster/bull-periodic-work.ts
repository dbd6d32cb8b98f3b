import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { ClusterConfig } from '../../config/cluster.config';
import { Metrics } from '../metrics/metrics';
import { PeriodicWork } from '../work/periodic-work';
import { RedisConnection } from './redis.connection';

/** A job whose worker died is given to another after this long without its lock being renewed. */
const LOCK_MS = 10_000;
/** Schedules are written again this often: Redis may have restarted empty. */
const RESCHEDULE_MS = 30_000;

interface Work {
  everyMs: number;
  run: () => Promise<unknown>;
  queue?: Queue;
  worker?: Worker;
}

/**
 * Periodic work in a cluster, on BullMQ: each piece of work has a queue of its own whose global
 * concurrency is one, a job scheduler that adds a job every period (once for the cluster, however
 * many instances), and a worker on every instance. A job whose instance died is taken up by
 * another once its lock runs out (BullMQ's stalled-job check). On shutdown the workers stop first
 * (a job under way finishes), while the database and Redis are still there.
 */
@Injectable()
export class BullPeriodicWork extends PeriodicWork implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('PeriodicWork');
  private readonly work = new Map<string, Work>();
  /** What failed since Redis last answered: said once, not at every retry. */
  private readonly failing = new Set<string>();
  private connection?: Redis;
  private started = false;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly redis: RedisConnection,
    private readonly config: ClusterConfig,
    metrics: Metrics,
  ) {
    super();
    metrics.gauge('facegate_work_jobs', 'Jobs of the cluster\'s periodic work, by work and state', ['work', 'state'], async () => {
      const counts: [Record<string, string>, number][] = [];
      for (const [name, { queue }] of this.work) {
        const byState: Record<string, number> = (await queue?.getJobCounts('waiting', 'active', 'delayed', 'failed').catch(() => null)) ?? {};
        for (const [state, n] of Object.entries(byState)) counts.push([{ work: name, state }, n]);
      }
      return counts;
    });
  }

  every(name: string, everyMs: number, run: () => Promise<unknown>): void {
    this.work.set(name, { everyMs, run });
    if (this.started) this.start(name);
  }

  soon(name: string): void {
    const queue = this.work.get(name)?.queue;
    // One waiting run is enough: the id makes later requests join it.
    void queue?.add(name, {}, { jobId: `${name}-soon`, removeOnComplete: true, removeOnFail: true }).catch((error: Error) => this.logger.warn(`${name}: cannot ask for a run now: ${error.message}`));
  }

  onApplicationBootstrap(): void {
    this.started = true;
    this.connection = this.redis.open('work', { maxRetriesPerRequest: null, commandTimeout: undefined });
    this.connection.on('ready', () => this.failing.clear());
    for (const name of this.work.keys()) this.start(name);
    this.timer = setInterval(() => void this.schedule(), RESCHEDULE_MS).unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([...this.work.values()].map(async ({ worker, queue }) => {
      await worker?.close().catch(() => undefined);
      await queue?.close().catch(() => undefined);
    }));
  }

  /** Writes every schedule again (they are gone when Redis restarted empty). */
  async schedule(): Promise<void> {
    for (const [name, work] of this.work) await this.scheduleOne(name, work);
  }

  private start(name: string): void {
    const work = this.work.get(name)!;
    const options = { connection: this.connection!, prefix: this.config.prefix };
    work.queue = new Queue(`work-${name}`, options);
    work.queue.on('error', (error: Error) => this.warnOnce(`${name} queue`, error));
    work.worker = new Worker(`work-${name}`, () => work.run(), { ...options, concurrency: 1, lockDuration: LOCK_MS, stalledInterval: LOCK_MS / 2 });
    work.worker.on('error', (error: Error) => this.warnOnce(`${name} worker`, error));
    work.worker.on('failed', (_job, error: Error) => this.logger.error(`${name} failed: ${error.message}`, error.stack));
    void this.scheduleOne(name, work);
  }

  private warnOnce(what: string, error: Error): void {
    if (this.failing.has(what)) return;
    this.failing.add(what);
    this.logger.warn(`${what}: ${error.message} (said once until Redis answers again)`);
  }

  private async scheduleOne(name: string, work: Work): Promise<void> {
    try {
      await work.queue!.setGlobalConcurrency(1);
      await work.queue!.upsertJobScheduler(`${name}-every`, { every: work.everyMs }, { name, opts: { removeOnComplete: true, removeOnFail: 100 } });
    } catch (error) {
      this.logger.warn(`${name}: cannot schedule it yet: ${(error as Error).message}`);
    }
  }
}
