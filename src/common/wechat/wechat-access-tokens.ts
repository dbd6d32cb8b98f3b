import { Injectable, Logger } from '@nestjs/common';
import { MessagingConfig } from '../../config/messaging.config';
import { WechatConfig } from '../../config/wechat.config';
import { fetchJson, OutboundFailure } from '../messaging/outbound-failure';
import { Expiring, SharedValues } from '../cluster/shared-values';

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

const tokenKey = (app: WechatApp) => `wechat-token:${app.appId}`;

/**
 * The server access tokens of WeChat apps (cgi-bin/token), one per app, kept until shortly
 * before they expire. Fetching one replaces the app's previous token for everyone, so it is
 * fetched once for the whole site (SharedValues: once per cluster) and shared.
 */
@Injectable()
export class WechatAccessTokens {
  private readonly logger = new Logger(WechatAccessTokens.name);

  constructor(
    private readonly wechat: WechatConfig,
    private readonly messaging: MessagingConfig,
    private readonly shared: SharedValues,
  ) {}

  get(app: WechatApp): Promise<string> {
    return this.shared.get(tokenKey(app), () => this.fetch(app));
  }

  /** WeChat called `token` stale: the next get() fetches another (unless one was fetched meanwhile). */
  invalidate(app: WechatApp, token: string): void {
    void this.shared.forget(tokenKey(app), token).catch((error: Error) => this.logger.warn(`${app.label} stale token not forgotten: ${error.message}`));
  }

  private async fetch(app: WechatApp): Promise<Expiring> {
    const target = new URL(`${this.wechat.baseUrl}/cgi-bin/token`);
    target.search = new URLSearchParams({ grant_type: 'client_credential', appid: app.appId, secret: app.secret }).toString();
    const { body: answer } = await fetchJson<TokenAnswer>('WeChat cgi-bin/token', target, {}, this.messaging.notifyTimeoutMs);
    if (answer.errcode || !answer.access_token) {
      throw new OutboundFailure(`WeChat cgi-bin/token answered ${answer.errcode ?? 'no token'} ${answer.errmsg ?? ''}`.trim(), false);
    }
    const lifetimeMs = (answer.expires_in ?? 7200) * 1000;
    this.logger.log(`${app.label} access token renewed (valid ${Math.round(lifetimeMs / 1000)} s)`);
    return { value: answer.access_token, ttlMs: Math.max(lifetimeMs - TOKEN_MARGIN_MS, lifetimeMs / 2) };
  }
}
