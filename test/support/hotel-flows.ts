import { createHash } from 'node:crypto';
import { ImageCaptchaRenderer } from '../../src/wechat-auth/captcha/image-captcha.renderer';
import { FAKE_SMS_KEY_ID, FAKE_SMS_KEY_SECRET, FAKE_SMS_SIGN_NAME, FakeAliyunSms } from '../fakes/fake-aliyun-sms';
import { FAKE_AMAP_KEY, FakeAmap } from '../fakes/fake-amap';
import { FAKE_APPID, FAKE_SECRET, FakeWechatApi } from '../fakes/fake-wechat-api';
import { startTestApp, TestApp } from './test-app';

export const CAPTCHA_TEMPLATE = 'SMS_CAPTCHA_1';

/** What the hotel API answers: `{id, status, message, data}`, always HTTP 200. */
export interface HotelAnswer<T = any> {
  id: number | null;
  status: number;
  message: string;
  data: T;
}

export interface HotelClient {
  /** POSTs `{id, type, subtype, data}` (or `body` as it is) to `path`, with `?token=`. */
  <T = any>(path: string, request: { type?: string; subtype?: string; data?: unknown; id?: number; token?: string; body?: string; contentType?: string }): Promise<HotelAnswer<T>>;
}

/** The real renderer, remembering each code it drew (the test reads what a person would read off the picture). */
export class RememberingCaptchaRenderer extends ImageCaptchaRenderer {
  readonly codes: string[] = [];

  override async render() {
    const rendered = await super.render();
    this.codes.push(rendered.code);
    return rendered;
  }
}

export type HotelTestApp = TestApp & { sms: FakeAliyunSms; wechat: FakeWechatApi; amap: FakeAmap; renderer: RememberingCaptchaRenderer };

/** The whole app with the fake Aliyun SMS, WeChat API and AMap, the captcha renderer remembering its codes. */
export async function startHotelTestApp(env: Record<string, string> = {}): Promise<HotelTestApp> {
  const sms = new FakeAliyunSms();
  const wechat = new FakeWechatApi();
  const amap = new FakeAmap();
  const renderer = new RememberingCaptchaRenderer();
  const [smsBase, wechatBase, amapBase] = await Promise.all([sms.start(), wechat.start(), amap.start()]);
  const app = await startTestApp(
    {
      SMS_PROVIDER: 'aliyun',
      SMS_API_BASE: smsBase,
      SMS_ACCESS_KEY_ID: FAKE_SMS_KEY_ID,
      SMS_ACCESS_KEY_SECRET: FAKE_SMS_KEY_SECRET,
      SMS_SIGN_NAME: FAKE_SMS_SIGN_NAME,
      SMS_CAPTCHA_TEMPLATE: CAPTCHA_TEMPLATE,
      WECHAT_API_BASE: wechatBase,
      WECHAT_APPID: FAKE_APPID,
      WECHAT_SECRET: FAKE_SECRET,
      AMAP_API_BASE: amapBase,
      AMAP_KEY: FAKE_AMAP_KEY,
      ...env,
    },
    undefined,
    (builder) => builder.overrideProvider(ImageCaptchaRenderer).useValue(renderer),
  );
  sms.now = () => app.clock.now().getTime();
  return {
    ...app,
    sms,
    wechat,
    amap,
    renderer,
    close: async () => {
      await app.close();
      await Promise.all([sms.stop(), wechat.stop(), amap.stop()]);
    },
  };
}

export function hotelClient(t: TestApp): HotelClient {
  return async (path, request) => {
    const url = new URL(path, t.baseUrl);
    if (request.token !== undefined) url.searchParams.set('token', request.token);
    const body = request.body ?? JSON.stringify({ id: request.id ?? 1, type: request.type, subtype: request.subtype, data: request.data ?? {} });
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': request.contentType ?? 'application/json' }, body });
    const answer = (await response.json()) as HotelAnswer;
    if (response.status !== 200) throw new Error(`HTTP ${response.status} from ${path}: ${JSON.stringify(answer)}`);
    if (!('status' in answer) || !('message' in answer) || !('data' in answer) || !('id' in answer)) throw new Error(`not the hotel envelope: ${JSON.stringify(answer)}`);
    return answer;
  };
}

export const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** Asks for an SMS captcha and reads the code the fake SMS provider received; returns the hash to send. */
export async function smsCaptcha(t: HotelTestApp, hotel: HotelClient, phone: string, commandType: number): Promise<string> {
  const sent = t.sms.sent.length;
  const answer = await hotel('/api/captcha/', { type: 'sms', subtype: 'generate', data: { phone, command_type: commandType } });
  if (answer.status !== 0) throw new Error(`sms captcha: ${JSON.stringify(answer)}`);
  const message = t.sms.sent[sent];
  return md5(`${message.params.code}${answer.data.rand}`);
}

/** Registers `phone` with `password`, and logs in; returns the token. */
export async function registeredAccount(t: HotelTestApp, hotel: HotelClient, phone: string, password = 'secret-1'): Promise<string> {
  const hash = await smsCaptcha(t, hotel, phone, 1);
  const registered = await hotel('/api/user/register/', { type: 'register', subtype: 'phone', data: { username: phone, hash, pass: password } });
  if (registered.status !== 0) throw new Error(`register: ${JSON.stringify(registered)}`);
  const login = await hotel('/api/user/login/', { type: 'login', subtype: 'pass', data: { username: phone, pass: password } });
  if (login.status !== 0) throw new Error(`login: ${JSON.stringify(login)}`);
  return login.data.token;
}
