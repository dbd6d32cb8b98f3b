import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { Outbox } from '../../common/outbox/outbox.service';
import { DeviceGatewayConfig } from '../../config/device-gateway.config';
import { PreparedSql } from '../../database/prepared-query';
import { FaceRegistrationProvisioned, FaceRegistrationProvisioningFailed } from '../../events';
import { AccessGrant } from './access-grant.entity';
import { ProvisioningTask } from './provisioning-task.entity';

/** Events about one person travel in order (same key as face-registry uses for the registration). */
function aggregateKeyOf(grant: AccessGrant): string {
  return `${grant.source}:${grant.sourceId}`;
}

/**
 * Writes down what happened to a provisioning task, and announces a person that every target
 * terminal now holds. A task whose grant changed while it ran stays pending and runs again.
 */
@Injectable()
export class ProvisioningLedger {
  private readonly logger = new Logger(ProvisioningLedger.name);
  private readonly markDone: PreparedSql;
  private readonly markFailed: PreparedSql;
  private readonly markRetry: PreparedSql;
  private readonly progress: PreparedSql;
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
    this.progress = new PreparedSql(
      dataSource,
      `SELECT COUNT(*) AS targets,
              SUM(CASE WHEN t.state = 'done' AND t.action = 'upsert' AND t.grant_version = :version THEN 0 ELSE 1 END) AS unfinished
       FROM provisioning_task t JOIN terminal d ON d.id = t.terminal_id
       WHERE t.grant_id = :grantId AND d.enabled = 1 AND d.provisioning = 1`,
    );
    this.claimAnnouncement = new PreparedSql(
      dataSource,
      `UPDATE access_grant SET announced_version = :version
       WHERE id = :grantId AND active = 1 AND version = :version AND (announced_version IS NULL OR announced_version <> :version)`,
    );
  }

  async done(task: ProvisioningTask, onTerminal: boolean): Promise<void> {
    await this.markDone.execute({ id: task.id, version: task.grantVersion, onTerminal, now: this.clock.now() });
    if (task.action === 'upsert') await this.announceIfEverywhere(task.grantId, task.grantVersion);
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

  private async announceIfEverywhere(grantId: number, version: number): Promise<void> {
    const [progress] = await this.progress.rows({ grantId, version });
    if (Number(progress?.targets ?? 0) === 0 || Number(progress?.unfinished ?? 1) > 0) return;
    const grant = await this.dataSource.getRepository(AccessGrant).findOneBy({ id: grantId });
    if (!grant || grant.source !== 'face-registration') return;
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
