import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { Outbox } from '../../common/outbox/outbox.service';
import { DeviceGatewayConfig } from '../../config/device-gateway.config';
import { PreparedSql } from '../../database/prepared-query';
import { FaceRegistrationProvisioned, FaceRegistrationProvisioningFailed } from '../../events';
import { AccessGrant } from './access-grant.entity';
import { Terminal } from '../terminals/terminal.entity';
import { ProvisioningTask } from './provisioning-task.entity';

/** How long a finished task waits for the same person's other terminals before the check. */
const CHECK_DELAY_MS = 20;
const IDS_PER_QUERY = 500;

/** Events about one person travel in order (same key as face-registry uses for the registration). */
function aggregateKeyOf(grant: AccessGrant): string {
  return `${grant.source}:${grant.sourceId}`;
}

/**
 * Writes down what happened to a provisioning task, and announces a person that every target
 * terminal now holds. A task whose grant changed while it ran stays pending and runs again.
 */
@Injectable()
export class ProvisioningLedger implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProvisioningLedger.name);
  private readonly markDone: PreparedSql;
  private readonly markFailed: PreparedSql;
  private readonly markRetry: PreparedSql;
  /** Grants whose last task may just have finished, checked together shortly after. */
  private readonly toCheck = new Set<number>();
  private checkTimer?: NodeJS.Timeout;
  private checking: Promise<void> = Promise.resolve();
  private readonly claimAnnouncement: PreparedSql;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly config: DeviceGatewayConfig,
    private readonly clock: Clock,
  ) {
    this.markDone = new PreparedSql(
      dataSource,
      `UPDATE provisioning_task SET on_terminal = :onTerminal, attempts = 0, last_error_code = NULL, last_error = NULL, updated_at = :now,
         state = CASE WHEN grant_version = :version THEN 'done' ELSE state END
       WHERE id = :id`,
    );
    this.markFailed = new PreparedSql(
      dataSource,
      `UPDATE provisioning_task SET state = 'failed', attempts = attempts + 1, last_error_code = :code, last_error = :error, updated_at = :now
       WHERE id = :id AND grant_version = :version`,
    );
    this.markRetry = new PreparedSql(
      dataSource,
      `UPDATE provisioning_task SET attempts = attempts + 1, next_attempt_at = :next, last_error_code = :code, last_error = :error, updated_at = :now
       WHERE id = :id AND grant_version = :version`,
    );
    this.claimAnnouncement = new PreparedSql(
      dataSource,
      `UPDATE access_grant SET announced_version = :version
       WHERE id = :grantId AND active = 1 AND version = :version AND (announced_version IS NULL OR announced_version <> :version)`,
    );
  }

  /** A crash between a person's last task and the announcement must not keep it unannounced. */
  async onApplicationBootstrap(): Promise<void> {
    const unannounced = await this.dataSource
      .getRepository(AccessGrant)
      .createQueryBuilder('g')
      .select('g.id', 'id')
      .where('g.active = :yes', { yes: true })
      .andWhere("g.source = 'face-registration'")
      .andWhere('(g.announcedVersion IS NULL OR g.announcedVersion <> g.version)')
      .getRawMany<{ id: number }>();
    for (const { id } of unannounced) this.toCheck.add(Number(id));
    await this.settled();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.settled();
  }

  async done(task: ProvisioningTask, onTerminal: boolean): Promise<void> {
    await this.markDone.execute({ id: task.id, version: task.grantVersion, onTerminal, now: this.clock.now() });
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

  /** Waits with exponential backoff (capped at PROVISION_RETRY_MAX_MS) and tries again. */
  async retry(task: ProvisioningTask, error: string, code: number | null = null): Promise<void> {
    const delay = Math.min(1000 * 2 ** task.attempts, this.config.provisionRetryMaxMs);
    const now = this.clock.now();
    await this.markRetry.execute({
      id: task.id,
      version: task.grantVersion,
      next: new Date(now.getTime() + delay),
      code,
      error: error.slice(0, 500),
      now,
    });
  }

  /** The terminal refused the person for good; shown on the device and, for registrations, on the registration. */
  async failed(task: ProvisioningTask, grant: AccessGrant, terminal: { id: number; name: string }, code: number | null, reason: string): Promise<void> {
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      const changed = await this.markFailed.execute({ id: task.id, version: task.grantVersion, code, error: reason.slice(0, 500), now }, manager);
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
      const complete = await this.dataSource
        .createQueryBuilder()
        .select('t.grant_id', 'grantId')
        .from(ProvisioningTask, 't')
        .innerJoin(Terminal, 'd', 'd.id = t.terminal_id AND d.enabled = :yes AND d.provisioning = :yes', { yes: true })
        .innerJoin(AccessGrant, 'g', 'g.id = t.grant_id')
        .where('t.grant_id IN (:...ids)', { ids: grantIds.slice(i, i + IDS_PER_QUERY) })
        .groupBy('t.grant_id')
        .having("SUM(CASE WHEN t.state = 'done' AND t.action = 'upsert' AND t.grant_version = g.version THEN 0 ELSE 1 END) = 0")
        .getRawMany<{ grantId: number }>();
      for (const { grantId } of complete) {
        await this.announce(Number(grantId)).catch((error: Error) => this.logger.error(`announcing grant #${grantId}: ${error.message}`));
      }
    }
  }

  private async announce(grantId: number): Promise<void> {
    const grant = await this.dataSource.getRepository(AccessGrant).findOneBy({ id: grantId });
    if (!grant?.active || grant.source !== 'face-registration' || grant.announcedVersion === grant.version) return;
    const version = grant.version;
    const announced = await this.dataSource.transaction(async (manager) => {
      if (!(await this.claimAnnouncement.execute({ grantId, version }, manager))) return false;
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
