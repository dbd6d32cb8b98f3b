import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { VisitorConfig } from '../../config/visitor.config';
import { insertInChunks } from '../../database/insert-in-chunks';
import { WechatBinding } from '../bindings/wechat-binding.entity';
import { templateKey, VisitorSettingsService } from '../settings/visitor-settings.service';
import { Notification, NotificationChannel, NotificationKind } from './notification.entity';

/** One message to one person, on every channel they can be reached by. */
export interface NotificationRequest {
  kind: NotificationKind;
  applicationId: number;
  /** Phone of the person; their WeChat bindings are looked up by it (or by employee for employees). */
  phone: string;
  employeeId?: number;
  params: Record<string, string>;
  /** The page a WeChat message opens. */
  link?: string;
}

/**
 * Writes messages into the notification table inside the caller's transaction, so a visit never
 * changes without its messages (and a rolled-back change sends none). A message that cannot be
 * sent (no template configured, WeChat not configured) is kept as `skipped` with the reason.
 */
@Injectable()
export class NotificationOutbox {
  constructor(
    private readonly settings: VisitorSettingsService,
    private readonly config: VisitorConfig,
    private readonly clock: Clock,
  ) {}

  async stage(manager: EntityManager, requests: NotificationRequest[]): Promise<void> {
    if (requests.length === 0) return;
    const templates = await this.settings.templates(manager);
    const now = this.clock.now();
    const rows: Partial<Notification>[] = [];
    for (const request of requests) {
      const recipients: [NotificationChannel, string][] = [
        ...(await this.openIdsOf(manager, request)).map((openId): [NotificationChannel, string] => ['wechat', openId]),
        ['sms', request.phone],
      ];
      for (const [channel, recipient] of recipients) {
        const templateId = templates[templateKey(request.kind, channel)];
        const skipped = !templateId
          ? `no ${channel} template is set for ${request.kind}`
          : channel === 'wechat' && !this.config.wechatConfigured
            ? 'WECHAT_OA_APPID / WECHAT_OA_SECRET are not set'
            : null;
        rows.push({
          applicationId: request.applicationId,
          kind: request.kind,
          channel,
          recipient,
          templateId,
          params: JSON.stringify(request.params),
          link: channel === 'wechat' ? (request.link ?? null) : null,
          state: skipped ? 'skipped' : 'pending',
          attempts: 0,
          nextAttemptAt: now,
          lastError: skipped,
          createdAt: now,
          sentAt: null,
        });
      }
    }
    await insertInChunks(manager.getRepository(Notification), rows);
  }

  /** An employee is reached through their employee bindings; a visitor through visitor bindings of their phone. */
  private async openIdsOf(manager: EntityManager, request: NotificationRequest): Promise<string[]> {
    const bindings = await manager
      .getRepository(WechatBinding)
      .findBy(request.employeeId !== undefined ? { kind: 'employee', employeeId: request.employeeId } : { kind: 'visitor', phone: request.phone });
    return bindings.map((binding) => binding.weixinUserId);
  }
}
