import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Page, PageRequest, pageOffset } from '../../common/paging/page';
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

/** What the administrator sees of provisioning, per terminal. */
@Injectable()
export class ProvisioningQuery {
  constructor(
    @InjectRepository(ProvisioningTask) private readonly tasks: Repository<ProvisioningTask>,
    @InjectRepository(AccessGrant) private readonly grants: Repository<AccessGrant>,
  ) {}

  async countsByTerminal(terminalIds: number[]): Promise<Map<number, TaskCounts>> {
    const counts = new Map<number, TaskCounts>(terminalIds.map((id) => [id, { pending: 0, failed: 0 }]));
    if (terminalIds.length === 0) return counts;
    const rows = await this.tasks
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

  async tasksOf(terminalId: number, state: TaskState | undefined, request: PageRequest): Promise<Page<TaskWithGrant>> {
    const [tasks, total] = await this.tasks.findAndCount({
      where: { terminalId, ...(state ? { state } : {}) },
      order: { id: 'ASC' },
      skip: pageOffset(request),
      take: request.size,
    });
    const grants = await this.grants.findBy({ id: In(tasks.map((t) => t.grantId)) });
    const byId = new Map(grants.map((g) => [g.id, g]));
    return { items: tasks.map((task) => ({ task, grant: byId.get(task.grantId) ?? null })), total, page: request.page, size: request.size };
  }
}
