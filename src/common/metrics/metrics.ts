import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Which protocol a path belongs to, for the request metrics (a bounded set of labels). */
export function familyOf(path: string): string {
  if (/^\/SkyFaceRegister\//i.test(path)) return 'do';
  if (/^\/v1\//.test(path)) return 'visitor';
  if (/^\/api\/admin\//.test(path)) return 'admin';
  if (/^\/api\/face-identity\//.test(path)) return 'face-identity';
  if (/^\/api\//.test(path)) return 'hotel';
  if (/^\/sy(record|face|attribute|result|heartbeat)\//i.test(path)) return 'terminal';
  if (/^\/files\//.test(path)) return 'files';
  if (/^\/(health|metrics|docs)(\/|$)/.test(path)) return 'operations';
  return 'other';
}

/**
 * The Prometheus registry of this app instance (one per instance, so tests that start several
 * apps do not collide), with the metrics several modules share. Modules add gauges of their own
 * through `gauge`, read when /metrics is scraped.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly requestSeconds = new Histogram({
    name: 'facegate_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by protocol family, method and status class',
    labelNames: ['family', 'method', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly rateLimitRefusals = new Counter({
    name: 'facegate_rate_limit_refusals_total',
    help: 'Requests refused by a rate limit, by limit',
    labelNames: ['limit'] as const,
    registers: [this.registry],
  });

  /** A counter of this registry, for a module's own events. */
  counter(name: string, help: string): Counter {
    return new Counter({ name, help, registers: [this.registry] });
  }

  /** A gauge whose values `read` gives when /metrics is scraped. */
  gauge(name: string, help: string, labelNames: string[], read: () => Promise<[Record<string, string>, number][]>): void {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const [labels, value] of await read()) this.set(labels, value);
      },
    });
  }
}
