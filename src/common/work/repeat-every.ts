import { SchedulerRegistry } from '@nestjs/schedule';

/**
 * Runs `work` every `ms`, without keeping the process alive, registered under `name` so the
 * scheduler clears it when the application stops.
 */
export function repeatEvery(scheduler: SchedulerRegistry, name: string, ms: number, work: () => unknown): void {
  const timer = setInterval(() => void work(), ms);
  timer.unref();
  scheduler.addInterval(name, timer);
}
