import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { VisitorConfig } from '../../config/visitor.config';
import { insertInChunks } from '../../database/insert-in-chunks';
import { UnitOfWork } from '../../database/unit-of-work';
import { WechatBinding } from '../bindings/wechat-binding.entity';
import { TemplateSettingsDto } from '../settings/dto/settings.dto';
import { VisitorSettingsService } from '../settings/visitor-settings.service';
import { Notification, NotificationChannel, NotificationKind } from './notification.entity';

/** One message to one person, on every channel they can be reached by. */
export interface NotificationRequest {
  kind: NotificationKind;
  /** The visit it is about; null for messages about no visit (a new binding). */
  applicationId: number | null;
  /** Phone of the person; their WeChat bindings are looked up by it (or by employee for employees). */
  phone: string;
  employeeId?: number;
  params: Record<string, string>;
  /** The page a WeChat message opens. */
  link?: string;
}

/** The setting that holds the template of a kind of message on a channel. */
function templateKey(kind: NotificationKind, channel: NotificationChannel): keyof TemplateSettingsDto {
  return `${kind}_${channel}_id` as keyof TemplateSettingsDto;
}

/** Employees are told apart by their directory id, visitors by their phone. */
function recipientKey({ employeeId, phone }: Pick<NotificationRequest, 'employeeId' | 'phone'>): string {
  return employeeId !== undefined ? `employee:${employeeId}` : `visitor:${phone}`;
}

/**
 * The one writer of the notification table. Messages are written inside the caller's transaction,
 * so a visit never changes without its messages (and a rolled-back change sends none). A message that cannot be
 * sent (no template configured, WeChat not configured) is kept as `skipped` with the reason.
 */
@Injectable()
export class NotificationOutbox {
  constructor(
    private readonly settings: VisitorSettingsService,
    private readonly config: VisitorConfig,
    private readonly clock: Clock,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async stage(manager: EntityManager, requests: NotificationRequest[]): Promise<void> {
    if (requests.length === 0) return;
    const templates = await this.settings.templates(manager);
    const now = this.clock.now();
    const openIds = await this.openIdsOf(manager, requests);
    const rows: Partial<Notification>[] = [];
    for (const request of requests) {
      const recipients: [NotificationChannel, string][] = [
        ...(openIds.get(recipientKey(request)) ?? []).map((openId): [NotificationChannel, string] => ['wechat', openId]),
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

  /** Claims a due message for one attempt (in doubt until `inDoubtUntil`); false when another attempt took it first. */
  async claimAttempt(notification: Notification, now: Date, inDoubtUntil: Date): Promise<boolean> {
    const claim = await this.notifications().update(
      { id: notification.id, state: 'pending', attempts: notification.attempts },
      { attempts: notification.attempts + 1, sendingSince: now, nextAttemptAt: inDoubtUntil },
    );
    return Boolean(claim.affected);
  }

  async recordSent(id: number, attempts: number, outcome: Pick<Notification, 'lastError' | 'providerMessageId'>): Promise<void> {
    await this.notifications().update({ id, attempts }, { state: 'sent', sentAt: this.clock.now(), ...outcome, sendingSince: null });
  }

  /** A failed attempt: tried again at `nextAttemptAt`, or failed for good. */
  async recordFailure(id: number, attempts: number, lastError: string, giveUp: boolean, nextAttemptAt: Date): Promise<void> {
    await this.notifications().update({ id, attempts }, { lastError, state: giveUp ? 'failed' : 'pending', nextAttemptAt, sendingSince: null });
  }

  /** A failed message is due again with fresh attempts; false when it is not failed (any more). */
  async retry(id: number): Promise<boolean> {
    const result = await this.notifications().update({ id, state: 'failed' }, { state: 'pending', attempts: 0, nextAttemptAt: this.clock.now() });
    return Boolean(result.affected);
  }

  /** The messages of a visit go with it, sent or not (they carry names and phones). */
  async forgetVisit(applicationId: number): Promise<void> {
    await this.notifications().delete({ applicationId });
  }

  private notifications() {
    return this.unitOfWork.manager().getRepository(Notification);
  }

  /**
   * The openids of every recipient, in one query per kind: an employee is reached through their
   * employee bindings, a visitor through the visitor bindings of their phone.
   */
  private async openIdsOf(manager: EntityManager, requests: NotificationRequest[]): Promise<Map<string, string[]>> {
    const employeeIds = [...new Set(requests.flatMap((r) => (r.employeeId === undefined ? [] : [r.employeeId])))];
    const phones = [...new Set(requests.filter((r) => r.employeeId === undefined).map((r) => r.phone))];
    const repository = manager.getRepository(WechatBinding);
    const bindings = [
      ...(employeeIds.length > 0 ? await repository.findBy({ kind: 'employee', employeeId: In(employeeIds) }) : []),
      ...(phones.length > 0 ? await repository.findBy({ kind: 'visitor', phone: In(phones) }) : []),
    ];
    const openIds = new Map<string, string[]>();
    for (const binding of bindings) {
      const key = recipientKey({ employeeId: binding.employeeId ?? undefined, phone: binding.phone });
      openIds.set(key, [...(openIds.get(key) ?? []), binding.weixinUserId]);
    }
    return openIds;
  }
}
