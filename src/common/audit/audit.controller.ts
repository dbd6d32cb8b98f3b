import { Controller, Get, Query } from '@nestjs/common';
import { BackOffice } from '../auth/back-office.decorator';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../auth/authenticated.decorator';
import { AuditEntryDto, AuditPageDto, AuditQueryDto } from './audit.dto';
import { AuditLog } from './audit-log.service';
import { Audited } from './audited.decorator';

@ApiTags('admin: audit log')
@Controller('api/admin/audit')
@Audited()
@BackOffice('audit')
@Authenticated('admin')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @ApiOperation({
    summary: 'The audit log, newest first',
    description: 'Every administrator action (any request that changes something, logins included) and every read of a face photo or an ID number through the admin API. Append-only.',
  })
  @ApiOkResponse({ type: AuditPageDto })
  async list(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    const page = await this.audit.page({ actor: query.actor, action: query.action, from: query.from, to: query.to }, query.toPageRequest());
    return { ...page, items: page.items.map((e): AuditEntryDto => ({ id: e.id, at: e.at.toISOString(), actor: e.actor, action: e.action, target: e.target, outcome: e.outcome, address: e.address })) };
  }
}
