import { Injectable } from '@nestjs/common';
import { VisitorConfig } from '../../../config/visitor.config';
import { WechatConfig } from '../../../config/wechat.config';
import { fetchJson, OutboundFailure } from '../../../common/messaging/outbound-failure';
import { STALE_TOKEN, WechatAccessTokens } from '../../../common/wechat/wechat-access-tokens';
import { MessagingConfig } from '../../../config/messaging.config';

interface WechatAnswer {
  errcode?: number;
  errmsg?: string;
  msgid?: number | string;
}

/** Sending again cannot help: bad openid, unsubscribed user, bad template id, bad data, missing API permission. */
const PERMANENT = new Set([40003, 40036, 40037, 43004, 47001, 48001]);

/** WeChat official-account template messages, with the account's access token shared through WechatAccessTokens. */
@Injectable()
export class WechatTemplateSender {
  constructor(
    private readonly wechat: WechatConfig,
    private readonly config: VisitorConfig,
    private readonly messaging: MessagingConfig,
    private readonly tokens: WechatAccessTokens,
  ) {}

  /** Sends one template message; `params` become the template's `{{key.DATA}}` values, `url` its link. Resolves with WeChat's msgid. */
  async send(openId: string, templateId: string, params: Record<string, string>, url?: string): Promise<string | null> {
    if (!this.config.wechatConfigured) throw new OutboundFailure('WECHAT_OA_APPID / WECHAT_OA_SECRET are not set', false);
    const app = { appId: this.config.wechatOaAppId!, secret: this.config.wechatOaSecret!, label: 'official-account' };
    const body = JSON.stringify({
      touser: openId,
      template_id: templateId,
      ...(url ? { url } : {}),
      data: Object.fromEntries(Object.entries(params).map(([key, value]) => [key, { value }])),
    });
    for (let attempt = 0; ; attempt++) {
      const token = await this.tokens.get(app);
      const target = new URL(`${this.wechat.baseUrl}/cgi-bin/message/template/send`);
      target.searchParams.set('access_token', token);
      const { body: answer } = await fetchJson<WechatAnswer>(
        'WeChat template/send',
        target,
        { method: 'POST', headers: { 'content-type': 'application/json' }, body },
        this.messaging.notifyTimeoutMs,
      );
      if (!answer.errcode) return answer.msgid === undefined ? null : String(answer.msgid);
      if (STALE_TOKEN.has(answer.errcode) && attempt === 0) {
        this.tokens.invalidate(app, token);
        continue;
      }
      throw new OutboundFailure(`WeChat template/send answered ${answer.errcode} ${answer.errmsg ?? ''}`.trim(), PERMANENT.has(answer.errcode));
    }
  }
}
