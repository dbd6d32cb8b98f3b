import { Controller, Get, Param, Query } from '@nestjs/common';
import { BackOffice } from '../../common/auth/back-office.decorator';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../common/auth/authenticated.decorator';
import { TerminalRegistry } from '../terminals/terminal-registry.service';
import { ProvisioningTaskPageDto, ProvisioningTasksQueryDto } from './dto/provisioning-task.dto';
import { ProvisioningQuery } from './provisioning.query';
import { Audited } from '../../common/audit/audited.decorator';
import { RowIdPipe } from '../../common/validation/row-id.pipe';

@ApiTags('admin: door terminals')
@Controller('api/admin/devices/:id/provisioning')
@Audited()
@BackOffice('doors')
@Authenticated('admin')
export class ProvisioningController {
  constructor(
    private readonly registry: TerminalRegistry,
    private readonly query: ProvisioningQuery,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Who FaceGate must put on or take off this terminal, and what the terminal refused' })
  @ApiOkResponse({ type: ProvisioningTaskPageDto })
  async list(@Param('id', RowIdPipe) id: number, @Query() query: ProvisioningTasksQueryDto): Promise<ProvisioningTaskPageDto> {
    await this.registry.get(id);
    const page = await this.query.tasksOf(id, query.state, query.toPageRequest());
    return {
      ...page,
      items: page.items.map(({ task, grant }) => ({
        id: task.id,
        personId: grant?.personId ?? '',
        name: grant?.name ?? null,
        source: grant?.source ?? null,
        sourceId: grant?.sourceId ?? null,
        action: task.action,
        state: task.state,
        onTerminal: task.onTerminal,
        attempts: task.attempts,
        nextAttemptAt: task.nextAttemptAt.toISOString(),
        lastErrorCode: task.lastErrorCode,
        lastError: task.lastError,
        updatedAt: task.updatedAt.toISOString(),
      })),
    };
  }
}
