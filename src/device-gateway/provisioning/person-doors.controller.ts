import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Authenticated } from '../../common/auth/authenticated.decorator';
import { BackOffice } from '../../common/auth/back-office.decorator';
import { NotFoundError } from '../../common/errors/domain-errors';
import { TerminalRegistry } from '../terminals/terminal-registry.service';
import { AccessGrant } from './access-grant.entity';
import { PersonDoorDto, RetryDto } from './dto/person-door.dto';
import { ProvisioningTask } from './provisioning-task.entity';
import { ProvisioningTasks } from './provisioning-tasks.service';
import { ProvisioningWorker } from './provisioning-worker.service';
import { Audited } from '../../common/audit/audited.decorator';
import { RowIdPipe } from '../../common/validation/row-id.pipe';

function stateOf(task: ProvisioningTask | undefined): PersonDoorDto['state'] {
  if (!task) return 'none';
  if (task.state !== 'done') return task.state;
  return task.action === 'upsert' ? 'on-door' : 'removed';
}

/** Where a person (an approved registration, a visitor) stands on each door, and another try. */
@ApiTags('admin: door terminals')
@Controller('api/admin/people/:personId/doors')
@Audited()
@BackOffice('people')
@Authenticated('admin')
export class PersonDoorsController {
  constructor(
    @InjectRepository(AccessGrant) private readonly grants: Repository<AccessGrant>,
    @InjectRepository(ProvisioningTask) private readonly taskRows: Repository<ProvisioningTask>,
    private readonly tasks: ProvisioningTasks,
    private readonly worker: ProvisioningWorker,
    private readonly registry: TerminalRegistry,
  ) {}

  @Get()
  @ApiOperation({ summary: "The person on each target terminal: on the door, pending, refused (with the terminal's words) or removed" })
  @ApiOkResponse({ type: [PersonDoorDto] })
  async list(@Param('personId') personId: string): Promise<PersonDoorDto[]> {
    const grant = await this.grants.findOneBy({ personId });
    const tasks = grant ? await this.taskRows.findBy({ grantId: grant.id }) : [];
    const byTerminal = new Map(tasks.map((task) => [task.terminalId, task]));
    const terminals = (await this.registry.enabled()).filter((terminal) => this.registry.isTarget(terminal));
    return terminals.map((terminal) => {
      const task = byTerminal.get(terminal.id);
      return {
        terminalId: terminal.id,
        terminalName: terminal.name,
        state: stateOf(task),
        attempts: task?.attempts ?? 0,
        lastErrorCode: task?.lastErrorCode ?? null,
        lastError: task?.lastError ?? null,
        updatedAt: task?.updatedAt.toISOString() ?? null,
      };
    });
  }

  @Post(':terminalId/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Try again now to put the person on (or take them off) this terminal, after a refusal or during a backoff' })
  @ApiOkResponse({ type: RetryDto })
  async retry(@Param('personId') personId: string, @Param('terminalId', RowIdPipe) terminalId: number): Promise<RetryDto> {
    const grant = await this.grants.findOneBy({ personId });
    if (!grant) throw new NotFoundError(`no person ${personId} on any door`);
    await this.registry.get(terminalId);
    const retried = await this.tasks.retryNow(grant.id, terminalId);
    if (retried) this.worker.kick(terminalId);
    return { retried };
  }
}
