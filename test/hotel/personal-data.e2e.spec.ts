import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAKE_SMS_KEY_ID, FAKE_SMS_KEY_SECRET, FAKE_SMS_SIGN_NAME, FakeAliyunSms } from '../fakes/fake-aliyun-sms';
import { FAKE_APPID, FAKE_SECRET, FakeWechatApi } from '../fakes/fake-wechat-api';
import { BuiltService } from '../support/built-service';
import { md5 } from '../support/hotel-flows';
import { removeTestDir } from '../support/test-database-server';

/** Valid ID numbers, each used once below in a different way; none may be found in clear afterwards. */
const STORED = '33108219991127089X';
const REFUSED = '331082199911270891';
const CHECKED_BY_GET = '440524198001010013';
const CHECKED_BY_POST = '11010519491231002X';

/**
 * Resident ID numbers are personal data: after they went through every endpoint that takes one,
 * neither the service's log nor its database files hold any of them in clear.
 */
describe('ID numbers in logs and database files (built service)', () => {
  let dir: string;
  let service: BuiltService;
  const sms = new FakeAliyunSms();
  const wechat = new FakeWechatApi();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'facegate-pii-'));
    const [smsBase, wechatBase] = await Promise.all([sms.start(), wechat.start()]);
    service = new BuiltService(dir, {
      LOG_LEVEL: 'debug',
      SMS_PROVIDER: 'aliyun',
      SMS_API_BASE: smsBase,
      SMS_ACCESS_KEY_ID: FAKE_SMS_KEY_ID,
      SMS_ACCESS_KEY_SECRET: FAKE_SMS_KEY_SECRET,
      SMS_SIGN_NAME: FAKE_SMS_SIGN_NAME,
      SMS_CAPTCHA_TEMPLATE: 'SMS_CAPTCHA',
      WECHAT_API_BASE: wechatBase,
      WECHAT_APPID: FAKE_APPID,
      WECHAT_SECRET: FAKE_SECRET,
    });
    await service.start();
  });

  afterAll(async () => {
    await service.kill();
    await Promise.all([sms.stop(), wechat.stop()]);
    await removeTestDir(dir);
  });

  it('never writes an ID number in clear', async () => {
    const post = async (path: string, body: unknown): Promise<any> =>
      (await fetch(`${service.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();
    const hotel = (path: string, type: string, subtype: string, data: unknown): Promise<any> => post(path, { id: 1, type, subtype, data });

    const captcha = await hotel('/api/captcha/', 'sms', 'generate', { phone: '13900000031', command_type: 3 });
    const hash = md5(`${sms.sent.at(-1)!.params.code}${captcha.data.rand}`);
    const { token } = (await hotel('/api/user/login/', 'login', 'sms', { username: '13900000031', hash })).data;
    const withToken = (path: string) => `${path}?token=${token}`;
    const record = { id_type: 'sfz', name: '王凌超', gender: 'male', birthday: 943632000 };
    expect(await hotel(withToken('/api/realauth/'), 'realauth', 'create', { ...record, id: REFUSED })).toMatchObject({ status: -204 });
    expect(await hotel(withToken('/api/realauth/'), 'realauth', 'create', { ...record, id: STORED })).toMatchObject({ status: 0 });
    expect(await hotel(withToken('/api/realauth/'), 'realauth', 'get', {})).toMatchObject({ status: 0 });
    expect(await hotel(withToken('/api/user/info/'), 'info', 'update', { real_auth_id: STORED })).toMatchObject({ status: 0 });
    expect(await hotel(withToken('/api/user/info/'), 'info', 'get', {})).toMatchObject({ status: 0 });

    const byGet = new URL('/api/face-identity/user-id-key', service.base);
    byGet.search = new URLSearchParams({ name: '李雷', id_card_number: CHECKED_BY_GET }).toString();
    const first: any = await (await fetch(byGet)).json();
    expect(first).toMatchObject({ ec: 200 });
    expect(await post('/api/face-identity/verify', { verify_result: wechat.faceCheck(first.user_id_key) })).toMatchObject({ ec: 200, passed: true });
    const second = await post(withToken('/api/face-identity/user-id-key'), { name: '韩梅梅', id_card_number: CHECKED_BY_POST });
    expect(await post('/api/face-identity/verify', { verify_result: wechat.faceCheck(second.user_id_key, { identifyRet: 90012 }) })).toMatchObject({ passed: false });

    await service.stop();
    const files = [service.logPath(), service.dbPath, `${service.dbPath}-wal`, `${service.dbPath}-shm`].filter(existsSync);
    const contents = files.map((file) => readFileSync(file).toString('latin1')).join('\n');
    expect(contents.length).toBeGreaterThan(10_000);
    for (const id of [STORED, REFUSED, CHECKED_BY_GET, CHECKED_BY_POST]) {
      expect(contents.includes(id)).toBe(false);
      expect(contents.includes(id.toLowerCase())).toBe(false);
    }
    expect(contents.includes(token)).toBe(false);
    const log = readFileSync(service.logPath(), 'utf8');
    expect(log).toContain('/api/face-identity/user-id-key?name=***&id_card_number=***');
    expect(log).toContain('/api/realauth/?token=***');
  }, 30_000);

  it('never writes a phone number, an openid or a token in clear, under whatever key or in whatever message', async () => {
    await service.start();
    const phone = '13912345678';
    const openId = 'oAbCdEfGhIjKlMnOpQrStUvWxYz9';
    const hotelToken = '0123456789abcdef0123456789abcdef';
    await fetch(`${service.base}/v1/wechat/is_binding?weixinUserId=${openId}&note=${phone}`);
    await fetch(`${service.base}/api/user/portrait/?user=${phone}&t=${hotelToken}`);
    await fetch(`${service.base}/v1/subject/binding`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ weixinUserId: openId, name: '不存在', phone }),
    });
    await fetch(`${service.base}/api/user/login/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 1, type: 'login', subtype: 'pass', data: { username: phone, pass: 'x' } }),
    });
    await service.stop();
    const log = readFileSync(service.logPath(), 'utf8');
    expect(log.length).toBeGreaterThan(1000);
    for (const secret of [phone, openId, hotelToken]) expect(log.includes(secret)).toBe(false);
    expect(log).toContain('139****5678');
  }, 30_000);
});
