import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../../common/clock/clock';
import { VisitorConfig } from '../../../config/visitor.config';
import { WechatConfig } from '../../../config/wechat.config';
import { fetchJson, NotificationFailure } from './notification-failure';

interface WechatAnswer {
  errcode?: number;
  errmsg?: string;
  access_token?: string;
  expires_in?: number;
  msgid?: number | string;
}

/** The token expired or was replaced (another server fetched a new one): fetch again and retry once. */
const STALE_TOKEN = new Set([40001, 40014, 42001]);
/** Sending again cannot help: bad openid, unsubscribed user, bad template id, bad data, missing API permission. */
const PERMANENT = new Set([40003, 40036, 40037, 43004, 47001, 48001]);
/** Renew a little before WeChat's expiry, so a request never goes out with a token that dies on the way. */
const TOKEN_MARGIN_MS = 5 * 60_000;

/** WeChat official-account template messages, with the account's access token cached until it expires. */
@Injectable()
export class WechatTemplateSender {
  private readonly logger = new Logger(WechatTemplateSender.name);
  private token: { value: string; expiresAt: number } | null = null;
  private fetching: Promise<string> | null = null;

  constructor(
    private readonly wechat: WechatConfig,
    private readonly config: VisitorConfig,
    private readonly clock: Clock,
  ) {}

  /** Sends one template message; `params` become the template's `{{key.DATA}}` values, `url` its link. Resolves with WeChat's msgid. */
  async send(openId: string, templateId: string, params: Record<string, string>, url?: string): Promise<string | null> {
    const body = JSON.stringify({
      touser: openId,
      template_id: templateId,
      ...(url ? { url } : {}),
      data: Object.fromEntries(Object.entries(params).map(([key, value]) => [key, { value }])),
    });
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken();
      const target = new URL(`${this.wechat.baseUrl}/cgi-bin/message/template/send`);
      target.searchParams.set('access_token', token);
      const { body: answer } = await fetchJson<WechatAnswer>(
        'WeChat template/send',
        target,
        { method: 'POST', headers: { 'content-type': 'application/json' }, body },
        this.config.notifyTimeoutMs,
      );
      if (!answer.errcode) return answer.msgid === undefined ? null : String(answer.msgid);
      if (STALE_TOKEN.has(answer.errcode) && attempt === 0) {
        this.invalidate(token);
        continue;
      }
      throw new NotificationFailure(`WeChat template/send answered ${answer.errcode} ${answer.errmsg ?? ''}`.trim(), PERMANENT.has(answer.errcode));
    }
  }

  private accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > this.clock.now().getTime()) return Promise.resolve(this.token.value);
    this.fetching ??= this.fetchToken().finally(() => (this.fetching = null));
    return this.fetching;
  }

  private invalidate(token: string): void {
    if (this.token?.value === token) this.token = null;
  }

  private async fetchToken(): Promise<string> {
    if (!this.config.wechatConfigured) throw new NotificationFailure('WECHAT_OA_APPID / WECHAT_OA_SECRET are not set', false);
    const target = new URL(`${this.wechat.baseUrl}/cgi-bin/token`);
    target.search = new URLSearchParams({ grant_type: 'client_credential', appid: this.config.wechatOaAppId!, secret: this.config.wechatOaSecret! }).toString();
    const { body: answer } = await fetchJson<WechatAnswer>('WeChat cgi-bin/token', target, {}, this.config.notifyTimeoutMs);
    if (answer.errcode || !answer.access_token) {
      throw new NotificationFailure(`WeChat cgi-bin/token answered ${answer.errcode ?? 'no token'} ${answer.errmsg ?? ''}`.trim(), false);
    }
    const lifetimeMs = (answer.expires_in ?? 7200) * 1000;
    this.token = { value: answer.access_token, expiresAt: this.clock.now().getTime() + Math.max(lifetimeMs - TOKEN_MARGIN_MS, lifetimeMs / 2) };
    this.logger.log(`official-account access token renewed (valid ${Math.round(lifetimeMs / 1000)} s)`);
    return this.token.value;
  }
}
