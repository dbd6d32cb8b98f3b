import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { PreparedSql } from '../../database/prepared-query';
import { AccessGrant, GrantSource } from './access-grant.entity';
import { TaskAction } from './provisioning-task.entity';

export interface GrantInput {
  personId: string;
  source: GrantSource;
  sourceId: string;
  userType: number;
  name: string;
  phone: string;
  cardNumber: string;
  photoUrl: string;
  startTime: Date | null;
  endTime: Date | null;
}

const TASK_COLUMNS =
  'grant_id, terminal_id, action, grant_version, state, on_terminal, attempts, next_attempt_at, last_error_code, last_error, updated_at';

function sameGrant(grant: AccessGrant, input: GrantInput): boolean {
  return (
    grant.active &&
    grant.userType === input.userType &&
    grant.name === input.name &&
    grant.phone === input.phone &&
    grant.cardNumber === input.cardNumber &&
    grant.photoUrl === input.photoUrl &&
    grant.startTime?.getTime() === input.startTime?.getTime() &&
    grant.endTime?.getTime() === input.endTime?.getTime()
  );
}

/**
 * The transactional half of provisioning: every change to a grant rewrites its tasks (one per
 * target terminal) in the caller's transaction, so what must reach the terminals is never lost.
 */
@Injectable()
export class ProvisioningPlanner {
  private readonly retarget: PreparedSql;
  private readonly addMissingTasks: PreparedSql;
  private readonly cover: PreparedSql;
  private readonly forget: PreparedSql;
  private readonly wake: PreparedSql;
  private readonly redo: PreparedSql;
  private readonly addTask: PreparedSql;

  constructor(
    dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    this.retarget = new PreparedSql(
      dataSource,
      `UPDATE provisioning_task SET action = :action, grant_version = :version, state = 'pending', attempts = 0,
         next_attempt_at = :now, last_error_code = NULL, last_error = NULL, updated_at = :now
       WHERE grant_id = :grantId`,
    );
    this.addMissingTasks = new PreparedSql(
      dataSource,
      `INSERT INTO provisioning_task (${TASK_COLUMNS})
       SELECT :grantId, d.id, 'upsert', :version, 'pending', 0, 0, :now, NULL, NULL, :now FROM terminal d
       WHERE d.enabled = 1 AND d.provisioning = 1
         AND NOT EXISTS (SELECT 1 FROM provisioning_task t WHERE t.grant_id = :grantId AND t.terminal_id = d.id)`,
    );
    this.cover = new PreparedSql(
      dataSource,
      `INSERT INTO provisioning_task (${TASK_COLUMNS})
       SELECT g.id, :terminalId, 'upsert', g.version, 'pending', 0, 0, :now, NULL, NULL, :now FROM access_grant g
       WHERE g.active = 1
         AND NOT EXISTS (SELECT 1 FROM provisioning_task t WHERE t.grant_id = g.id AND t.terminal_id = :terminalId)`,
    );
    this.forget = new PreparedSql(dataSource, 'DELETE FROM provisioning_task WHERE terminal_id = :terminalId');
    this.redo = new PreparedSql(
      dataSource,
      `UPDATE provisioning_task SET action = :action, grant_version = :version, state = 'pending', on_terminal = :onTerminal,
         attempts = 0, next_attempt_at = :now, last_error_code = NULL, last_error = NULL, updated_at = :now
       WHERE grant_id = :grantId AND terminal_id = :terminalId`,
    );
    this.addTask = new PreparedSql(
      dataSource,
      `INSERT INTO provisioning_task (${TASK_COLUMNS}) VALUES (:grantId, :terminalId, :action, :version, 'pending', :onTerminal, 0, :now, NULL, NULL, :now)`,
    );
    this.wake = new PreparedSql(
      dataSource,
      `UPDATE provisioning_task SET next_attempt_at = :now WHERE terminal_id = :terminalId AND state = 'pending' AND next_attempt_at > :now`,
    );
  }

  /** Makes the person's grant current on every target terminal; null when nothing changed (a redelivered event). */
  async grant(manager: EntityManager, input: GrantInput): Promise<AccessGrant | null> {
    const repository = manager.getRepository(AccessGrant);
    const existing = await repository.findOneBy({ personId: input.personId });
    if (existing && sameGrant(existing, input)) return null;
    const now = this.clock.now();
    const grant = existing ?? repository.create({ version: 0, announcedVersion: null, createdAt: now });
    Object.assign(grant, input, { active: true, version: grant.version + 1, updatedAt: now });
    await repository.save(grant);
    await this.rewriteTasks(manager, grant, 'upsert');
    return grant;
  }

  /** Takes the person off every terminal; null when there was no active grant. */
  async revoke(manager: EntityManager, personId: string): Promise<AccessGrant | null> {
    const repository = manager.getRepository(AccessGrant);
    const grant = await repository.findOneBy({ personId });
    if (!grant?.active) return null;
    Object.assign(grant, { active: false, version: grant.version + 1, updatedAt: this.clock.now() });
    await repository.save(grant);
    await this.rewriteTasks(manager, grant, 'delete');
    return grant;
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
    if ((await this.redo.execute(parameters)) === 0) await this.addTask.execute(parameters);
  }

  private async rewriteTasks(manager: EntityManager, grant: AccessGrant, action: TaskAction): Promise<void> {
    const parameters = { grantId: grant.id, version: grant.version, action, now: this.clock.now() };
    await this.retarget.execute(parameters, manager);
    if (action === 'upsert') await this.addMissingTasks.execute(parameters, manager);
  }
}
