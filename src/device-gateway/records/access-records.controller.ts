import { AuditedRead } from '../../common/audit/audit-read.decorator';
import { BackOffice } from '../../common/auth/back-office.decorator';
import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { Response } from 'express';
import { Readable } from 'node:stream';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Repository } from 'typeorm';
import { Authenticated } from '../../common/auth/authenticated.decorator';
import { InvalidInputError, NotFoundError } from '../../common/errors/domain-errors';
import { FileStorage } from '../../common/storage/file-storage';
import { AccessRecord } from './access-record.entity';
import { AccessRecordDto, AccessRecordPageDto, AccessRecordQueryDto, HourlyEntriesDto, HourlyEntriesQueryDto } from './dto/access-record.dto';
import { SiteTime } from '../../common/clock/site-time';
import { Clock } from '../../common/clock/clock';
import { AppConfig } from '../../config/app.config';
import { isDenied } from './access-record.filter';
import { AccessRecordQuery } from './access-record.query';
import { AccessRecordsCsv } from './access-records.csv';
import { Audited } from '../../common/audit/audited.decorator';
import { RowIdPipe } from '../../common/validation/row-id.pipe';

function parseExtra(extra: string | null): unknown {
  if (!extra) return null;
  try {
    return JSON.parse(extra);
  } catch {
    return extra;
  }
}

@ApiTags('admin: access records')
@Controller('api/admin/access-records')
@Audited()
@BackOffice('records')
@Authenticated('admin')
export class AccessRecordsController {
  constructor(
    @InjectRepository(AccessRecord) private readonly records: Repository<AccessRecord>,
    private readonly storage: FileStorage,
    private readonly csv: AccessRecordsCsv,
    private readonly query: AccessRecordQuery,
    private readonly siteTime: SiteTime,
    private readonly clock: Clock,
    private readonly app: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Everything the terminals reported, newest first' })
  @ApiOkResponse({ type: AccessRecordPageDto })
  async list(@Query() query: AccessRecordQueryDto): Promise<AccessRecordPageDto> {
    const request = query.toPageRequest();
    const [rows, total] = await this.query.page(query, request);
    return { items: rows.map((row) => this.toDto(row)), total, page: request.page, size: request.size };
  }

  @Get('export.csv')
  @ApiOperation({
    summary: 'The filtered records as CSV (UTF-8 with BOM, for Excel), newest first, streamed',
    description: 'Same filters as the list; page and size are ignored. Rows are read in batches while the file is sent, so any length of history can be exported.',
  })
  @ApiProduces('text/csv')
  export(@Query() filter: AccessRecordQueryDto, @Res({ passthrough: true }) response: Response): StreamableFile {
    const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
    response.setHeader('content-disposition', `attachment; filename="access-records-${stamp}.csv"`);
    return new StreamableFile(Readable.from(this.csv.lines(filter)), { type: 'text/csv; charset=utf-8' });
  }

  @Get('hourly')
  @ApiOperation({
    summary: "People at the doors in each hour of a day of the site's calendar, passed and denied",
    description: 'Recognitions and /syface callbacks; the console draws the day from it and adds what the live socket brings (LiveRecordsDto.hours).',
  })
  @ApiOkResponse({ type: HourlyEntriesDto })
  async hourly(@Query() query: HourlyEntriesQueryDto): Promise<HourlyEntriesDto> {
    if (query.date && new Date(Date.parse(`${query.date}T00:00:00Z`) || 0).toISOString().slice(0, 10) !== query.date) {
      throw new InvalidInputError(`date: ${query.date} is not a day of the calendar`);
    }
    const day = this.siteTime.hoursOf(query.date ?? this.clock.now());
    const tallies = await this.query.entriesByHour(day.starts, day.end);
    return {
      date: day.date,
      timeZone: this.app.siteTimezone,
      hours: tallies.map((tally) => ({ start: tally.start.toISOString(), hour: this.siteTime.wall(tally.start.getTime()).getUTCHours(), passed: tally.passed, denied: tally.denied })),
    };
  }

  @Get(':id/avatar')
  @AuditedRead('captured face')
  @ApiOperation({ summary: 'The face the terminal captured (audited)' })
  @ApiProduces('image/jpeg')
  async avatar(@Param('id', RowIdPipe) id: number): Promise<StreamableFile> {
    const record = await this.records.findOneBy({ id });
    if (!record?.avatarKey) throw new NotFoundError(`record ${id} has no captured face`);
    const bytes = await this.storage.read('private', record.avatarKey).catch(() => {
      throw new NotFoundError(`the captured face of record ${id} is missing from the storage`);
    });
    return new StreamableFile(bytes, { type: 'image/jpeg' });
  }

  private toDto(r: AccessRecord): AccessRecordDto {
    return {
      id: r.id,
      terminalId: r.terminalId,
      kind: r.kind,
      source: r.source,
      recordId: r.recordId,
      signedAt: r.signedAt.toISOString(),
      userId: r.userId,
      name: r.name,
      userType: r.userType,
      inputType: r.inputType,
      similarity: r.similarity,
      temperature: r.temperature,
      temperatureState: r.temperatureState,
      wearMask: r.wearMask,
      wearMaskAlarm: r.wearMaskAlarm,
      icNumber: r.icNumber,
      doorOpened: r.doorOpened,
      denied: isDenied(r),
      avatarUrl: r.avatarKey ? `/api/admin/access-records/${r.id}/avatar` : null,
      extra: parseExtra(r.extra),
      receivedAt: r.receivedAt.toISOString(),
    };
  }
}
