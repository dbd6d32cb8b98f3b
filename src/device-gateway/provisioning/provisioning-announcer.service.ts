import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import { Outbox } from '../../common/outbox/outbox.service';
import { FaceRegistrationProvisioned, FaceRegistrationProvisioningFailed } from '../../events';
import { AccessGrant } from './access-grant.entity';
import { ProvisioningTask } from './provisioning-task.entity';
import { ProvisioningTasks } from './provisioning-tasks.service';
import { UnitOfWork } from '../../database/unit-of-work';
import { ProvisioningQuery } from './provisioning.query';
import { ProvisioningPlanner } from './provisioning-planner.service';

/** How long a finished task waits for the same person's other terminals before the check. */
const CHECK_DELAY_MS = 20;
const IDS_PER_QUERY = 500;

/** Events about one person travel in order (same key as face-registry uses for the registration). */
function aggregateKeyOf(grant: AccessGrant): string {
  return `${grant.source}:${grant.sourceId}`;
}

/**
 * Tells the rest of FaceGate what provisioning achieved: a person that every target terminal now
 * holds (`FaceRegistrationProvisioned`, once per grant version) and a terminal refusing a person
 * for good (`FaceRegistrationProvisioningFailed`, in the transaction that marks the task failed).
 */
@Injectable()
export class ProvisioningAnnouncer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProvisioningAnnouncer.name);
  /** Grants whose last task may just have finished, checked together shortly after. */
  private readonly toCheck = new Set<number>();
  private checkTimer?: NodeJS.Timeout;
  private checking: Promise<void> = Promise.resolve();

  constructor(
    private readonly query: ProvisioningQuery,
    private readonly planner: ProvisioningPlanner,
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: Outbox,
    private readonly tasks: ProvisioningTasks,
    private readonly clock: Clock,
  ) {}

  /** A crash between a person's last task and the announcement must not keep it unannounced. */
  async onApplicationBootstrap(): Promise<void> {
    for (const id of await this.query.unannounced()) this.toCheck.add(id);
    await this.settled();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.settled();
  }

  /** The task was applied: once the person's other terminals are done too, the person is announced. */
  async done(task: ProvisioningTask, onTerminal: boolean): Promise<void> {
    await this.tasks.done(task, onTerminal);
    if (task.action === 'upsert') this.checkSoon(task.grantId);
  }

  /** Resolves once every pending "is the person everywhere now?" check has run. */
  async settled(): Promise<void> {
    if (this.toCheck.size > 0) {
      clearTimeout(this.checkTimer);
      this.checkTimer = undefined;
      this.checking = this.checking.then(() => this.checkAnnouncements());
    }
    await this.checking;
  }

  /** The terminal refused the person for good; shown on the device and, for registrations, on the registration. */
  async failed(task: ProvisioningTask, grant: AccessGrant, terminal: { id: number; name: string }, code: number | null, reason: string): Promise<void> {
    const now = this.clock.now();
    await this.unitOfWork.run(async (manager) => {
      const changed = await this.tasks.fail(manager, task, code, reason);
      if (!changed || grant.source !== 'face-registration') return;
      await this.outbox.stage(
        manager,
        new FaceRegistrationProvisioningFailed({
          registrationId: Number(grant.sourceId),
          personId: grant.personId,
          terminalId: terminal.id,
          terminalName: terminal.name,
          code,
          reason: reason.slice(0, 300),
          failedAt: now.toISOString(),
        }),
        aggregateKeyOf(grant),
      );
    });
    this.outbox.dispatchSoon();
    this.logger.warn(`terminal #${terminal.id} refused ${grant.personId} for good: ${reason}`);
  }

  /** A person's tasks finish on many terminals within moments: one grouped check serves them all. */
  private checkSoon(grantId: number): void {
    this.toCheck.add(grantId);
    this.checkTimer ??= setTimeout(() => {
      this.checkTimer = undefined;
      this.checking = this.checking.then(() => this.checkAnnouncements());
    }, CHECK_DELAY_MS);
  }

  private async checkAnnouncements(): Promise<void> {
    const grantIds = [...this.toCheck];
    this.toCheck.clear();
    for (let i = 0; i < grantIds.length; i += IDS_PER_QUERY) {
      const complete = await this.query.everywhere(grantIds.slice(i, i + IDS_PER_QUERY));
      for (const grantId of complete) {
        await this.announce(grantId).catch((error: Error) => this.logger.error(`announcing grant #${grantId}: ${error.message}`));
      }
    }
  }

  private async announce(grantId: number): Promise<void> {
    const grant = await this.query.grant(grantId);
    if (!grant?.active || grant.source !== 'face-registration' || grant.announcedVersion === grant.version) return;
    const version = grant.version;
    const announced = await this.unitOfWork.run(async (manager) => {
      if (!(await this.planner.claimAnnouncement(grantId, version))) return false;
      await this.outbox.stage(
        manager,
        new FaceRegistrationProvisioned({
          registrationId: Number(grant.sourceId),
          personId: grant.personId,
          provisionedAt: this.clock.now().toISOString(),
        }),
        aggregateKeyOf(grant),
      );
      return true;
    });
    if (announced) this.outbox.dispatchSoon();
  }
}
