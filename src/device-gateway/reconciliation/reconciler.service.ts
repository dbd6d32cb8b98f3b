import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { repeatEvery } from '../../common/work/repeat-every';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectRepository } from '@nestjs/typeorm';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { MoreThan, Repository } from 'typeorm';
import { OnEveryInstance } from '../../common/cluster/on-every-instance.decorator';
import { ReconciliationRequested } from './reconciliation-requested.event';
import { Clock } from '../../common/clock/clock';
import { ConflictError, InvalidInputError } from '../../common/errors/domain-errors';
import { DeviceGatewayConfig } from '../../config/device-gateway.config';
import { ProvisioningTasks } from '../provisioning/provisioning-tasks.service';
import { ProvisioningWorker } from '../provisioning/provisioning-worker.service';
import { differsFrom } from '../provisioning/terminal-user.mapper';
import { RecordLinks } from '../records/record-links.service';
import { USER_PAGE_CAP, UserObject } from '../terminal-api/terminal-api.types';
import { TerminalBackoff } from '../terminal-api/terminal-backoff';
import { TerminalEndpoint, TerminalHttpClient } from '../terminal-api/terminal-http.client';
import { TerminalRegistry } from '../terminals/terminal-registry.service';
import { TerminalOwnership } from '../terminals/terminal-ownership';
import { Terminal } from '../terminals/terminal.entity';
import { ReconciliationRun, ReconciliationTrigger } from './reconciliation-run.entity';
import { SINGLE_STATEMENT } from '../../database/unit-of-work';
import { ProvisioningQuery } from '../provisioning/provisioning.query';

const INTERVAL_NAME = 'device-gateway.reconciliation';
/** How long an instance that does not own the terminal waits for the owner to start the run it asked for. */
const OWNER_ANSWER_MS = 5000;

export interface StartedRun {
  /** The run's row as it was created (state `running`). */
  run: ReconciliationRun;
  done: Promise<ReconciliationRun>;
}

interface Counts {
  added: number;
  updated: number;
  removed: number;
  unmanaged: number;
  failures: number;
}

/**
 * Compares each terminal's user list with the grants and repairs the difference: missing people
 * are added, differing ones updated, people FaceGate put there but no longer grants removed
 * (others only with RECONCILE_REMOVE_UNMANAGED). Repairs go through the provisioning tasks, so
 * the worker's retries and refusals apply. A terminal in sync costs ceil(N/10) list calls and
 * nothing else. Runs every RECONCILE_INTERVAL_MINUTES, after a terminal reconnects, and on demand.
 */
@Injectable()
export class Reconciler implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Reconciler.name);
  private readonly running = new Map<number, Promise<StartedRun>>();
  private stopped = false;

  constructor(
    @InjectRepository(ReconciliationRun) private readonly runs: Repository<ReconciliationRun>,
    private readonly registry: TerminalRegistry,
    private readonly client: TerminalHttpClient,
    private readonly tasks: ProvisioningTasks,
    private readonly provisioning: ProvisioningQuery,
    private readonly worker: ProvisioningWorker,
    private readonly links: RecordLinks,
    private readonly scheduler: SchedulerRegistry,
    private readonly config: DeviceGatewayConfig,
    private readonly clock: Clock,
    private readonly backoff: TerminalBackoff,
    private readonly ownership: TerminalOwnership,
    private readonly emitter: EventEmitter2,
  ) {}

  onModuleInit(): void {
    this.links.onReconnect((terminalId) => this.reconcileQuietly(terminalId, 'reconnect'));
  }

  async onApplicationBootstrap(): Promise<void> {
    // A run still marked running was cut off: by this process's last stop, or in a cluster by the
    // instance that owned the terminal before this one.
    if (this.ownership.shared) this.ownership.onChange((terminalId, owned) => owned && void this.markInterrupted(terminalId));
    else await this.markInterrupted();
    repeatEvery(this.scheduler, INTERVAL_NAME, this.config.reconcileIntervalMinutes * 60_000, () => this.reconcileAll());
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.running.values()].map((started) => started.then((run) => run.done)));
  }

  /**
   * The scheduled pass, over the terminals this instance owns; it leaves out terminals their
   * backoff holds back (their run would only record the wait).
   */
  async reconcileAll(): Promise<void> {
    for (const terminal of await this.registry.enabled()) {
      if (this.registry.isTarget(terminal) && this.ownership.owns(terminal.id) && this.backoff.waitingMs(terminal.id) === 0) void this.reconcileQuietly(terminal.id, 'schedule');
    }
  }

  /** Runs a reconciliation (or joins the one under way) and resolves with it once finished. */
  async reconcile(terminalId: number, trigger: ReconciliationTrigger): Promise<ReconciliationRun> {
    return (await this.start(terminalId, trigger)).done;
  }

  /**
   * Starts a run (or joins the one under way) wherever the terminal is run: here, or in a cluster
   * on the instance that owns it, which is asked through the cluster's events. Resolves with the
   * run's row as soon as it exists.
   */
  async request(terminalId: number, trigger: ReconciliationTrigger): Promise<ReconciliationRun> {
    if (this.ownership.owns(terminalId) || !this.ownership.shared) return (await this.start(terminalId, trigger)).run;
    this.reconcilable(await this.registry.get(terminalId));
    const before = await this.runs.findOne({ where: { terminalId }, order: { id: 'DESC' }, select: { id: true } });
    this.emitter.emit(ReconciliationRequested.eventName, new ReconciliationRequested(terminalId, trigger));
    for (const deadline = Date.now() + OWNER_ANSWER_MS; Date.now() < deadline; ) {
      const run =
        (await this.runs.findOne({ where: { terminalId, id: MoreThan(before?.id ?? 0) }, order: { id: 'DESC' } })) ??
        (await this.runs.findOne({ where: { terminalId, state: 'running' }, order: { id: 'DESC' } }));
      if (run) return run;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new ConflictError(`no instance of the cluster runs terminal ${terminalId} at the moment (its lease is being taken over): ask again`);
  }

  /** Another instance was asked for a run of a terminal this one owns. */
  @OnEveryInstance(ReconciliationRequested)
  onRequested(event: ReconciliationRequested): void {
    if (this.ownership.owns(event.terminalId)) void this.reconcileQuietly(event.terminalId, event.trigger);
  }

  /** Starts a run, or joins the one under way; resolves as soon as its row exists. */
  start(terminalId: number, trigger: ReconciliationTrigger): Promise<StartedRun> {
    const existing = this.running.get(terminalId);
    if (existing) return existing;
    const started = this.begin(terminalId, trigger);
    this.running.set(terminalId, started);
    void started
      .then((run) => run.done)
      .catch(() => undefined)
      .finally(() => this.running.delete(terminalId));
    return started;
  }

  private async begin(terminalId: number, trigger: ReconciliationTrigger): Promise<StartedRun> {
    const terminal = await this.registry.get(terminalId);
    this.reconcilable(terminal);
    if (!this.ownership.owns(terminalId)) throw new ConflictError(`terminal ${terminalId} is run by another instance of the cluster at the moment: ask again`);
    const run = await this.runs.save(
      this.runs.create({
        terminalId,
        trigger,
        state: 'running',
        startedAt: this.clock.now(),
        finishedAt: null,
        durationMs: null,
        listCalls: 0,
        terminalUsers: 0,
        added: 0,
        updated: 0,
        removed: 0,
        unmanaged: 0,
        failures: 0,
        error: null,
      }),
      SINGLE_STATEMENT,
    );
    return { run: { ...run }, done: this.execute(run, this.registry.endpoint(terminal)) };
  }

  private reconcilable(terminal: Terminal): void {
    if (!this.registry.isTarget(terminal)) {
      throw new InvalidInputError(`terminal ${terminal.id} is ${terminal.enabled ? 'not a provisioning target' : 'disabled'}: nothing to reconcile`);
    }
  }

  private async markInterrupted(terminalId?: number): Promise<void> {
    await this.runs.update({ state: 'running', ...(terminalId === undefined ? {} : { terminalId }) }, { state: 'failed', error: 'interrupted: the service stopped during the run' });
  }

  private async reconcileQuietly(terminalId: number, trigger: ReconciliationTrigger): Promise<void> {
    if (this.stopped) return;
    await this.reconcile(terminalId, trigger).catch((error: Error) => this.logger.warn(`reconciling terminal #${terminalId}: ${error.message}`));
  }

  private async execute(run: ReconciliationRun, endpoint: TerminalEndpoint): Promise<ReconciliationRun> {
    try {
      const users = await this.readUsers(endpoint, run);
      Object.assign(run, await this.repair(run.terminalId, endpoint, users));
      run.state = 'succeeded';
    } catch (error) {
      run.state = 'failed';
      run.error = (error as Error).message.slice(0, 1000);
    }
    run.finishedAt = this.clock.now();
    run.durationMs = run.finishedAt.getTime() - run.startedAt.getTime();
    await this.runs.save(run, SINGLE_STATEMENT);
    const summary = `+${run.added} ~${run.updated} -${run.removed}, ${run.unmanaged} unmanaged, ${run.failures} failures, ${run.listCalls} list calls`;
    this.logger.log(`terminal #${run.terminalId} reconciled (${run.trigger}) in ${run.durationMs} ms: ${run.state}, ${summary}${run.error ? `: ${run.error}` : ''}`);
    return run;
  }

  /** Every user on the terminal, 10 a page: exactly ceil(N/10) calls (one when it holds nobody). */
  private async readUsers(endpoint: TerminalEndpoint, run: ReconciliationRun): Promise<Map<string, UserObject>> {
    const users = new Map<string, UserObject>();
    for (let page = 1; ; page++) {
      const answer = await this.client.listUsers(endpoint, { page, size: USER_PAGE_CAP });
      run.listCalls += 1;
      run.terminalUsers = answer.total;
      for (const user of answer.data) users.set(String(user.userId), user);
      if (answer.data.length === 0 || page * USER_PAGE_CAP >= answer.total) return users;
    }
  }

  private async repair(terminalId: number, endpoint: TerminalEndpoint, users: Map<string, UserObject>): Promise<Counts> {
    const counts: Counts = { added: 0, updated: 0, removed: 0, unmanaged: 0, failures: 0 };
    const grants = new Map((await this.provisioning.allGrants()).map((grant) => [grant.personId, grant]));
    const tasks = new Map((await this.provisioning.tasksOn(terminalId)).map((task) => [task.grantId, task]));
    const corrected = new Set<number>();
    for (const grant of grants.values()) {
      if (!grant.active || tasks.get(grant.id)?.state === 'failed') continue;
      const user = users.get(grant.personId);
      if (!user) {
        await this.tasks.correct(grant, terminalId, 'upsert', false);
        counts.added += 1;
      } else if (differsFrom(grant, user)) {
        await this.tasks.correct(grant, terminalId, 'upsert', true);
        counts.updated += 1;
      } else {
        continue;
      }
      corrected.add(grant.id);
    }
    for (const [userId] of users) {
      const grant = grants.get(userId);
      if (grant?.active) continue;
      if (grant) {
        await this.tasks.correct(grant, terminalId, 'delete', true);
        corrected.add(grant.id);
        counts.removed += 1;
      } else if (this.config.reconcileRemoveUnmanaged) {
        await this.removeUnmanaged(endpoint, userId, counts);
      } else {
        counts.unmanaged += 1;
      }
    }
    if (corrected.size > 0) counts.failures += await this.applyCorrections(terminalId, corrected);
    return counts;
  }

  /** Lets the worker apply the corrections now; returns how many did not take. */
  private async applyCorrections(terminalId: number, corrected: Set<number>): Promise<number> {
    await this.worker.drainNow(terminalId);
    const after = await this.provisioning.tasksOn(terminalId);
    return after.filter((task) => corrected.has(task.grantId) && task.state !== 'done').length;
  }

  private async removeUnmanaged(endpoint: TerminalEndpoint, userId: string, counts: Counts): Promise<void> {
    if (!this.ownership.owns(endpoint.id)) throw new Error('another instance took the terminal over during the run');
    try {
      await this.client.deleteUser(endpoint, userId);
      counts.removed += 1;
    } catch (error) {
      counts.failures += 1;
      this.logger.warn(`could not remove unmanaged user ${userId}: ${(error as Error).message}`);
    }
  }
}
