import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import { DeviceGatewayConfig } from '../../config/device-gateway.config';
import { TerminalRejectedError, TerminalUnreachableError, TerminalWaitingError } from './terminal-errors';

/** Why FaceGate holds back from a terminal. */
export type TerminalWaitReason = 'unreachable' | 'credentials-refused';

export interface TerminalAvailability {
  /** Null: FaceGate contacts the terminal whenever it needs to. */
  waiting: TerminalWaitReason | null;
  since: Date | null;
  /** When FaceGate next contacts it (null when it does not wait). */
  nextAttemptAt: Date | null;
  reason: string | null;
}

/** Told when a terminal becomes unreachable, refuses the credentials, or answers again (`waiting` null). */
export type AvailabilityListener = (terminalId: number, now: TerminalAvailability) => void;

/** A request that got through the gate; `probe` when it is the one try after a wait. */
export interface TerminalAttempt {
  readonly terminalId: number;
  readonly probe: boolean;
}

interface Wait {
  reason: TerminalWaitReason;
  failures: number;
  since: number;
  until: number;
  message: string;
  probing: boolean;
}

const FIRST_WAIT_MS = 1000;
/** How often a caller that may not contact the terminal looks again once the wait is over and the probe is out. */
const PROBE_POLL_MS = 1000;

/**
 * One backoff per terminal, shared by every caller (provisioning, record link, record check,
 * reconciliation, status, an administrator's request): when the terminal cannot be reached, all of
 * them wait (1 s doubling up to RECORD_RECONNECT_MAX_MS); when it refuses FaceGate's password,
 * all of them wait TERMINAL_CREDENTIALS_RETRY_SECONDS between tries, until it is accepted or an
 * administrator changes the terminal. When a wait is over, exactly one request (the probe) goes
 * out; the others keep waiting for its verdict.
 */
@Injectable()
export class TerminalBackoff {
  private readonly logger = new Logger(TerminalBackoff.name);
  private readonly waits = new Map<number, Wait>();
  private readonly listeners: AvailabilityListener[] = [];

  constructor(
    private readonly config: DeviceGatewayConfig,
    private readonly clock: Clock,
  ) {}

  onChange(listener: AvailabilityListener): void {
    this.listeners.push(listener);
  }

  /** Lets a request go to the terminal, or throws TerminalWaitingError. */
  enter(terminalId: number): TerminalAttempt {
    const wait = this.waits.get(terminalId);
    if (!wait) return { terminalId, probe: false };
    const now = this.clock.now().getTime();
    if (wait.until <= now && !wait.probing) {
      wait.probing = true;
      return { terminalId, probe: true };
    }
    const retryAfterMs = Math.max(wait.until - now, PROBE_POLL_MS);
    throw new TerminalWaitingError(`FaceGate waits until ${new Date(now + retryAfterMs).toISOString()} before it contacts this terminal again: ${wait.message}`, retryAfterMs);
  }

  /** The terminal answered (with any code but a refusal of the credentials): it is there. */
  succeeded(attempt: TerminalAttempt): void {
    const wait = this.waits.get(attempt.terminalId);
    if (!wait) return;
    this.waits.delete(attempt.terminalId);
    this.logger.log(`terminal #${attempt.terminalId} answers again after ${wait.reason === 'unreachable' ? 'being unreachable' : 'refusing the credentials'}`);
    this.tell(attempt.terminalId);
  }

  /** What a request's failure says of the terminal. A request that was under way when the wait began adds nothing. */
  failed(attempt: TerminalAttempt, error: unknown): void {
    if (error instanceof TerminalWaitingError) return;
    const credentials = error instanceof TerminalRejectedError && error.credentials;
    const unreachable = error instanceof TerminalUnreachableError || (error instanceof TerminalRejectedError && error.authentication);
    if (!credentials && !unreachable) return this.succeeded(attempt);
    const current = this.waits.get(attempt.terminalId);
    if (current && !attempt.probe) return;
    const now = this.clock.now().getTime();
    const message = (error as Error).message;
    if (credentials) {
      const since = current?.reason === 'credentials-refused' ? current.since : now;
      this.waits.set(attempt.terminalId, { reason: 'credentials-refused', failures: 1, since, until: now + this.config.credentialsRetrySeconds * 1000, message, probing: false });
      if (current?.reason !== 'credentials-refused') {
        this.logger.warn(`terminal #${attempt.terminalId} refuses FaceGate's credentials (${message}): tried again every ${this.config.credentialsRetrySeconds} s until its password is changed`);
        this.tell(attempt.terminalId);
      }
      return;
    }
    const failures = current?.reason === 'unreachable' ? current.failures + 1 : 1;
    const ceiling = Math.min(this.config.recordReconnectMaxMs, FIRST_WAIT_MS * 2 ** (failures - 1));
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.waits.set(attempt.terminalId, { reason: 'unreachable', failures, since: current?.since ?? now, until: now + delay, message, probing: false });
    if (failures === 1) {
      this.logger.warn(`terminal #${attempt.terminalId} unreachable (${message}): every caller waits, from ${Math.round(delay)} ms doubling`);
      this.tell(attempt.terminalId);
    }
  }

  /** How long a caller should wait before it tries (0: now, or it may be the probe). */
  waitingMs(terminalId: number): number {
    const wait = this.waits.get(terminalId);
    if (!wait) return 0;
    const remaining = wait.until - this.clock.now().getTime();
    return remaining > 0 ? remaining : wait.probing ? PROBE_POLL_MS : 0;
  }

  /** For a caller that never probes (the record link): how long to hold back while any wait lasts. */
  holdBackMs(terminalId: number): number {
    const wait = this.waits.get(terminalId);
    return wait ? Math.max(wait.until - this.clock.now().getTime(), PROBE_POLL_MS) : 0;
  }

  availability(terminalId: number): TerminalAvailability {
    const wait = this.waits.get(terminalId);
    if (!wait) return { waiting: null, since: null, nextAttemptAt: null, reason: null };
    return { waiting: wait.reason, since: new Date(wait.since), nextAttemptAt: new Date(wait.until), reason: wait.message };
  }

  /** The terminal was changed or removed: what FaceGate knew of it no longer holds. */
  reset(terminalId: number): void {
    if (this.waits.delete(terminalId)) this.tell(terminalId);
  }

  /** After a restart: a refusal that was stored still waits out its time. */
  restoreRefusal(terminalId: number, refusedAt: Date, message: string): void {
    const until = refusedAt.getTime() + this.config.credentialsRetrySeconds * 1000;
    this.waits.set(terminalId, { reason: 'credentials-refused', failures: 1, since: refusedAt.getTime(), until, message, probing: false });
  }

  private tell(terminalId: number): void {
    const now = this.availability(terminalId);
    for (const listener of this.listeners) listener(terminalId, now);
  }
}
