import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { BackOffice } from '../../common/auth/back-office.decorator';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Repository } from 'typeorm';
import { Authenticated } from '../../common/auth/authenticated.decorator';
import { ConflictError, NotFoundError } from '../../common/errors/domain-errors';
import { pageOffset } from '../../common/paging/page';
import { NotificationDto, NotificationPageDto, NotificationQueryDto } from './dto/notification.dto';
import { Notification } from './notification.entity';
import { NotificationWorker } from './notification-worker.service';
import { Audited } from '../../common/audit/audited.decorator';
import { RowIdPipe } from '../../common/validation/row-id.pipe';
import { NotificationOutbox } from './notification-outbox.service';

function toDto(n: Notification): NotificationDto {
  return {
    id: n.id,
    applicationId: n.applicationId,
    kind: n.kind,
    channel: n.channel,
    recipient: n.recipient,
    templateId: n.templateId,
    params: JSON.parse(n.params),
    state: n.state,
    attempts: n.attempts,
    lastError: n.lastError,
    createdAt: n.createdAt.toISOString(),
    nextAttemptAt: n.nextAttemptAt.toISOString(),
    sentAt: n.sentAt?.toISOString() ?? null,
    providerMessageId: n.providerMessageId,
    sendingSince: n.sendingSince?.toISOString() ?? null,
  };
}

@ApiTags('admin: visitor notifications')
@Controller('api/admin/notifications')
@Audited()
@BackOffice('visitors')
@Authenticated('admin')
export class NotificationsController {
  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    private readonly worker: NotificationWorker,
    private readonly writer: NotificationOutbox,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Visitor notifications (WeChat template messages and SMS), newest first, with their delivery state' })
  @ApiOkResponse({ type: NotificationPageDto })
  async list(@Query() query: NotificationQueryDto): Promise<NotificationPageDto> {
    const request = query.toPageRequest();
    const [rows, total] = await this.notifications.findAndCount({
      where: { state: query.state, kind: query.kind, channel: query.channel, recipient: query.recipient, applicationId: query.applicationId },
      order: { id: 'DESC' },
      skip: pageOffset(request),
      take: request.size,
    });
    return { items: rows.map(toDto), page: request.page, size: request.size, total };
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a failed notification again (e.g. after fixing the SMS or WeChat settings)' })
  @ApiOkResponse({ type: NotificationDto })
  async retry(@Param('id', RowIdPipe) id: number): Promise<NotificationDto> {
    const notification = await this.notifications.findOneBy({ id });
    if (!notification) throw new NotFoundError(`no notification ${id}`);
    if (notification.state !== 'failed') throw new ConflictError(`notification ${id} is ${notification.state}; only failed ones are sent again`);
    if (!(await this.writer.retry(id))) throw new ConflictError(`notification ${id} was sent again a moment ago`);
    await this.worker.drain();
    return toDto((await this.notifications.findOneBy({ id }))!);
  }
}
