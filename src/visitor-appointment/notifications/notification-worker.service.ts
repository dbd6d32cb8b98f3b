import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThanOrEqual, Repository } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { CoalescingPass } from '../../common/work/coalescing-pass';
import { PeriodicWork } from '../../common/work/periodic-work';
import { OutboxConfig } from '../../config/outbox.config';
import { MessagingConfig } from '../../config/messaging.config';
import { VisitorConfig } from '../../config/visitor.config';
import { NotificationOutbox } from './notification-outbox.service';
import { Notification } from './notification.entity';
import { OutboundFailure } from '../../common/messaging/outbound-failure';
import { maskPhone, SmsSender } from '../../common/messaging/sms.sender';
import { WechatTemplateSender } from './senders/wechat-template.sender';

const BATCH_SIZE = 20;
const WORK_NAME = 'notifications';
const FIRST_RETRY_MS = 5_000;
const MAX_BACKOFF_MS = 30 * 60_000;
/**
 * A message whose sending was cut short (the service stopped during the provider's call) may have
 * been delivered. It is sent again, but not before this long, so nobody gets it twice within
 * a couple of minutes.
 */
const IN_DOUBT_MS = 2 * 60_000;

/**
 * Sends pending notifications, a batch at a time, retrying failures with backoff up to
 * NOTIFY_MAX_ATTEMPTS. Each attempt is claimed in the table before the provider is called (its
 * number is the claim: only the attempt that holds it writes the outcome), so an attempt a crash
 * cut short is seen and waited out rather than repeated at once.
 */
@Injectable()
export class NotificationWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationWorker.name);
  private readonly pass = new CoalescingPass(() => this.run());
  private stopped = false;

  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    private readonly writer: NotificationOutbox,
    private readonly wechat: WechatTemplateSender,
    private readonly sms: SmsSender,
    private readonly config: VisitorConfig,
    private readonly messaging: MessagingConfig,
    private readonly outbox: OutboxConfig,
    private readonly clock: Clock,
    private readonly work: PeriodicWork,
  ) {}

  onApplicationBootstrap(): void {
    this.work.every(WORK_NAME, this.outbox.pollMs, () => this.pass.run());
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.pass.current;
  }

  /** Call after committing new notifications: they go out soon, here or on the instance that sends them now. */
  kick(): void {
    this.work.soon(WORK_NAME);
  }

  /** Sends everything due now and resolves when done (tests, and the admin's retry). */
  drain(): Promise<void> {
    return this.pass.run();
  }

  private async run(): Promise<void> {
    try {
      for (;;) {
        if (this.stopped) return;
        const due = await this.notifications.find({
          where: { state: 'pending', nextAttemptAt: LessThanOrEqual(this.clock.now()) },
          order: { id: 'ASC' },
          take: BATCH_SIZE,
        });
        if (due.length === 0) return;
        await Promise.all(due.map((notification) => this.attempt(notification)));
      }
    } catch (error) {
      this.logger.error(`sending notifications failed: ${(error as Error).message}`, (error as Error).stack);
    }
  }

  private async attempt(notification: Notification): Promise<void> {
    const { id, sendingSince } = notification;
    const attempts = notification.attempts + 1;
    const now = this.clock.now();
    const inDoubtUntil = new Date(now.getTime() + Math.max(IN_DOUBT_MS, 2 * this.messaging.notifyTimeoutMs));
    if (!(await this.writer.claimAttempt(notification, now, inDoubtUntil))) return;
    const to = notification.channel === 'sms' ? maskPhone(notification.recipient) : 'a WeChat user';
    const interrupted = sendingSince
      ? `an attempt at ${sendingSince.toISOString()} was cut short (the service stopped) and may have been delivered: sent again`
      : null;
    if (interrupted) this.logger.warn(`${notification.kind} by ${notification.channel} to ${to} (#${id}): ${interrupted}`);
    try {
      const providerMessageId = await this.deliver(notification);
      await this.writer.recordSent(id, attempts, { lastError: interrupted, providerMessageId });
    } catch (error) {
      const message = (error as Error).message.slice(0, 500);
      const permanent = error instanceof OutboundFailure && error.permanent;
      const giveUp = permanent || attempts >= this.config.notifyMaxAttempts;
      const delay = Math.min(FIRST_RETRY_MS * 2 ** (attempts - 1), MAX_BACKOFF_MS);
      await this.writer.recordFailure(id, attempts, message, giveUp, new Date(this.clock.now().getTime() + (giveUp ? 0 : delay)));
      this.logger.warn(`${notification.kind} by ${notification.channel} to ${to} (#${id}) ${giveUp ? 'failed for good' : 'will be retried'}: ${message}`);
    }
  }

  private deliver(notification: Notification): Promise<string | null> {
    const params = JSON.parse(notification.params) as Record<string, string>;
    return notification.channel === 'wechat'
      ? this.wechat.send(notification.recipient, notification.templateId, params, notification.link ?? undefined)
      : this.sms.send(notification.recipient, notification.templateId, params, String(notification.id));
  }
}
