import { performance } from 'node:perf_hooks';
import { LatencySummary, summarise } from './stats';

/**
 * Offers requests at a fixed rate whatever the server does (open loop). Latency is measured from
 * the moment a request was due, not when it was sent, so a stalled server cannot hide its queue
 * (no coordinated omission).
 */
export async function openLoop(rate: number, durationMs: number, fire: () => Promise<boolean>): Promise<LatencySummary & { failures: Record<string, number> }> {
  const total = Math.round((rate * durationMs) / 1000);
  const interval = 1000 / rate;
  const latencies: number[] = [];
  let errors = 0;
  const failures: Record<string, number> = {};
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(
      fire().then(
        (ok) => {
          if (ok) latencies.push(performance.now() - due);
          else {
            errors += 1;
            failures['unexpected answer'] = (failures['unexpected answer'] ?? 0) + 1;
          }
        },
        (error: Error) => {
          errors += 1;
          failures[error.message] = (failures[error.message] ?? 0) + 1;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  return { ...summarise(latencies, errors), failures };
}
