import { DataSource } from 'typeorm';
import { HotelPurgeJob } from '../../src/wechat-auth/hotel-accounts/hotel-purge.job';
import { adminLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { AdminApi, adminApi } from '../support/gateway-flows';
import { HotelClient, hotelClient, HotelTestApp, registeredAccount, smsCaptcha, startHotelTestApp } from '../support/hotel-flows';
import { jpegPhoto, pngPhoto } from '../support/images';
import { sql } from '../support/test-sql';

describe('hotel accounts and tokens (e2e)', () => {
  let t: HotelTestApp;
  let hotel: HotelClient;
  /** Logs in for each call: the tests move the clock past the admin token's hour. */
  const admin: AdminApi = async (path, init) => adminApi(t, await adminLogin(new FormClient(t.baseUrl)))(path, init);

  const doki = (token: string) => hotel('/api/user/doki/', { token, body: '{}' });
  const info = (token: string, data: Record<string, unknown> = {}) => hotel('/api/user/info/', { type: 'info', subtype: 'get', data, token });
  const update = (token: string, data: Record<string, unknown>) => hotel('/api/user/info/', { type: 'info', subtype: 'update', data, token });
  const loginPass = (username: string, pass: string, enduring?: number) =>
    hotel('/api/user/login/', { type: 'login', subtype: 'pass', data: { username, pass, ...(enduring === undefined ? {} : { enduring }) } });

  beforeAll(async () => {
    t = await startHotelTestApp({ CAPTCHA_SMS_PER_ADDRESS_PER_HOUR: '1000' });
    hotel = hotelClient(t);
  });

  afterAll(() => t.close());

  it('registers by SMS captcha, logs in by password, and reads and changes the own info', async () => {
    const token = await registeredAccount(t, hotel, '13700000001', 'wlc570Q0');
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(t.sms.sent.at(-1)).toMatchObject({ phone: '13700000001', templateCode: 'SMS_CAPTCHA_1', params: { code: expect.stringMatching(/^\d{5}$/) } });
    expect(await doki(token)).toMatchObject({ status: 0 });
    const own = await fetch(`${t.baseUrl}/api/user/info/?token=${token}`);
    expect(await own.json()).toMatchObject({ id: null, status: 0, data: { username: '13700000001', phone: '13700000001', nickname: null, email: null, ID: null } });
    expect(await update(token, { nickname: 'FatBallFish', email: '893721708@qq.com', phone: '13700000001' })).toMatchObject({ status: 0 });
    expect((await info(token)).data).toMatchObject({ nickname: 'FatBallFish', email: '893721708@qq.com' });
    expect(await update(token, { nickname: null })).toMatchObject({ status: 0 });
    expect((await info(token)).data.nickname).toBeNull();
    expect(await update(token, { phone: '13700000002' })).toMatchObject({ status: 101 });
  });

  it('refuses a second registration of a phone (100) and a wrong or missing captcha hash (-4)', async () => {
    await registeredAccount(t, hotel, '13700000003');
    t.clock.advance(61_000);
    const hash = await smsCaptcha(t, hotel, '13700000003', 1);
    expect(await hotel('/api/user/register/', { type: 'register', subtype: 'phone', data: { username: '13700000003', hash, pass: 'x' } })).toMatchObject({
      status: 100,
      message: expect.stringContaining('Create User Failed'),
    });
    expect(await hotel('/api/user/register/', { type: 'register', subtype: 'phone', data: { username: '13700000004', hash, pass: 'x' } })).toMatchObject({ status: -4 });
  });

  it('logs in by SMS, creating the account the first time (login_type create, then login); such an account has no password (101)', async () => {
    const first = await hotel('/api/user/login/', { type: 'login', subtype: 'sms', data: { username: '13700000005', hash: await smsCaptcha(t, hotel, '13700000005', 3) } });
    expect(first).toMatchObject({ status: 0, data: { token: expect.stringMatching(/^[0-9a-f]{32}$/), login_type: 'create' } });
    t.clock.advance(61_000);
    const again = await hotel('/api/user/login/', { type: 'login', subtype: 'sms', data: { username: '13700000005', hash: await smsCaptcha(t, hotel, '13700000005', 3) } });
    expect(again).toMatchObject({ status: 0, data: { login_type: 'login' } });
    expect(await loginPass('13700000005', 'anything')).toMatchObject({ status: 101 });
  });

  it('answers a wrong password with 102, an unknown user with 100, and slows this address down after five failures', async () => {
    await registeredAccount(t, hotel, '13700000006', 'right-pass');
    expect(await loginPass('13700000099', 'x')).toMatchObject({ status: 100 });
    for (let i = 0; i < 5; i++) expect(await loginPass('13700000006', 'wrong')).toMatchObject({ status: 102, message: expect.stringContaining('Error password') });
    expect(await loginPass('13700000006', 'right-pass')).toMatchObject({ status: 102, message: expect.stringContaining('too many failed logins from this address; try again in 1 s') });
    t.clock.advance(1000);
    expect(await loginPass('13700000006', 'right-pass')).toMatchObject({ status: 0 });
  });

  it('keeps a normal token alive ten minutes past its last use, an enduring one for good', async () => {
    await registeredAccount(t, hotel, '13700000007', 'p-007');
    const normal = (await loginPass('13700000007', 'p-007')).data.token;
    const enduring = (await loginPass('13700000007', 'p-007', 1)).data.token;
    t.clock.advance(9 * 60_000);
    expect(await doki(normal)).toMatchObject({ status: 0 });
    t.clock.advance(9 * 60_000);
    expect(await doki(normal)).toMatchObject({ status: 0 });
    t.clock.advance(10 * 60_000 + 1000);
    expect(await doki(normal)).toMatchObject({ status: -101 });
    t.clock.advance(30 * 24 * 3600_000);
    expect(await doki(enduring)).toMatchObject({ status: 0 });
    const database = t.app.get(DataSource);
    const live = async () => Number((await sql(database, 'SELECT COUNT(*) AS n FROM hotel_token WHERE expires_at IS NOT NULL'))[0].n);
    expect(await live()).toBeGreaterThan(0);
    await t.app.get(HotelPurgeJob).purge();
    expect(await live()).toBe(0);
    expect(await doki(enduring)).toMatchObject({ status: 0 });
  });

  it('holds at most ten tokens per account: the eleventh pushes out the oldest', async () => {
    await registeredAccount(t, hotel, '13700000008', 'p-008');
    const tokens: string[] = [];
    for (let i = 0; i < 11; i++) tokens.push((await loginPass('13700000008', 'p-008', 1)).data.token);
    expect(await doki(tokens[0])).toMatchObject({ status: -101 });
    for (const token of tokens.slice(1)) expect(await doki(token)).toMatchObject({ status: 0 });
  });

  it('stores tokens only as hashes, and answers -102 for a token whose account is gone', async () => {
    const token = await registeredAccount(t, hotel, '13700000009', 'p-009');
    const database = t.app.get(DataSource);
    const rows: { token_hash: string }[] = await sql(database, 'SELECT token_hash FROM hotel_token');
    expect(rows.some((row) => row.token_hash === token)).toBe(false);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.token_hash))).toBe(true);
    await sql(database, "DELETE FROM hotel_account WHERE username = '13700000009'");
    expect(await doki(token)).toMatchObject({ status: -102 });
  });

  it('sets a forgotten password by SMS and changes it with the old one; both log the account out everywhere', async () => {
    const first = await registeredAccount(t, hotel, '13700000010', 'old-pass');
    t.clock.advance(61_000);
    const forgot = await smsCaptcha(t, hotel, '13700000010', 2);
    expect(await hotel('/api/user/password/', { type: 'password', subtype: 'forget', data: { username: '13700000010', hash: forgot, pass: 'new-pass' } })).toMatchObject({ status: 0 });
    expect(await doki(first)).toMatchObject({ status: -101 });
    const second = (await loginPass('13700000010', 'new-pass')).data.token;
    const change = (data: Record<string, string>) => hotel('/api/user/password/', { type: 'password', subtype: 'change', data: { username: '13700000010', ...data } });
    expect(await change({ old_pass: 'wrong', new_pass: 'x' })).toMatchObject({ status: 102 });
    expect(await change({ old_pass: 'new-pass', new_pass: '13700000010' })).toMatchObject({ status: 103 });
    expect(await change({ old_pass: 'new-pass', new_pass: 'newer-pass' })).toMatchObject({ status: 0 });
    expect(await doki(second)).toMatchObject({ status: -101 });
    expect(await loginPass('13700000010', 'newer-pass')).toMatchObject({ status: 0 });
    expect(await hotel('/api/user/password/', { type: 'password', subtype: 'change', data: { username: '13700000098', old_pass: 'a', new_pass: 'b' } })).toMatchObject({ status: 100 });
  });

  it("lets only hotel administrators read or change another account's info", async () => {
    const alice = await registeredAccount(t, hotel, '13700000011');
    const bob = await registeredAccount(t, hotel, '13700000012');
    expect(await info(bob, { username: '13700000011' })).toMatchObject({ status: -103 });
    expect(await update(bob, { username: '13700000011', nickname: 'hijacked' })).toMatchObject({ status: 102 });
    expect((await admin('/api/admin/hotel-accounts/13700000012/role', { method: 'PUT', body: { role: 'admin' } })).status).toBe(200);
    expect(await info(bob, { username: '13700000011' })).toMatchObject({ status: 0, data: { username: '13700000011' } });
    expect(await update(bob, { username: '13700000011', nickname: 'set by admin' })).toMatchObject({ status: 0 });
    expect((await info(alice)).data.nickname).toBe('set by admin');
    expect(await info(bob, { username: '13700000097' })).toMatchObject({ status: 100 });
  });

  it('lists, searches and sets the role of accounts for FaceGate administrators only', async () => {
    await registeredAccount(t, hotel, '13700000013');
    const page = (await admin('/api/admin/hotel-accounts?search=0000013')).body;
    expect(page).toMatchObject({ total: 1, items: [{ username: '13700000013', role: 'user', hasPassword: true, realNameBound: false }] });
    expect((await admin('/api/admin/hotel-accounts?role=admin')).body.items.map((a: { username: string }) => a.username)).toContain('13700000012');
    expect((await admin('/api/admin/hotel-accounts/13700000096/role', { method: 'PUT', body: { role: 'admin' } })).status).toBe(404);
    expect((await admin('/api/admin/hotel-accounts/13700000013/role', { method: 'PUT', body: { role: 'root' } })).status).toBe(400);
    expect((await admin('/api/admin/hotel-accounts?search=%25')).body.total).toBe(0);
    expect((await fetch(`${t.baseUrl}/api/admin/hotel-accounts`)).status).toBe(401);
  });

  it('uploads a portrait (with or without a data-URL prefix) and serves it, the default one, or the error picture', async () => {
    const token = await registeredAccount(t, hotel, '13700000014');
    const portrait = async (username?: string) => {
      const response = await fetch(`${t.baseUrl}/api/user/portrait/${username === undefined ? '' : `?username=${username}`}`);
      return { kind: response.headers.get('x-portrait'), type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
    };
    expect(await portrait('13700000014')).toMatchObject({ kind: 'default', type: 'image/jpeg' });
    expect(await portrait('13700000095')).toMatchObject({ kind: 'error', type: 'image/jpeg' });
    expect(await portrait()).toMatchObject({ kind: 'error' });
    const png = `data:image/png;base64,${(await pngPhoto(200, 200)).toString('base64')}`;
    const upload = (base64: string) => hotel('/api/user/portrait/', { type: 'portrait', subtype: 'upload', data: { base64 }, token });
    expect(await upload(png)).toMatchObject({ status: 0, data: { url: '/api/user/portrait/?username=13700000014' } });
    const uploaded = await portrait('13700000014');
    expect(uploaded.kind).toBe('uploaded');
    expect(uploaded.bytes.subarray(0, 3).toString('hex')).toBe('ffd8ff');
    expect(await upload(`image/jpg;base64,${(await jpegPhoto()).toString('base64')}`)).toMatchObject({ status: 0 });
    expect(await upload('not base64 !!!')).toMatchObject({ status: 100 });
    expect(await upload(Buffer.from('GIF89a but not really').toString('base64'))).toMatchObject({ status: 100 });
  });
});

describe('hotel routes without a token, flooded (e2e)', () => {
  let t: HotelTestApp;
  let hotel: HotelClient;

  beforeAll(async () => {
    t = await startHotelTestApp();
    hotel = hotelClient(t);
  });

  afterAll(() => t.close());

  it('stops an address that keeps asking for accounts that do not exist (harvesting phone numbers)', async () => {
    const login = (n: number) => hotel('/api/user/login/', { type: 'login', subtype: 'pass', data: { username: `1390${String(n).padStart(7, '0')}`, pass: 'guess' } });
    for (let n = 0; n < 100; n++) expect(await login(n)).toMatchObject({ status: 100 });
    expect(await login(100)).toMatchObject({ status: -204, message: expect.stringContaining('too many failed logins from this address') });
  });

  it('serves at most 300 portraits a minute to an address', async () => {
    const statuses: unknown[] = [];
    for (let n = 0; n < 301; n++) {
      const response = await fetch(`${t.baseUrl}/api/user/portrait/?username=1390${String(n).padStart(7, '0')}`);
      statuses.push(response.headers.get('x-portrait') ?? ((await response.json()) as { status: string }).status);
    }
    expect(statuses.slice(0, 300).every((s) => s === 'error')).toBe(true);
    expect(statuses[300]).toBe(-204);
  });

  it('limits district look-ups per address', async () => {
    let last: any;
    for (let n = 0; n < 121; n++) last = await (await fetch(`${t.baseUrl}/api/map/district/?keywords=${n}`)).json();
    expect(last).toMatchObject({ status: -204, message: expect.stringContaining('district') });
  });
});
