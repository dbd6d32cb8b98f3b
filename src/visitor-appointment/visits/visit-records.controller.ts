import { Controller, Delete, Get, Param, Query, UseGuards } from '@nestjs/common';
import { BackOffice } from '../../common/auth/back-office.decorator';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditedRead } from '../../common/audit/audit-read.decorator';
import { Authenticated, AuthenticatedUnless } from '../../common/auth/authenticated.decorator';
import { pageCount } from '../../common/paging/page';
import { InvalidInputError } from '../../common/errors/domain-errors';
import { codeOk } from '../../common/protocols/code-err-msg/code-err-msg';
import { ApiCodeEnvelope } from '../../common/protocols/code-err-msg/code-err-msg.swagger';
import { VisitorAddressLimitGuard } from '../limits/visitor-address-limit.guard';
import { VisitorLimits } from '../limits/visitor-limits';
import { ApplicationDto, VisitRecordDto } from './dto/application.dto';
import { AuthRecordQuery, RecordPageQuery, VisitRecordQuery } from './dto/record-query.dto';
import { VisitApplicationService } from './visit-application.service';
import { Visit, VisitPresenter } from './visit-presenter';
import { VisitFilter, VisitQuery } from './visit.query';
import { Audited } from '../../common/audit/audited.decorator';
import { RowIdPipe } from '../../common/validation/row-id.pipe';

function seconds(value: number | undefined): Date | undefined {
  return value === undefined ? undefined : new Date(value * 1000);
}

@ApiTags('v1: visitor records (H5 and back office)')
@Controller('v1')
@Audited()
@BackOffice('visitors')
@UseGuards(VisitorAddressLimitGuard)
export class VisitRecordsController {
  constructor(
    private readonly records: VisitQuery,
    private readonly applications: VisitApplicationService,
    private readonly presenter: VisitPresenter,
    private readonly limits: VisitorLimits,
  ) {}

  @Get('visit/records')
  @AuditedRead('visitor photos')
  @AuthenticatedUnless((request) => request.query.type !== 'web', 'admin')
  @ApiOperation({
    summary: 'Visit records, newest first',
    description:
      'type=mobile (the H5 pages) needs proposer; type=web (the back office) needs the admin Bearer token. name and interviewee ' +
      'match as substrings; start_time keeps visits starting at or after it, end_time visits ending at or before it. page.count is ' +
      'the number of records, page.total the number of pages.',
  })
  @ApiCodeEnvelope(VisitRecordDto, { list: true })
  async visitRecords(@Query() query: VisitRecordQuery) {
    if (query.type === undefined && query.proposer === undefined) throw new InvalidInputError('type is required: mobile (with proposer) or web');
    if (query.type !== 'web') await this.limits.targets({ phone: query.proposer });
    const filter: VisitFilter = {
      proposer: query.proposer,
      name: query.name?.trim() || undefined,
      phone: query.phone,
      interviewee: query.interviewee?.trim() || undefined,
      intervieweePhone: query.interviewee_phone,
      startsFrom: seconds(query.start_time),
      endsBy: seconds(query.end_time),
      isAuth: query.is_auth === undefined ? undefined : query.is_auth === 1,
    };
    return this.list(filter, query, (visit) => this.presenter.record(visit));
  }

  @Get('auth/records')
  @AuthenticatedUnless((request) => typeof request.query.phone === 'string' && request.query.phone !== '', 'admin')
  @ApiOperation({
    summary: 'Applications to an employee (to authorise), newest first',
    description: "phone is the interviewee's; without it every application is listed, which needs the admin Bearer token.",
  })
  @ApiCodeEnvelope(ApplicationDto, { list: true })
  async authRecords(@Query() query: AuthRecordQuery) {
    await this.limits.targets({ phone: query.phone });
    return this.list({ intervieweePhone: query.phone }, query, (visit) => this.presenter.application(visit));
  }

  @Delete('visit/records/:id')
  @Authenticated('admin')
  @ApiOperation({
    summary: 'Delete an application (back office)',
    description: 'Removes its people, QR codes and photos, takes any signed-in visitors off the terminals, and cancels its unsent messages.',
  })
  @ApiCodeEnvelope()
  async remove(@Param('id', RowIdPipe) id: number) {
    await this.applications.remove(id);
    return codeOk();
  }

  private async list<T>(filter: VisitFilter, query: RecordPageQuery, render: (visit: Visit) => T) {
    const page = await this.records.page(filter, query.toPageRequest());
    return codeOk(page.items.map(render), { count: page.total, current: page.page, size: page.size, total: pageCount(page.total, page.size) });
  }
}
