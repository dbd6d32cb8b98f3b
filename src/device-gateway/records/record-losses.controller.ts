import { Controller, Get, Param, Query } from '@nestjs/common';
import { BackOffice } from '../../common/auth/back-office.decorator';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Authenticated } from '../../common/auth/authenticated.decorator';
import { pageOffset } from '../../common/paging/page';
import { PageQueryDto } from '../../common/paging/page-query.dto';
import { TerminalRegistry } from '../terminals/terminal-registry.service';
import { RecordLossDto, RecordLossPageDto } from './dto/record-loss.dto';
import { RecordLoss } from './record-loss.entity';
import { Audited } from '../../common/audit/audited.decorator';
import { RowIdPipe } from '../../common/validation/row-id.pipe';

function toDto(loss: RecordLoss): RecordLossDto {
  return {
    ...loss,
    count: loss.lastRecordId - loss.firstRecordId + 1,
    previousSignedAt: loss.previousSignedAt.toISOString(),
    nextSignedAt: loss.nextSignedAt.toISOString(),
    detectedAt: loss.detectedAt.toISOString(),
  };
}

@ApiTags('admin: door terminals')
@Controller('api/admin/devices/:id/record-losses')
@Audited()
@BackOffice('records')
@Authenticated('admin')
export class RecordLossesController {
  constructor(
    private readonly registry: TerminalRegistry,
    @InjectRepository(RecordLoss) private readonly losses: Repository<RecordLoss>,
  ) {}

  @Get()
  @ApiOperation({
    summary: "Ranges of the terminal's records FaceGate could not recover, newest first",
    description: 'Records the terminal had already overwritten (or can no longer find) when FaceGate came to fetch them. Their total is `recordsLost` on the terminal.',
  })
  @ApiOkResponse({ type: RecordLossPageDto })
  async list(@Param('id', RowIdPipe) id: number, @Query() query: PageQueryDto): Promise<RecordLossPageDto> {
    await this.registry.get(id);
    const request = query.toPageRequest();
    const [losses, total] = await this.losses.findAndCount({ where: { terminalId: id }, order: { id: 'DESC' }, skip: pageOffset(request), take: request.size });
    return { items: losses.map(toDto), total, page: request.page, size: request.size };
  }
}
