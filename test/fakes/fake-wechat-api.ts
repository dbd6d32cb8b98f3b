import { createCipheriv, createHash, randomBytes } from 'node:crypto';
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

/** What the face check itself found (wx.startFacialRecognitionVerify), as getinfo will tell it. */
export interface FaceCheckResult {
  identifyRet?: number;
  openId?: string;
  /** What WeChat says the name and ID number were (the submitted ones by default). */
  name?: string;
  idCardNumber?: string;
}

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

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
  /** Access tokens handed out, and to which app. */
  private readonly tokens = new Map<string, string>();
  private templateFailures: number[] = [];
  private faceFailures: number[] = [];
  /** user_id_key → what was submitted for it. */
  readonly faceKeys = new Map<string, { name: string; id_card_number: string }>();
  private readonly faceResults = new Map<string, FaceCheckResult & { userIdKey: string }>();

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
    return this.requests.filter((url) => url.pathname === '/cgi-bin/token' && url.searchParams.get('appid') === FAKE_OA_APPID).length;
  }

  /** The next face identity calls answer these errcodes, one each. */
  failFaceCalls(...errcodes: number[]): void {
    this.faceFailures.push(...errcodes);
  }

  /** The person did the face check of `userIdKey` in the mini-program: returns the verify_result it got. */
  faceCheck(userIdKey: string, result: FaceCheckResult = {}): string {
    const verifyResult = randomBytes(24).toString('base64url');
    this.faceResults.set(verifyResult, { userIdKey, ...result });
    return verifyResult;
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
    else if (url.pathname.startsWith('/cityservice/face/identify/') && req.method === 'POST') this.faceIdentify(url, req, res);
    else {
      res.statusCode = 404;
      res.end(JSON.stringify({ errcode: 404, errmsg: 'not found' }));
    }
  }

  private token(url: URL, res: ServerResponse): void {
    const q = url.searchParams;
    const secrets: Record<string, string> = { [FAKE_OA_APPID]: FAKE_OA_SECRET, [FAKE_APPID]: FAKE_SECRET };
    const appId = q.get('appid') ?? '';
    if (q.get('grant_type') !== 'client_credential' || !secrets[appId] || q.get('secret') !== secrets[appId]) {
      res.end(JSON.stringify({ errcode: 40125, errmsg: 'invalid appsecret' }));
      return;
    }
    const token = randomBytes(24).toString('hex');
    this.tokens.set(token, appId);
    res.end(JSON.stringify({ access_token: token, expires_in: this.tokenLifetime }));
  }

  private templateSend(url: URL, req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (this.tokens.get(url.searchParams.get('access_token') ?? '') !== FAKE_OA_APPID) {
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

  private faceIdentify(url: URL, req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const reply = (body: object) => res.end(JSON.stringify(body));
      if (this.tokens.get(url.searchParams.get('access_token') ?? '') !== FAKE_APPID) {
        reply({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
        return;
      }
      const failure = this.faceFailures.shift();
      if (failure !== undefined) {
        reply({ errcode: failure, errmsg: 'injected failure' });
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, string>;
      if (url.pathname.endsWith('/getuseridkey')) {
        const userIdKey = `uik-${randomBytes(12).toString('hex')}`;
        this.faceKeys.set(userIdKey, { name: body.name, id_card_number: body.id_card_number });
        reply({ errcode: 0, errmsg: 'ok', user_id_key: userIdKey, expires_in: 7200 });
        return;
      }
      const result = this.faceResults.get(body.verify_result ?? '');
      const submitted = result && this.faceKeys.get(result.userIdKey);
      if (!result || !submitted) {
        reply({ errcode: 84003, errmsg: 'user info not exist' });
        return;
      }
      const now = Math.floor(Date.now() / 1000);
      reply({
        errcode: 0,
        errmsg: 'ok',
        identify_ret: result.identifyRet ?? 0,
        identify_time: now,
        validate_data: '1234',
        openid: result.openId ?? 'o-face-user',
        user_id_key: result.userIdKey,
        finish_time: now,
        id_card_number_md5: md5((result.idCardNumber ?? submitted.id_card_number).toUpperCase()),
        name_utf8_md5: md5(result.name ?? submitted.name),
      });
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
