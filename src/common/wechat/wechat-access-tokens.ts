import { Injectable, Logger } from '@nestjs/common';
import { MessagingConfig } from '../../config/messaging.config';
import { WechatConfig } from '../../config/wechat.config';
import { Clock } from '../clock/clock';
import { fetchJson, OutboundFailure } from '../messaging/outbound-failure';

/** An app of the WeChat platform (the mini-program, the official account). */
export interface WechatApp {
  appId: string;
  secret: string;
  /** For the log: which app's token this is. */
  label: string;
}

interface TokenAnswer {
  errcode?: number;
  errmsg?: string;
  access_token?: string;
  expires_in?: number;
}

/** Answers meaning the token expired or was replaced (another server fetched a new one): fetch again, retry once. */
export const STALE_TOKEN = new Set([40001, 40014, 42001]);
/** Renew a little before WeChat's expiry, so a request never goes out with a token that dies on the way. */
const TOKEN_MARGIN_MS = 5 * 60_000;

/**
 * The server access tokens of WeChat apps (cgi-bin/token), one per app, cached until shortly
 * before they expire; concurrent callers share one fetch.
 */
@Injectable()
export class WechatAccessTokens {
  private readonly logger = new Logger(WechatAccessTokens.name);
  private readonly tokens = new Map<string, { value: string; expiresAt: number }>();
  private readonly fetching = new Map<string, Promise<string>>();

  constructor(
    private readonly wechat: WechatConfig,
    private readonly messaging: MessagingConfig,
    private readonly clock: Clock,
  ) {}

  get(app: WechatApp): Promise<string> {
    const cached = this.tokens.get(app.appId);
    if (cached && cached.expiresAt > this.clock.now().getTime()) return Promise.resolve(cached.value);
    let fetching = this.fetching.get(app.appId);
    if (!fetching) {
      fetching = this.fetch(app).finally(() => this.fetching.delete(app.appId));
      this.fetching.set(app.appId, fetching);
    }
    return fetching;
  }

  /** WeChat called `token` stale: the next get() fetches another (unless one was fetched meanwhile). */
  invalidate(app: WechatApp, token: string): void {
    if (this.tokens.get(app.appId)?.value === token) this.tokens.delete(app.appId);
  }

  private async fetch(app: WechatApp): Promise<string> {
    const target = new URL(`${this.wechat.baseUrl}/cgi-bin/token`);
    target.search = new URLSearchParams({ grant_type: 'client_credential', appid: app.appId, secret: app.secret }).toString();
    const { body: answer } = await fetchJson<TokenAnswer>('WeChat cgi-bin/token', target, {}, this.messaging.notifyTimeoutMs);
    if (answer.errcode || !answer.access_token) {
      throw new OutboundFailure(`WeChat cgi-bin/token answered ${answer.errcode ?? 'no token'} ${answer.errmsg ?? ''}`.trim(), false);
    }
    const lifetimeMs = (answer.expires_in ?? 7200) * 1000;
    const expiresAt = this.clock.now().getTime() + Math.max(lifetimeMs - TOKEN_MARGIN_MS, lifetimeMs / 2);
    this.tokens.set(app.appId, { value: answer.access_token, expiresAt });
    this.logger.log(`${app.label} access token renewed (valid ${Math.round(lifetimeMs / 1000)} s)`);
    return answer.access_token;
  }
}
