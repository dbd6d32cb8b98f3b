import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Page, PageRequest, pageOffset } from '../../common/paging/page';
import { pagingClause, PreparedQuery, PreparedSql } from '../../database/prepared-query';
import { Terminal } from '../terminals/terminal.entity';
import { AccessGrant } from './access-grant.entity';
import { ProvisioningTask, TaskState } from './provisioning-task.entity';

export interface TaskCounts {
  pending: number;
  failed: number;
}

export interface TaskWithGrant {
  task: ProvisioningTask;
  grant: AccessGrant | null;
}

/** Every read of grants and provisioning tasks that needs SQL of its own: for the worker, the callbacks, the sweeps, the announcements and the administrator. */
@Injectable()
export class ProvisioningQuery {
  private readonly due: PreparedQuery<ProvisioningTask>;
  private readonly ofTerminal: PreparedQuery<ProvisioningTask>;
  private readonly grants: PreparedQuery<AccessGrant>;
  private readonly ended: PreparedQuery<AccessGrant>;
  private readonly currentGrant: PreparedQuery<AccessGrant>;
  private readonly tasksChanged: PreparedQuery<ProvisioningTask>;
  private readonly grantsChanged: PreparedQuery<AccessGrant>;
  private readonly notDone: PreparedSql;

  constructor(private readonly dataSource: DataSource) {
    const paging = pagingClause(dataSource);
    this.due = new PreparedQuery(
      dataSource,
      ProvisioningTask,
      `SELECT * FROM provisioning_task WHERE terminal_id = :terminalId AND state = 'pending' AND next_attempt_at <= :now ORDER BY id ${paging}`,
    );
    this.ofTerminal = new PreparedQuery(dataSource, ProvisioningTask, 'SELECT * FROM provisioning_task WHERE terminal_id = :terminalId');
    this.grants = new PreparedQuery(dataSource, AccessGrant, 'SELECT * FROM access_grant');
    this.ended = new PreparedQuery(
      dataSource,
      AccessGrant,
      `SELECT g.* FROM access_grant g WHERE g.active = :true AND g.end_time IS NOT NULL AND g.end_time <= :now ORDER BY g.end_time, g.id ${paging}`,
    );
    this.currentGrant = new PreparedQuery(
      dataSource,
      AccessGrant,
      `SELECT g.* FROM access_grant g JOIN provisioning_task t ON t.grant_id = g.id
       WHERE g.person_id = :personId AND g.active = :true AND t.terminal_id = :terminalId AND t.action = 'upsert'`,
    );
    this.tasksChanged = new PreparedQuery(
      dataSource,
      ProvisioningTask,
      'SELECT * FROM provisioning_task WHERE terminal_id = :terminalId AND updated_at > :since ORDER BY updated_at, id',
    );
    this.grantsChanged = new PreparedQuery(
      dataSource,
      AccessGrant,
      'SELECT g.* FROM access_grant g JOIN provisioning_task t ON t.grant_id = g.id WHERE t.terminal_id = :terminalId AND t.updated_at > :since',
    );
    this.notDone = new PreparedSql(dataSource, `SELECT state, COUNT(*) AS n FROM provisioning_task WHERE state <> 'done' GROUP BY state`);
  }

  /** The terminal's pending tasks whose time has come, oldest first. */
  dueOn(terminalId: number, now: Date, limit: number): Promise<ProvisioningTask[]> {
    return this.due.many({ terminalId, now, limit, offset: 0 });
  }

  /** Every task of the terminal, whatever its state. */
  tasksOn(terminalId: number): Promise<ProvisioningTask[]> {
    return this.ofTerminal.many({ terminalId });
  }

  /** The tasks of the terminal changed after `since`, in the order they changed, and their grants. */
  async changedSince(terminalId: number, since: Date): Promise<{ tasks: ProvisioningTask[]; grants: Map<number, AccessGrant> }> {
    const tasks = await this.tasksChanged.many({ terminalId, since });
    const grants = new Map((await this.grantsChanged.many({ terminalId, since })).map((grant) => [grant.id, grant]));
    return { tasks, grants };
  }

  grant(id: number): Promise<AccessGrant | null> {
    return this.dataSource.getRepository(AccessGrant).findOneBy({ id });
  }

  /** Every grant, active or not. */
  allGrants(): Promise<AccessGrant[]> {
    return this.grants.many();
  }

  /** The person's active grant that the terminal is to hold, or null. */
  grantOn(personId: string, terminalId: number): Promise<AccessGrant | null> {
    return this.currentGrant.one({ personId, terminalId });
  }

  /** Up to `limit` active grants whose window ended by `now`, the earliest first. */
  endedBy(now: Date, limit: number): Promise<AccessGrant[]> {
    return this.ended.many({ now, limit, offset: 0 });
  }

  /** Registrations' active grants whose current version was not announced yet. */
  async unannounced(): Promise<number[]> {
    const rows = await this.dataSource
      .getRepository(AccessGrant)
      .createQueryBuilder('g')
      .select('g.id', 'id')
      .where('g.active = :yes', { yes: true })
      .andWhere("g.source = 'face-registration'")
      .andWhere('(g.announcedVersion IS NULL OR g.announcedVersion <> g.version)')
      .getRawMany<{ id: number }>();
    return rows.map(({ id }) => Number(id));
  }

  /** Of these grants, those whose current version is on every target terminal. */
  async everywhere(grantIds: number[]): Promise<number[]> {
    const rows = await this.dataSource
      .createQueryBuilder()
      .select('t.grant_id', 'grantId')
      .from(ProvisioningTask, 't')
      .innerJoin(Terminal, 'd', 'd.id = t.terminal_id AND d.enabled = :yes AND d.provisioning = :yes', { yes: true })
      .innerJoin(AccessGrant, 'g', 'g.id = t.grant_id')
      .where('t.grant_id IN (:...ids)', { ids: grantIds })
      .groupBy('t.grant_id')
      .having("SUM(CASE WHEN t.state = 'done' AND t.action = 'upsert' AND t.grant_version = g.version THEN 0 ELSE 1 END) = 0")
      .getRawMany<{ grantId: number }>();
    return rows.map(({ grantId }) => Number(grantId));
  }

  /** Tasks not done, by state (failed: refused for good). */
  async backlog(): Promise<{ state: string; n: number }[]> {
    return (await this.notDone.rows({})).map((row) => ({ state: String(row.state), n: Number(row.n) }));
  }

  async countsByTerminal(terminalIds: number[]): Promise<Map<number, TaskCounts>> {
    const counts = new Map<number, TaskCounts>(terminalIds.map((id) => [id, { pending: 0, failed: 0 }]));
    if (terminalIds.length === 0) return counts;
    const rows = await this.dataSource
      .getRepository(ProvisioningTask)
      .createQueryBuilder('t')
      .select('t.terminalId', 'terminalId')
      .addSelect('t.state', 'state')
      .addSelect('COUNT(*)', 'n')
      .where({ terminalId: In(terminalIds), state: In(['pending', 'failed']) })
      .groupBy('t.terminalId')
      .addGroupBy('t.state')
      .getRawMany<{ terminalId: number; state: 'pending' | 'failed'; n: number }>();
    for (const row of rows) counts.get(Number(row.terminalId))![row.state] = Number(row.n);
    return counts;
  }

  /** What the administrator sees of provisioning on a terminal: a page of its tasks with their grants. */
  async tasksOf(terminalId: number, state: TaskState | undefined, request: PageRequest): Promise<Page<TaskWithGrant>> {
    const [tasks, total] = await this.dataSource.getRepository(ProvisioningTask).findAndCount({
      where: { terminalId, ...(state ? { state } : {}) },
      order: { id: 'ASC' },
      skip: pageOffset(request),
      take: request.size,
    });
    const grants = await this.dataSource.getRepository(AccessGrant).findBy({ id: In(tasks.map((t) => t.grantId)) });
    const byId = new Map(grants.map((g) => [g.id, g]));
    return { items: tasks.map((task) => ({ task, grant: byId.get(task.grantId) ?? null })), total, page: request.page, size: request.size };
  }
}
