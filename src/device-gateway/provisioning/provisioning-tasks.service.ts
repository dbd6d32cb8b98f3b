import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { DeviceGatewayConfig } from '../../config/device-gateway.config';
import { PreparedSql } from '../../database/prepared-query';
import { AccessGrant } from './access-grant.entity';
import { ProvisioningTask, TaskAction } from './provisioning-task.entity';

const TASK_COLUMNS =
  'grant_id, terminal_id, action, grant_version, state, on_terminal, attempts, next_attempt_at, last_error_code, last_error, updated_at';

/**
 * The one owner of provisioning task state. Every transition of a `provisioning_task` row is a
 * method here:
 *
 *   (none) ──plan / cover / correct──▶ pending ──done──▶ done
 *                                        │  ▲ ──fail──▶ failed
 *                                        └──┘ retry (backoff)
 *   any state ──plan / correct──▶ pending (the grant changed, or the terminal differs)
 *
 * Outcomes (`done`, `fail`, `retry`) name the grant version the worker applied: a task whose grant
 * moved on meanwhile stays pending and runs again with the new version.
 */
@Injectable()
export class ProvisioningTasks {
  private readonly retarget: PreparedSql;
  private readonly addMissing: PreparedSql;
  private readonly cover: PreparedSql;
  private readonly forget: PreparedSql;
  private readonly wake: PreparedSql;
  private readonly redo: PreparedSql;
  private readonly add: PreparedSql;
  private readonly markDone: PreparedSql;
  private readonly markFailed: PreparedSql;
  private readonly markRetry: PreparedSql;
  private readonly again: PreparedSql;

  constructor(
    dataSource: DataSource,
    private readonly config: DeviceGatewayConfig,
    private readonly clock: Clock,
  ) {
    this.retarget = new PreparedSql(
      dataSource,
      `UPDATE provisioning_task SET action = :action, grant_version = :version, state = 'pending', attempts = 0,
         next_attempt_at = :now, last_error_code = NULL, last_error = NULL, updated_at = :now
       WHERE grant_id = :grantId`,
    );
    this.addMissing = new PreparedSql(
      dataSource,
      `INSERT INTO provisioning_task (${TASK_COLUMNS})
       SELECT :grantId, d.id, 'upsert', :version, 'pending', :false, 0, :now, NULL, NULL, :now FROM terminal d
       WHERE d.enabled = :true AND d.provisioning = :true
         AND NOT EXISTS (SELECT 1 FROM provisioning_task t WHERE t.grant_id = :grantId AND t.terminal_id = d.id)`,
    );
    this.cover = new PreparedSql(
      dataSource,
      `INSERT INTO provisioning_task (${TASK_COLUMNS})
       SELECT g.id, :terminalId, 'upsert', g.version, 'pending', :false, 0, :now, NULL, NULL, :now FROM access_grant g
       WHERE g.active = :true
         AND NOT EXISTS (SELECT 1 FROM provisioning_task t WHERE t.grant_id = g.id AND t.terminal_id = :terminalId)`,
    );
    this.forget = new PreparedSql(dataSource, 'DELETE FROM provisioning_task WHERE terminal_id = :terminalId');
    this.redo = new PreparedSql(
      dataSource,
      `UPDATE provisioning_task SET action = :action, grant_version = :version, state = 'pending', on_terminal = :onTerminal,
         attempts = 0, next_attempt_at = :now, last_error_code = NULL, last_error = NULL, updated_at = :now
       WHERE grant_id = :grantId AND terminal_id = :terminalId`,
    );
    this.add = new PreparedSql(
      dataSource,
      `INSERT INTO provisioning_task (${TASK_COLUMNS}) VALUES (:grantId, :terminalId, :action, :version, 'pending', :onTerminal, 0, :now, NULL, NULL, :now)`,
    );
    this.wake = new PreparedSql(
      dataSource,
      `UPDATE provisioning_task SET next_attempt_at = :now WHERE terminal_id = :terminalId AND state = 'pending' AND next_attempt_at > :now`,
    );
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
    this.again = new PreparedSql(
      dataSource,
      `UPDATE provisioning_task SET state = 'pending', attempts = 0, next_attempt_at = :now, updated_at = :now
       WHERE grant_id = :grantId AND terminal_id = :terminalId AND state <> 'done'`,
    );
  }

  /** The grant changed: every target terminal must apply its new version (in the grant's transaction). */
  async plan(manager: EntityManager, grant: AccessGrant, action: TaskAction): Promise<void> {
    const parameters = { grantId: grant.id, version: grant.version, action, now: this.clock.now() };
    await this.retarget.execute(parameters, manager);
    if (action === 'upsert') await this.addMissing.execute(parameters, manager);
  }

  /** A terminal became a target: it must hold every active grant. */
  async coverTerminal(manager: EntityManager, terminalId: number): Promise<void> {
    await this.cover.execute({ terminalId, now: this.clock.now() }, manager);
  }

  async forgetTerminal(manager: EntityManager, terminalId: number): Promise<void> {
    await this.forget.execute({ terminalId }, manager);
  }

  /** The terminal is back: its waiting tasks are due now rather than after their backoff. */
  async wakeTerminal(terminalId: number): Promise<void> {
    await this.wake.execute({ terminalId, now: this.clock.now() });
  }

  /**
   * What a terminal actually holds differs from what FaceGate believed (reconciliation): the
   * task is redone with the true `onTerminal`, so the worker adds, updates or removes the person.
   */
  async correct(grant: AccessGrant, terminalId: number, action: TaskAction, onTerminal: boolean): Promise<void> {
    const parameters = { grantId: grant.id, terminalId, action, version: grant.version, onTerminal, now: this.clock.now() };
    if ((await this.redo.execute(parameters)) === 0) await this.add.execute(parameters);
  }

  /** An administrator asks for another try now (after a refusal for good, or during a backoff); false when there is nothing left to do. */
  async retryNow(grantId: number, terminalId: number): Promise<boolean> {
    return (await this.again.execute({ grantId, terminalId, now: this.clock.now() })) > 0;
  }

  async done(task: ProvisioningTask, onTerminal: boolean): Promise<void> {
    await this.markDone.execute({ id: task.id, version: task.grantVersion, onTerminal, now: this.clock.now() });
  }

  /** Waits with exponential backoff (capped at PROVISION_RETRY_MAX_MS) and tries again. */
  async retry(task: ProvisioningTask, error: string, code: number | null): Promise<void> {
    const delay = Math.min(1000 * 2 ** task.attempts, this.config.provisionRetryMaxMs);
    const now = this.clock.now();
    await this.markRetry.execute({ id: task.id, version: task.grantVersion, next: new Date(now.getTime() + delay), code, error: error.slice(0, 500), now });
  }

  /** The terminal refused for good; false when the grant moved on meanwhile (the task runs again instead). */
  async fail(manager: EntityManager, task: ProvisioningTask, code: number | null, error: string): Promise<boolean> {
    return (await this.markFailed.execute({ id: task.id, version: task.grantVersion, code, error: error.slice(0, 500), now: this.clock.now() }, manager)) > 0;
  }
}
