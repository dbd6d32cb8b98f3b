import { createCipheriv, randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export const FAKE_APPID = 'wx-fake-appid';
export const FAKE_SECRET = 'fake-app-secret';

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
 * The WeChat server API on a loopback port: `GET /sns/jscode2session` with real session keys.
 * `login()` plays the mini-program: it obtains a code and encrypts the user's profile with the
 * session key this server chose for that code.
 */
export class FakeWechatApi {
  readonly requests: URL[] = [];
  private readonly sessions = new Map<string, { user: MiniProgramUser; sessionKey: string }>();
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** A fresh login code for the user, and the encrypted profile the mini-program would send. */
  login(user: MiniProgramUser, watermarkAppId = FAKE_APPID): WxLoginFields {
    const code = randomBytes(16).toString('hex');
    const sessionKey = randomBytes(16).toString('base64');
    this.sessions.set(code, { user, sessionKey });
    const profile = { ...user, gender: 1, language: 'zh_CN', watermark: { appid: watermarkAppId, timestamp: Math.floor(Date.now() / 1000) } };
    return { code, ...encryptUserInfo(sessionKey, profile) };
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    this.requests.push(url);
    res.setHeader('content-type', 'application/json');
    if (url.pathname !== '/sns/jscode2session') {
      res.statusCode = 404;
      res.end(JSON.stringify({ errcode: 404, errmsg: 'not found' }));
      return;
    }
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
