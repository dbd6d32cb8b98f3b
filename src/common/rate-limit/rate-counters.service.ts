import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { PreparedSql, rawDate } from '../../database/prepared-query';
import { isUniqueViolation } from '../../database/unique-violation';
import { Clock } from '../clock/clock';
import { TooManyRequestsError } from '../errors/domain-errors';
import { Metrics } from '../metrics/metrics';
import { PeriodicWork } from '../work/periodic-work';
import { RateCounter } from './rate-counter.entity';

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
 * hit is one statement; expired counters are purged every ten minutes.
 */
@Injectable()
export class RateCounters implements OnApplicationBootstrap {
  private readonly logger = new Logger(RateCounters.name);

  private readonly bump: PreparedSql;
  private readonly start: PreparedSql;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
    private readonly work: PeriodicWork,
  ) {
    const mssql = dataSource.options.type === 'mssql';
    this.bump = new PreparedSql(
      dataSource,
      `UPDATE rate_counter SET hits = CASE WHEN expires_at <= :now THEN 1 ELSE hits + 1 END,
         expires_at = CASE WHEN expires_at <= :now THEN :fresh ELSE expires_at END
       ${mssql ? 'OUTPUT INSERTED.hits, INSERTED.expires_at' : ''}
       WHERE counter_key = :key ${mssql ? '' : 'RETURNING hits, expires_at'}`,
    );
    this.start = new PreparedSql(dataSource, 'INSERT INTO rate_counter (counter_key, hits, expires_at) VALUES (:key, 1, :fresh)');
  }

  onApplicationBootstrap(): void {
    this.work.every('rate-counter-purge', PURGE_EVERY_MS, () => this.purge());
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

  /**
   * Adds one to the counter and returns it (a new window if the last one ended): one UPDATE that
   * returns what it wrote, which the database runs one at a time per counter; an INSERT the first
   * time (of two first hits at once, the second finds the row the first made).
   */
  async increment(key: string, windowSeconds: number): Promise<CounterState> {
    const now = this.clock.now();
    const fresh = new Date(now.getTime() + windowSeconds * 1000);
    for (let attempt = 0; ; attempt++) {
      const [row] = await this.bump.rows({ key, now, fresh });
      if (row) {
        return { hits: Number(row.hits), remainingMs: (rawDate(row.expires_at) ?? fresh).getTime() - now.getTime() };
      }
      try {
        await this.start.execute({ key, fresh });
        return { hits: 1, remainingMs: windowSeconds * 1000 };
      } catch (error) {
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
