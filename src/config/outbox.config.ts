import { IsInt, Max, Min } from 'class-validator';
import { Env } from './env.decorator';

export class OutboxConfig {
  /** How often undelivered domain events are retried (new events are dispatched at once). */
  @Env('OUTBOX_POLL_MS')
  @IsInt()
  @Min(100)
  @Max(600000)
  pollMs = 5000;
}
