import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { BackOffice } from '../../common/auth/back-office.decorator';
import { ApiAcceptedResponse, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Authenticated } from '../../common/auth/authenticated.decorator';
import { pageOffset } from '../../common/paging/page';
import { PageQueryDto } from '../../common/paging/page-query.dto';
import { TerminalRegistry } from '../terminals/terminal-registry.service';
import { ReconciliationRunDto, ReconciliationRunPageDto } from './dto/reconciliation-run.dto';
import { ReconciliationRun } from './reconciliation-run.entity';
import { Reconciler } from './reconciler.service';
import { Audited } from '../../common/audit/audited.decorator';
import { RowIdPipe } from '../../common/validation/row-id.pipe';

function toDto(run: ReconciliationRun): ReconciliationRunDto {
  return { ...run, startedAt: run.startedAt.toISOString(), finishedAt: run.finishedAt?.toISOString() ?? null };
}

@ApiTags('admin: door terminals')
@Controller('api/admin/devices/:id')
@Audited()
@BackOffice('doors')
@Authenticated('admin')
export class ReconciliationController {
  constructor(
    private readonly reconciler: Reconciler,
    private readonly registry: TerminalRegistry,
    @InjectRepository(ReconciliationRun) private readonly runs: Repository<ReconciliationRun>,
  ) {}

  @Post('reconcile')
  @HttpCode(202)
  @ApiOperation({
    summary: "Compare the terminal's user list with the grants now, and repair it",
    description:
      'Answers at once with the run (state running); follow it in /reconciliations. A run already under way is joined. ' +
      'In a cluster the instance that owns the terminal runs it; 409 while no instance owns it (a takeover under way).',
  })
  @ApiAcceptedResponse({ type: ReconciliationRunDto })
  @ApiConflictResponse({ description: 'no instance of the cluster runs the terminal at the moment: ask again' })
  async reconcile(@Param('id', RowIdPipe) id: number): Promise<ReconciliationRunDto> {
    return toDto(await this.reconciler.request(id, 'manual'));
  }

  @Get('reconciliations')
  @ApiOperation({ summary: 'Reconciliation runs of the terminal, newest first' })
  @ApiOkResponse({ type: ReconciliationRunPageDto })
  async list(@Param('id', RowIdPipe) id: number, @Query() query: PageQueryDto): Promise<ReconciliationRunPageDto> {
    await this.registry.get(id);
    const request = query.toPageRequest();
    const [runs, total] = await this.runs.findAndCount({ where: { terminalId: id }, order: { id: 'DESC' }, skip: pageOffset(request), take: request.size });
    return { items: runs.map(toDto), total, page: request.page, size: request.size };
  }
}
