import { FAKE_SMS_KEY_ID, FAKE_SMS_KEY_SECRET, FAKE_SMS_SIGN_NAME, FakeAliyunSms } from '../fakes/fake-aliyun-sms';
import { FAKE_OA_APPID, FAKE_OA_SECRET } from '../fakes/fake-wechat-api';
import { startTestAppWithWechat, WechatTestApp } from './face-flows';
import { Override, TestApp } from './test-app';

export interface Envelope<T = any> {
  code: number;
  err_msg: string;
  data?: T;
  page?: { count: number; current: number; size: number; total: number };
}

export interface V1Client {
  <T = any>(method: string, path: string, options?: { body?: unknown; query?: Record<string, unknown>; token?: string; from?: string }): Promise<Envelope<T>>;
}

/** JSON calls to the `/v1` visitor API; every answer must be HTTP 200 with the `{code, err_msg}` envelope. */
export function v1Client(t: TestApp): V1Client {
  return async (method, path, options = {}) => {
    const url = new URL(`/v1${path}`, t.baseUrl);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const response = await fetch(url, {
      method,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        // The client's address, for an app that trusts the proxy (TRUST_PROXY).
        ...(options.from ? { 'x-forwarded-for': options.from } : {}),
      },
      body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
    });
    const envelope = (await response.json()) as Envelope;
    if (response.status !== 200) throw new Error(`HTTP ${response.status} from ${method} ${path}: ${JSON.stringify(envelope)}`);
    if (typeof envelope.code !== 'number' || typeof envelope.err_msg !== 'string') throw new Error(`not an envelope: ${JSON.stringify(envelope)}`);
    return envelope;
  };
}

/** Template ids the visitor tests configure: `<kind>_<channel>_id` → `T-<kind>-<channel>`. */
export const TEST_TEMPLATES = Object.fromEntries(
  ['approval_reminder_to_employee', 'visitor_signin_to_employee', 'approval_pass_to_visitor', 'signin_to_visitor', 'binding_notice_to_employee'].flatMap((kind) =>
    ['wechat', 'sms'].map((channel) => [`${kind}_${channel}_id`, `T-${kind}-${channel}`]),
  ),
);

export const nowSeconds = (t: TestApp): number => Math.floor(t.clock.now().getTime() / 1000);

/** A valid application body: the visitor applies to 李四 for the next two hours; override any field. */
export function applicationBody(t: TestApp, fields: Record<string, unknown> = {}): Record<string, unknown> {
  const now = nowSeconds(t);
  return {
    subject_type: 1,
    name: '张三',
    phone: '13922222222',
    purpose: 2,
    come_from: 'ZY',
    proposer: '13922222222',
    interviewee: '李四',
    interviewee_phone: '13811111111',
    start_time: now - 60,
    end_time: now + 2 * 3600,
    ...fields,
  };
}

/** Adds 李四 (13811111111, 法务部) to the directory and binds `weixinUserId` to him; binds a visitor too. */
export async function seedEmployeeAndVisitor(
  v1: V1Client,
  admin: (path: string, init?: { method?: string; body?: unknown }) => Promise<{ status: number; body: any }>,
  ids = { employee: 'emp-lisi', visitor: 'vis-zhangsan' },
): Promise<number> {
  const created = await admin('/api/admin/employees', { method: 'POST', body: { name: '李四', phone: '13811111111', department: '法务部' } });
  const bound = await v1('POST', '/subject/binding', { body: { weixinUserId: ids.employee, name: '李四', phone: '13811111111' } });
  const visitor = await v1('POST', '/visitor/binding', { body: { weixinUserId: ids.visitor, phone: '13922222222' } });
  if (created.status !== 201 || bound.code !== 0 || visitor.code !== 0) throw new Error('cannot seed the employee and the visitor');
  return created.body.id;
}

export type VisitorTestApp = WechatTestApp & { sms: FakeAliyunSms };

/** The whole app with the official account pointed at the fake WeChat API and SMS at a fake Aliyun. */
export async function startVisitorTestApp(env: Record<string, string> = {}, reuseDir?: string, override?: Override): Promise<VisitorTestApp> {
  const sms = new FakeAliyunSms();
  const smsBase = await sms.start();
  const app = await startTestAppWithWechat({
    WECHAT_OA_APPID: FAKE_OA_APPID,
    WECHAT_OA_SECRET: FAKE_OA_SECRET,
    SMS_PROVIDER: 'aliyun',
    SMS_API_BASE: smsBase,
    SMS_ACCESS_KEY_ID: FAKE_SMS_KEY_ID,
    SMS_ACCESS_KEY_SECRET: FAKE_SMS_KEY_SECRET,
    SMS_SIGN_NAME: FAKE_SMS_SIGN_NAME,
    ...env,
  }, reuseDir, override);
  return {
    ...app,
    sms,
    close: async () => {
      await app.close();
      await sms.stop();
    },
  };
}
