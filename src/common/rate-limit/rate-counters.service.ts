import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { forUpdate } from '../../database/row-lock';
import { isUniqueViolation } from '../../database/unique-violation';
import { Clock } from '../clock/clock';
import { TooManyRequestsError } from '../errors/domain-errors';
import { Metrics } from '../metrics/metrics';
import { RateCounter } from './rate-counter.entity';
import { UnitOfWork } from '../../database/unit-of-work';

/** A limit: at most `limit` hits per `windowSeconds`, named for the log and the key. */
export interface RateLimit {
  name: string;
  limit: number;
  windowSeconds: number;
  /** What the caller is told, before "try again in N s". */
  message: string;
}

export interface CounterState {
  hits: number;
  /** Milliseconds until the window ends. */
  remainingMs: number;
}

const PURGE_EVERY_MS = 10 * 60_000;

/**
 * Counters in fixed windows, kept in the database so that several instances count together. Each
 * hit is one small transaction; expired counters are purged every ten minutes.
 */
@Injectable()
export class RateCounters implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RateCounters.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.purge(), PURGE_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Counts a hit on `who` against `limit`; throws TooManyRequestsError once the limit is passed. */
  async hit(limit: RateLimit, who: string): Promise<void> {
    const state = await this.increment(`${limit.name}:${who}`, limit.windowSeconds);
    if (state.hits > limit.limit) {
      this.metrics.rateLimitRefusals.inc({ limit: limit.name });
      const seconds = Math.max(1, Math.ceil(state.remainingMs / 1000));
      throw new TooManyRequestsError(`${limit.message}; try again in ${seconds} s`, seconds);
    }
  }

  /** Adds one to the counter and returns it (a new window if the last one ended). */
  async increment(key: string, windowSeconds: number): Promise<CounterState> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.unitOfWork.run(async (manager) => {
          const repository = manager.getRepository(RateCounter);
          const now = this.clock.now();
          // Held until the hit is counted, so concurrent hits each see the one before.
          const row = await repository.findOne({ where: { counterKey: key }, lock: forUpdate(this.dataSource) });
          if (!row || row.expiresAt <= now) {
            const fresh = { counterKey: key, hits: 1, expiresAt: new Date(now.getTime() + windowSeconds * 1000) };
            if (row) await repository.update({ counterKey: key }, fresh);
            else await repository.insert(fresh);
            return { hits: 1, remainingMs: windowSeconds * 1000 };
          }
          await repository.increment({ counterKey: key }, 'hits', 1);
          return { hits: row.hits + 1, remainingMs: row.expiresAt.getTime() - now.getTime() };
        });
      } catch (error) {
        // Another instance created the counter at the same moment: count on it.
        if (attempt > 0 || !isUniqueViolation(error)) throw error;
      }
    }
  }

  /** The counter as it stands, without a hit; null when there is none in the current window. */
  async peek(key: string): Promise<CounterState | null> {
    const row = await this.dataSource.getRepository(RateCounter).findOneBy({ counterKey: key });
    const now = this.clock.now().getTime();
    return row && row.expiresAt.getTime() > now ? { hits: row.hits, remainingMs: row.expiresAt.getTime() - now } : null;
  }

  async reset(key: string): Promise<void> {
    await this.dataSource.getRepository(RateCounter).delete({ counterKey: key });
  }

  private async purge(): Promise<void> {
    try {
      await this.dataSource.getRepository(RateCounter).delete({ expiresAt: LessThanOrEqual(this.clock.now()) });
    } catch (error) {
      this.logger.warn(`purging rate counters: ${(error as Error).message}`);
    }
  }
}
