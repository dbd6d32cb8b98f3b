import { Injectable } from '@nestjs/common';
import { WechatConfig } from '../config/wechat.config';
import { UpstreamError } from '../common/errors/domain-errors';

export interface WechatSession {
  openId: string;
  sessionKey: string;
  unionId?: string;
}

interface Code2SessionAnswer {
  openid?: string;
  session_key?: string;
  unionid?: string;
  errcode?: number;
  errmsg?: string;
}

/** The WeChat server API port (https://api.weixin.qq.com by default, WECHAT_API_BASE in tests). */
@Injectable()
export class WechatApi {
  constructor(private readonly config: WechatConfig) {}

  /** Exchanges a mini-program login code for the user's openid and session key. */
  async code2Session(code: string): Promise<WechatSession> {
    if (!this.config.configured) {
      throw new UpstreamError('WeChat login is not configured on this server (WECHAT_APPID / WECHAT_SECRET)');
    }
    const url = new URL(`${this.config.baseUrl}/sns/jscode2session`);
    url.search = new URLSearchParams({
      appid: this.config.appId!,
      secret: this.config.secret!,
      js_code: code,
      grant_type: 'authorization_code',
    }).toString();
    let answer: Code2SessionAnswer;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(this.config.timeoutMs) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      answer = (await response.json()) as Code2SessionAnswer;
    } catch (error) {
      throw new UpstreamError(`WeChat jscode2session failed: ${(error as Error).message}`);
    }
    if (answer.errcode) {
      throw new UpstreamError(`WeChat refused the login code: ${answer.errcode} ${answer.errmsg ?? ''}`.trim());
    }
    if (!answer.openid || !answer.session_key) {
      throw new UpstreamError('WeChat jscode2session answered without openid or session_key');
    }
    return { openId: answer.openid, sessionKey: answer.session_key, unionId: answer.unionid };
  }
}
