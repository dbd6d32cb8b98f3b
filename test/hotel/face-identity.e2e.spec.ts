import { DataSource } from 'typeorm';
import { HotelClient, hotelClient, HotelTestApp, registeredAccount, startHotelTestApp } from '../support/hotel-flows';
import { sql } from '../support/test-sql';

const NAME = '王凌超';
const ID = '33108219991127089X';

describe('WeChat face identity (e2e)', () => {
  let t: HotelTestApp;
  let hotel: HotelClient;

  const call = async (path: string, body: Record<string, unknown>, token?: string): Promise<any> => {
    const url = new URL(`/api/face-identity/${path}`, t.baseUrl);
    if (token) url.searchParams.set('token', token);
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status).toBe(200);
    return response.json();
  };
  const start = (name = NAME, id_card_number = ID, token?: string) => call('user-id-key', { name, id_card_number }, token);
  const verify = (verify_result: string, token?: string) => call('verify', { verify_result }, token);

  beforeAll(async () => {
    t = await startHotelTestApp({ CAPTCHA_SMS_PER_ADDRESS_PER_HOUR: '1000' });
    hotel = hotelClient(t);
  });

  afterAll(() => t.close());

  // Each test starts in a new hour: the limit of five checks an hour per ID number counts anew.
  beforeEach(() => t.clock.advance(3_600_000));

  it('passes a check whose face WeChat confirmed for the submitted name and ID number, and stores the outcome without them', async () => {
    const key = await start();
    expect(key).toEqual({ ec: 200, em: '', user_id_key: expect.stringMatching(/^uik-/), expires_in: 7200 });
    expect(t.wechat.faceKeys.get(key.user_id_key)).toEqual({ name: NAME, id_card_number: ID });
    const result = t.wechat.faceCheck(key.user_id_key, { openId: 'o-alice' });
    expect(await verify(result)).toEqual({ ec: 200, em: '', passed: true, reason: '' });
    expect(await verify(result)).toMatchObject({ ec: 200, passed: true });
    const [row] = await sql(t.app.get(DataSource), 'SELECT open_id, passed, reason, name_sealed, id_number_sealed, verified_at FROM face_identity_check WHERE user_id_key = ?', [key.user_id_key]);
    expect(row).toMatchObject({ open_id: 'o-alice', passed: 1, reason: '', name_sealed: null, id_number_sealed: null });
    expect(row.verified_at).toBeTruthy();
  });

  it('fails a check whose face did not pass, or whose name or ID number WeChat reports differently', async () => {
    const failed = await start();
    expect(await verify(t.wechat.faceCheck(failed.user_id_key, { identifyRet: 90012 }))).toMatchObject({ ec: 200, passed: false, reason: expect.stringContaining('identify_ret 90012') });
    const otherName = await start();
    expect(await verify(t.wechat.faceCheck(otherName.user_id_key, { name: '王凌' }))).toMatchObject({ passed: false, reason: '姓名与提交的不一致' });
    const otherId = await start();
    expect(await verify(t.wechat.faceCheck(otherId.user_id_key, { idCardNumber: '440524198001010013' }))).toMatchObject({ passed: false, reason: '身份证号与提交的不一致' });
    expect(await verify('a-result-nobody-issued')).toMatchObject({ ec: 200, passed: false, reason: expect.stringContaining('84003') });
  });

  it('creates the real-name record of the account that asked, from the ID number, once the face passed', async () => {
    const token = await registeredAccount(t, hotel, '13900000021');
    const key = await start(NAME, ID.toLowerCase(), token);
    expect(await verify(t.wechat.faceCheck(key.user_id_key))).toMatchObject({ passed: true, real_name: 'created' });
    const record = await hotel('/api/realauth/', { type: 'realauth', subtype: 'get', token });
    expect(record).toMatchObject({ status: 0, data: { id: '331082********089X', name: NAME, gender: 'male', birthday: Date.UTC(1999, 10, 26, 16) / 1000 } });
    const again = await start(NAME, ID, token);
    expect(await verify(t.wechat.faceCheck(again.user_id_key), token)).toMatchObject({ passed: true, real_name: 'confirmed' });
    const other = await registeredAccount(t, hotel, '13900000022');
    const someoneElses = await start(NAME, ID, other);
    expect(await verify(t.wechat.faceCheck(someoneElses.user_id_key))).toMatchObject({ passed: true, real_name: 'left alone' });
    expect(await hotel('/api/realauth/', { type: 'realauth', subtype: 'get', token: other })).toMatchObject({ status: 100 });
  });

  it('refuses bad input, a wrong token, and says what WeChat answered when it refuses or is down', async () => {
    expect(await start(NAME, '331082199911270891')).toMatchObject({ ec: 400, em: expect.stringContaining('身份证号码格式错误') });
    expect(await start('', ID)).toMatchObject({ ec: 400 });
    expect(await call('user-id-key', { name: NAME })).toMatchObject({ ec: 400, em: expect.stringContaining('id_card_number') });
    expect(await call('verify', {})).toMatchObject({ ec: 400 });
    expect(await start(NAME, ID, 'debc454ea24827b67178482fd73f37c3')).toMatchObject({ ec: 401 });
    t.wechat.failFaceCalls(84001);
    expect(await start()).toMatchObject({ ec: 502, em: 'injected failure' });
    const key = await start();
    t.wechat.failFaceCalls(-1);
    expect(await verify(t.wechat.faceCheck(key.user_id_key))).toMatchObject({ ec: 502 });
    expect(await verify(t.wechat.faceCheck(key.user_id_key))).toMatchObject({ ec: 200, passed: true });
    expect(await fetch(`${t.baseUrl}/api/face-identity/nothing`).then((r) => r.json())).toMatchObject({ ec: 404 });
  });

  it("renews the mini-program's access token when WeChat calls it stale", async () => {
    const tokenRequests = () => t.wechat.requests.filter((url) => url.pathname === '/cgi-bin/token' && url.searchParams.get('appid') === 'wx-fake-appid').length;
    await start(NAME, '440524198001010013');
    const before = tokenRequests();
    await start(NAME, '440524198001010013');
    expect(tokenRequests()).toBe(before);
    t.wechat.revokeTokens();
    expect(await start(NAME, '440524198001010013')).toMatchObject({ ec: 200 });
    expect(tokenRequests()).toBe(before + 1);
  });

  it('reads the fields from the query string of a GET, as wx.request sends by default', async () => {
    const url = new URL('/api/face-identity/user-id-key', t.baseUrl);
    url.searchParams.set('name', NAME);
    url.searchParams.set('id_card_number', '440524198001010013');
    expect(await (await fetch(url)).json()).toMatchObject({ ec: 200, user_id_key: expect.any(String) });
  });

  it('limits checks per ID number (WeChat would otherwise tell strangers whose number it is)', async () => {
    const id = '11010519491231002X';
    for (let i = 0; i < 5; i++) expect(await start(`名字${i}`, id)).toMatchObject({ ec: 200 });
    expect(await start('名字5', id)).toMatchObject({ ec: 429, em: expect.stringContaining('this ID number') });
  });
});

describe('WeChat face identity without WECHAT_APPID (e2e)', () => {
  let t: HotelTestApp;

  beforeAll(async () => {
    t = await startHotelTestApp({ WECHAT_APPID: '', WECHAT_SECRET: '' });
  });

  afterAll(() => t.close());

  it('answers 503: not configured', async () => {
    const response = await fetch(`${t.baseUrl}/api/face-identity/user-id-key`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: NAME, id_card_number: ID }) });
    expect(await response.json()).toMatchObject({ ec: 503 });
  });
});

describe('WeChat face identity with WeChat down (e2e)', () => {
  let t: HotelTestApp;

  beforeAll(async () => {
    t = await startHotelTestApp({ WECHAT_API_BASE: 'http://127.0.0.1:9', WECHAT_TIMEOUT_MS: '500' });
  });

  afterAll(() => t.close());

  it('answers 502 and stores nothing', async () => {
    const response = await fetch(`${t.baseUrl}/api/face-identity/user-id-key`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: NAME, id_card_number: ID }) });
    expect(await response.json()).toMatchObject({ ec: 502, em: expect.stringContaining('微信服务暂不可用') });
    expect(await sql(t.app.get(DataSource), 'SELECT COUNT(*) AS n FROM face_identity_check')).toEqual([{ n: 0 }]);
  });
});
