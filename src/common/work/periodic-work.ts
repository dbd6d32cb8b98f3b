import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';

/**
 * Work that runs every so often, and on request, once for the whole site: a purge, a sweep, the
 * outbox's delivery. One process runs it on its own timers (LocalPeriodicWork); a cluster runs
 * each piece on one instance at a time (BullPeriodicWork).
 */
export abstract class PeriodicWork {
  /** Runs `run` every `everyMs` under `name`, never twice at once. */
  abstract every(name: string, everyMs: number, run: () => Promise<unknown>): void;

  /** Runs the work of `name` soon, besides its schedule (coalesced with a run already waiting). */
  abstract soon(name: string): void;
}

/** A single process: each piece of work on a timer of its own. */
@Injectable()
export class LocalPeriodicWork extends PeriodicWork implements OnApplicationShutdown {
  private readonly logger = new Logger('PeriodicWork');
  private readonly work = new Map<string, { run: () => Promise<unknown>; timer: NodeJS.Timeout }>();

  every(name: string, everyMs: number, run: () => Promise<unknown>): void {
    const timer = setInterval(() => this.soon(name), everyMs).unref();
    this.work.set(name, { run, timer });
  }

  soon(name: string): void {
    this.work.get(name)?.run().catch((error: Error) => this.logger.error(`${name}: ${error.message}`, error.stack));
  }

  onApplicationShutdown(): void {
    for (const { timer } of this.work.values()) clearInterval(timer);
  }
}
