import { createCipheriv, randomBytes } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackHttpFake } from './loopback-http-fake';

export const FAKE_APPID = 'wx-fake-appid';
export const FAKE_SECRET = 'fake-app-secret';
export const FAKE_OA_APPID = 'wx-fake-official-account';
export const FAKE_OA_SECRET = 'fake-official-account-secret';

/** A template message as the official account's API received it. */
export interface SentTemplate {
  touser: string;
  template_id: string;
  url?: string;
  data: Record<string, { value: string }>;
}

export interface MiniProgramUser {
  openId: string;
  unionId?: string;
  nickName?: string;
  avatarUrl?: string;
}

/** What the mini-program sends to wxlogin.do. */
export type WxLoginFields = {
  code: string;
  encryptedData: string;
  iv: string;
};

/** Encrypts like WeChat: AES-128-CBC, PKCS#7, key = session_key. */
export function encryptUserInfo(sessionKey: string, payload: object, iv = randomBytes(16)): { encryptedData: string; iv: string } {
  const cipher = createCipheriv('aes-128-cbc', Buffer.from(sessionKey, 'base64'), iv);
  const encrypted = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  return { encryptedData: encrypted.toString('base64'), iv: iv.toString('base64') };
}

/**
 * The WeChat server API on a loopback port: `GET /sns/jscode2session` with real session keys, and
 * the official account's `cgi-bin/token` and `message/template/send`. `login()` plays the
 * mini-program: it obtains a code and encrypts the user's profile with the session key this
 * server chose for that code.
 */
export class FakeWechatApi extends LoopbackHttpFake {
  readonly requests: URL[] = [];
  readonly templates: SentTemplate[] = [];
  /** Lifetime of the access tokens handed out, in seconds. */
  tokenLifetime = 7200;
  private readonly sessions = new Map<string, { user: MiniProgramUser; sessionKey: string }>();
  private readonly tokens = new Set<string>();
  private templateFailures: number[] = [];

  /** A fresh login code for the user, and the encrypted profile the mini-program would send. */
  login(user: MiniProgramUser, watermarkAppId = FAKE_APPID): WxLoginFields {
    const code = randomBytes(16).toString('hex');
    const sessionKey = randomBytes(16).toString('base64');
    this.sessions.set(code, { user, sessionKey });
    const profile = { ...user, gender: 1, language: 'zh_CN', watermark: { appid: watermarkAppId, timestamp: Math.floor(Date.now() / 1000) } };
    return { code, ...encryptUserInfo(sessionKey, profile) };
  }

  /** How many access tokens the official account was handed. */
  get tokenRequests(): number {
    return this.requests.filter((url) => url.pathname === '/cgi-bin/token').length;
  }

  /** Every token handed out stops working (as when another server fetched a new one). */
  revokeTokens(): void {
    this.tokens.clear();
  }

  /** The next template sends answer these errcodes, one each. */
  failTemplateSends(...errcodes: number[]): void {
    this.templateFailures.push(...errcodes);
  }

  protected handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    this.requests.push(url);
    res.setHeader('content-type', 'application/json');
    if (url.pathname === '/sns/jscode2session') this.jscode2session(url, res);
    else if (url.pathname === '/cgi-bin/token') this.token(url, res);
    else if (url.pathname === '/cgi-bin/message/template/send' && req.method === 'POST') this.templateSend(url, req, res);
    else {
      res.statusCode = 404;
      res.end(JSON.stringify({ errcode: 404, errmsg: 'not found' }));
    }
  }

  private token(url: URL, res: ServerResponse): void {
    const q = url.searchParams;
    if (q.get('grant_type') !== 'client_credential' || q.get('appid') !== FAKE_OA_APPID || q.get('secret') !== FAKE_OA_SECRET) {
      res.end(JSON.stringify({ errcode: 40125, errmsg: 'invalid appsecret' }));
      return;
    }
    const token = randomBytes(24).toString('hex');
    this.tokens.add(token);
    res.end(JSON.stringify({ access_token: token, expires_in: this.tokenLifetime }));
  }

  private templateSend(url: URL, req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (!this.tokens.has(url.searchParams.get('access_token') ?? '')) {
        res.end(JSON.stringify({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' }));
        return;
      }
      const failure = this.templateFailures.shift();
      if (failure !== undefined) {
        res.end(JSON.stringify({ errcode: failure, errmsg: 'injected failure' }));
        return;
      }
      this.templates.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as SentTemplate);
      res.end(JSON.stringify({ errcode: 0, errmsg: 'ok', msgid: this.templates.length }));
    });
  }

  private jscode2session(url: URL, res: ServerResponse): void {
    const q = url.searchParams;
    if (q.get('appid') !== FAKE_APPID || q.get('secret') !== FAKE_SECRET || q.get('grant_type') !== 'authorization_code') {
      res.end(JSON.stringify({ errcode: 40125, errmsg: 'invalid appsecret' }));
      return;
    }
    const session = this.sessions.get(q.get('js_code') ?? '');
    if (!session) {
      res.end(JSON.stringify({ errcode: 40029, errmsg: 'invalid code' }));
      return;
    }
    this.sessions.delete(q.get('js_code')!);
    res.end(
      JSON.stringify({ openid: session.user.openId, session_key: session.sessionKey, ...(session.user.unionId ? { unionid: session.user.unionId } : {}) }),
    );
  }
}
