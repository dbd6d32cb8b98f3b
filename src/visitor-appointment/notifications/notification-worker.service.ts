import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThanOrEqual, Repository } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { CoalescingPass } from '../../common/work/coalescing-pass';
import { OutboxConfig } from '../../config/outbox.config';
import { VisitorConfig } from '../../config/visitor.config';
import { Notification } from './notification.entity';
import { NotificationFailure } from './senders/notification-failure';
import { maskPhone, SmsSender } from './senders/sms.sender';
import { WechatTemplateSender } from './senders/wechat-template.sender';

const BATCH_SIZE = 20;
const FIRST_RETRY_MS = 5_000;
const MAX_BACKOFF_MS = 30 * 60_000;

/** Sends pending notifications, a batch at a time, retrying failures with backoff up to NOTIFY_MAX_ATTEMPTS. */
@Injectable()
export class NotificationWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationWorker.name);
  private readonly pass = new CoalescingPass(() => this.run());
  private stopped = false;
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    private readonly wechat: WechatTemplateSender,
    private readonly sms: SmsSender,
    private readonly config: VisitorConfig,
    private readonly outbox: OutboxConfig,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), this.outbox.pollMs);
    this.timer.unref();
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.pass.current;
  }

  /** Call after committing new notifications. */
  kick(): void {
    void this.pass.run();
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
    const attempts = notification.attempts + 1;
    try {
      const providerMessageId = await this.deliver(notification);
      await this.notifications.update(notification.id, { state: 'sent', attempts, sentAt: this.clock.now(), lastError: null, providerMessageId });
    } catch (error) {
      const message = (error as Error).message.slice(0, 500);
      const permanent = error instanceof NotificationFailure && error.permanent;
      const giveUp = permanent || attempts >= this.config.notifyMaxAttempts;
      const delay = Math.min(FIRST_RETRY_MS * 2 ** (attempts - 1), MAX_BACKOFF_MS);
      await this.notifications.update(notification.id, {
        attempts,
        lastError: message,
        state: giveUp ? 'failed' : 'pending',
        nextAttemptAt: new Date(this.clock.now().getTime() + (giveUp ? 0 : delay)),
      });
      const to = notification.channel === 'sms' ? maskPhone(notification.recipient) : 'a WeChat user';
      this.logger.warn(`${notification.kind} by ${notification.channel} to ${to} (#${notification.id}) ${giveUp ? 'failed for good' : 'will be retried'}: ${message}`);
    }
  }

  private deliver(notification: Notification): Promise<string | null> {
    const params = JSON.parse(notification.params) as Record<string, string>;
    return notification.channel === 'wechat'
      ? this.wechat.send(notification.recipient, notification.templateId, params, notification.link ?? undefined)
      : this.sms.send(notification.recipient, notification.templateId, params, String(notification.id));
  }
}
