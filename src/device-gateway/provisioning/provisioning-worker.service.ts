import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { TerminalBackoff } from '../terminal-api/terminal-backoff';
import { PARAM_INVALID, TerminalRejectedError, TerminalUnreachableError, TerminalWaitingError, USER_NOT_EXISTS } from '../terminal-api/terminal-errors';
import { TerminalEndpoint, TerminalHttpClient } from '../terminal-api/terminal-http.client';
import { OnEveryInstance } from '../../common/cluster/on-every-instance.decorator';
import { TerminalChanged } from '../terminals/terminal-changed.event';
import { Terminal } from '../terminals/terminal.entity';
import { TerminalRegistry } from '../terminals/terminal-registry.service';
import { TerminalOwnership } from '../terminals/terminal-ownership';
import { AccessGrant } from './access-grant.entity';
import { ProvisioningAnnouncer } from './provisioning-announcer.service';
import { ProvisioningTask } from './provisioning-task.entity';
import { ProvisioningTasks } from './provisioning-tasks.service';
import { PhotoUnavailableError, TerminalPhotoSource } from './terminal-photo.source';
import { terminalUserOf } from './terminal-user.mapper';
import { ProvisioningQuery } from './provisioning.query';
import { Clock } from '../../common/clock/clock';

const BATCH = 50;
/** Retried tasks and terminals that were down are looked at this often. */
const POLL_MS = 2000;

/**
 * Drains provisioning tasks: one loop per terminal (terminals in parallel, each terminal's
 * requests in order through the client's lane). A terminal that cannot be reached, or refuses the
 * password, stops its loop instead of failing task after task: the terminal's one backoff
 * (TerminalBackoff) says when it is tried again, and the loop resumes at once when its record
 * link comes back.
 */
@Injectable()
export class ProvisioningWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProvisioningWorker.name);
  private readonly loops = new Map<number, Promise<void>>();
  private readonly again = new Set<number>();
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    @InjectRepository(AccessGrant) private readonly grants: Repository<AccessGrant>,
    private readonly registry: TerminalRegistry,
    private readonly tasks: ProvisioningTasks,
    private readonly query: ProvisioningQuery,
    private readonly clock: Clock,
    private readonly announcer: ProvisioningAnnouncer,
    private readonly client: TerminalHttpClient,
    private readonly photos: TerminalPhotoSource,
    private readonly backoff: TerminalBackoff,
    private readonly ownership: TerminalOwnership,
  ) {}

  onApplicationBootstrap(): void {
    this.ownership.onChange((id, owned) => owned && this.kick(id));
    this.timer = setInterval(() => void this.kickAll(), POLL_MS);
    this.timer.unref();
    void this.kickAll();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await Promise.all(this.loops.values());
  }

  @OnEveryInstance(TerminalChanged)
  onTerminalChanged(event: TerminalChanged): void {
    if (!event.removed) this.kick(event.terminalId);
  }

  /** The terminal is reachable again: what waited for it is due now. */
  async resume(terminalId: number): Promise<void> {
    await this.tasks.wakeTerminal(terminalId);
    this.kick(terminalId);
  }

  async kickAll(): Promise<void> {
    if (this.stopped) return;
    try {
      for (const terminal of await this.registry.enabled()) this.kick(terminal.id);
    } catch (error) {
      this.logger.error(`cannot list terminals: ${(error as Error).message}`);
    }
  }

  /** Starts the terminal's loop (if this instance owns the terminal), or asks a running one for another pass. */
  kick(terminalId: number): void {
    if (this.stopped || !this.ownership.owns(terminalId) || this.backoff.waitingMs(terminalId) > 0) return;
    if (this.loops.has(terminalId)) {
      this.again.add(terminalId);
      return;
    }
    const loop = (async () => {
      do {
        this.again.delete(terminalId);
        await this.drain(terminalId).catch((error: Error) => this.logger.error(`provisioning terminal #${terminalId}: ${error.message}`, error.stack));
      } while (this.again.has(terminalId) && !this.stopped);
    })().finally(() => this.loops.delete(terminalId));
    this.loops.set(terminalId, loop);
  }

  /** Runs the terminal's loop now and resolves when it has nothing left to do. */
  async drainNow(terminalId: number): Promise<void> {
    this.kick(terminalId);
    while (this.loops.has(terminalId)) await this.loops.get(terminalId);
    await this.announcer.settled();
  }

  /** Resolves once every running loop has nothing left to do (for tests and benchmarks). */
  async idle(): Promise<void> {
    while (this.loops.size > 0) await Promise.all(this.loops.values());
    await this.announcer.settled();
  }

  private async drain(terminalId: number): Promise<void> {
    const terminal = await this.registry.get(terminalId).catch(() => null);
    if (!terminal || !this.registry.isTarget(terminal)) return;
    const endpoint = this.registry.endpoint(terminal);
    for (;;) {
      const tasks = await this.query.dueOn(terminalId, this.clock.now(), BATCH);
      if (tasks.length === 0 || this.stopped) return;
      const grants = new Map((await this.grants.findBy({ id: In(tasks.map((t) => t.grantId)) })).map((g) => [g.id, g]));
      this.photos.prefetch(tasks.filter((t) => t.action === 'upsert' && grants.has(t.grantId)).map((t) => grants.get(t.grantId)!.photoUrl).filter(Boolean));
      const bookkeeping: Promise<void>[] = [];
      try {
        for (const task of tasks) {
          // Asked before each request: a lease that ran out (another instance took the terminal) stops the loop.
          if (!this.ownership.owns(terminalId)) return;
          const grant = grants.get(task.grantId);
          if (grant && !(await this.process(terminal, endpoint, task, grant, bookkeeping))) return;
        }
      } finally {
        await Promise.all(bookkeeping);
      }
    }
  }

  /**
   * Applies one task; false when the terminal is down and the loop should pause. Writing down the
   * success goes on while the next request is sent (`bookkeeping`, awaited before the next batch).
   */
  private async process(
    terminal: Terminal,
    endpoint: TerminalEndpoint,
    task: ProvisioningTask,
    grant: AccessGrant,
    bookkeeping: Promise<void>[],
  ): Promise<boolean> {
    try {
      const onTerminal = task.action === 'upsert' ? await this.put(endpoint, grant, task.onTerminal) : await this.takeOff(endpoint, grant, task.onTerminal);
      bookkeeping.push(
        this.announcer.done(task, onTerminal).catch((error: Error) => this.logger.error(`recording task #${task.id}: ${error.message}`)),
      );
      return true;
    } catch (error) {
      return this.handleFailure(terminal, task, grant, error);
    }
  }

  private async put(endpoint: TerminalEndpoint, grant: AccessGrant, onTerminal: boolean): Promise<boolean> {
    const user = terminalUserOf(grant);
    // Visitors may have no photo: they pass by QR code, or by a face the terminal learns later.
    const photo = grant.photoUrl ? await this.photos.base64(grant.photoUrl) : undefined;
    const [first, second] = onTerminal
      ? [() => this.client.updateUser(endpoint, user, photo), () => this.client.addUser(endpoint, user, photo)]
      : [() => this.client.addUser(endpoint, user, photo), () => this.client.updateUser(endpoint, user, photo)];
    try {
      await first();
    } catch (error) {
      // What FaceGate believed about the terminal was stale: the other call fits.
      const stale = error instanceof TerminalRejectedError && error.code === (onTerminal ? USER_NOT_EXISTS : PARAM_INVALID);
      if (!stale) throw error;
      await second();
    }
    return true;
  }

  private async takeOff(endpoint: TerminalEndpoint, grant: AccessGrant, onTerminal: boolean): Promise<boolean> {
    if (!onTerminal) return false;
    try {
      await this.client.deleteUser(endpoint, grant.personId);
    } catch (error) {
      if (!(error instanceof TerminalRejectedError && error.code === USER_NOT_EXISTS)) throw error;
    }
    return false;
  }

  private async handleFailure(terminal: Terminal, task: ProvisioningTask, grant: AccessGrant, error: unknown): Promise<boolean> {
    const message = (error as Error).message;
    if (error instanceof TerminalRejectedError && error.permanent) {
      await this.announcer.failed(task, grant, terminal, error.code, message);
      return true;
    }
    if (error instanceof PhotoUnavailableError && error.permanent) {
      await this.announcer.failed(task, grant, terminal, null, message);
      return true;
    }
    if (error instanceof TerminalWaitingError) return false;
    const terminalDown = error instanceof TerminalUnreachableError || (error instanceof TerminalRejectedError && error.authentication);
    if (terminalDown) {
      void this.registry.recordError(terminal.id, message);
      this.logger.warn(`terminal #${terminal.id} "${terminal.name}" unavailable for provisioning: ${message}`);
      return false;
    }
    await this.tasks.retry(task, message, error instanceof TerminalRejectedError ? error.code : null);
    return true;
  }
}
