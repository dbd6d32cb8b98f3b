import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { WechatTestApp, adminLogin, register, startTestAppWithWechat, wechatLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { ADMIN } from '../support/test-app';
import { sql } from '../support/test-sql';
import { FaceRegistrationApproved } from '../../src/events';

describe('PC review and settings (e2e)', () => {
  let t: WechatTestApp;
  let client: FormClient;
  let admin: string;
  let mini: string;

  const api = (path: string, init: RequestInit = {}, token = admin) =>
    fetch(`${t.baseUrl}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
    });

  beforeAll(async () => {
    t = await startTestAppWithWechat({ TRUST_PROXY: 'true' });
    client = new FormClient(t.baseUrl);
    admin = await adminLogin(client);
    mini = await wechatLogin(client, t.wechat, { openId: 'o-pc' });
    for (let i = 0; i < 5; i++) {
      await register(client, await wechatLogin(client, t.wechat, { openId: `o-pc-${i}` }), { name: `Person ${i}`, telNo: `1350000000${i}` });
      t.clock.advance(1000);
    }
  });

  afterAll(() => t.close());

  it('lists every registration to an administrator, newest first, with paging', async () => {
    const page1 = await client.post<any>('/SkyFaceRegister/getfaces.do', { accessToken: admin, state: -1, pageSize: 2, pageNum: 1 });
    expect(page1.result_data).toMatchObject({ currentPage: 1, pageSize: 2, totalPage: 3, totalRecord: 5 });
    expect(page1.result_data.dataList.map((r: { name: string }) => r.name)).toEqual(['Person 4', 'Person 3']);
    const page3 = await client.post<any>('/SkyFaceRegister/getfaces.do', { accessToken: admin, pageSize: 2, currentPage: 3 });
    expect(page3.result_data.dataList.map((r: { name: string }) => r.name)).toEqual(['Person 0']);
    const beyond = await client.post<any>('/SkyFaceRegister/getfaces.do', { accessToken: admin, pageSize: 2, pageNum: 9 });
    expect(beyond.result_data).toMatchObject({ currentPage: 9, totalRecord: 5, dataList: [] });
  });

  it('caps the page size and says so in the answer', async () => {
    const big = await client.post<any>('/SkyFaceRegister/getfaces.do', { accessToken: admin, pageSize: 50000 });
    expect(big.result_data.pageSize).toBe(1000);
  });

  it('finds registrations by a substring of the name or the phone number', async () => {
    const byPhone = await client.post<any>('/SkyFaceRegister/getfaces.do', { accessToken: admin, fields: '0000003' });
    expect(byPhone.result_data.dataList.map((r: { name: string }) => r.name)).toEqual(['Person 3']);
    const byShortName = await client.post<any>('/SkyFaceRegister/getfaces.do', { accessToken: admin, fields: ' 2' });
    expect(byShortName.result_data.totalRecord).toBe(1);
    const byLongName = await client.post<any>('/SkyFaceRegister/getfaces.do', { accessToken: admin, fields: 'erson' });
    expect(byLongName.result_data.totalRecord).toBe(5);
  });

  it('approves and rejects, and filters by state', async () => {
    const all = await client.post<any>('/SkyFaceRegister/getfaces.do', { accessToken: admin });
    const [a, b, c] = all.result_data.dataList.map((r: { id: number }) => r.id);
    expect(await client.post('/SkyFaceRegister/approve.do', { accessToken: admin, ids: `${a},${b}`, isPass: 1 })).toMatchObject({
      result_code: 0,
      result_data: '',
    });
    expect(await client.post('/SkyFaceRegister/approve.do', { accessToken: admin, ids: String(c), isPass: 0 })).toMatchObject({ result_code: 0 });

    const approved = await client.post<any>('/SkyFaceRegister/getfaces.do', { accessToken: admin, state: 1 });
    expect(approved.result_data.dataList.map((r: { id: number }) => r.id).sort()).toEqual([a, b].sort());
    expect(approved.result_data.totalRecord).toBe(2);
    const rejected = await client.post<any>('/SkyFaceRegister/getfaces.do', { accessToken: admin, state: 3 });
    expect(rejected.result_data.dataList.map((r: { id: number }) => r.id)).toEqual([c]);
    const pending = await client.post<any>('/SkyFaceRegister/getfaces.do', { accessToken: admin, state: 0 });
    expect(pending.result_data.totalRecord).toBe(2);

    const again = await client.post('/SkyFaceRegister/approve.do', { accessToken: admin, ids: `${a},${b}`, isPass: 1 });
    expect(again.result_code).toBe(-9);
    const partly = await client.post('/SkyFaceRegister/approve.do', { accessToken: admin, ids: `${a},${c}`, isPass: 1 });
    expect(partly).toMatchObject({ result_code: 0, result_msg: expect.stringContaining('1 of 2') });
  });

  it('approves a registration once when several reviews of it come at the same moment', async () => {
    await register(client, await wechatLogin(client, t.wechat, { openId: 'o-pc-race' }), { name: 'Race', telNo: '13500000099' });
    const [race] = (await client.post<any>('/SkyFaceRegister/getfaces.do', { accessToken: admin, fields: '13500000099' })).result_data.dataList;
    const approvals = async () =>
      (await sql(t.app.get(DataSource), 'SELECT COUNT(*) AS n FROM event_outbox WHERE event_name = ?', [FaceRegistrationApproved.eventName]))[0].n;
    const before = await approvals();
    const answers = await Promise.all(Array.from({ length: 6 }, () => client.post('/SkyFaceRegister/approve.do', { accessToken: admin, ids: String(race.id), isPass: 1 })));
    expect(answers.map((answer) => answer.result_code).sort()).toEqual([-9, -9, -9, -9, -9, 0]);
    expect(await approvals()).toBe(before + 1);
  });

  it('refuses to register a phone that is already approved (-8)', async () => {
    const token = await wechatLogin(client, t.wechat, { openId: 'o-pc-4' });
    const list = await client.post<any>('/SkyFaceRegister/getfaces.do', { accessToken: admin, fields: '13500000004' });
    await client.post('/SkyFaceRegister/approve.do', { accessToken: admin, ids: String(list.result_data.dataList[0].id), isPass: 1 });
    const again = await register(client, token, { name: 'Person 4', telNo: '13500000004' });
    expect(again.result_code).toBe(-8);
  });

  it('refuses a phone registered by another WeChat user (-8) and takes back a rejected one for review', async () => {
    const intruder = await register(client, mini, { name: 'Someone', telNo: '13500000001' });
    expect(intruder.result_code).toBe(-8);
    const pending = await client.post<any>('/SkyFaceRegister/getfaces.do', { accessToken: admin, state: 0 });
    const row = pending.result_data.dataList[0];
    await client.post('/SkyFaceRegister/approve.do', { accessToken: admin, ids: String(row.id), isPass: 0 });
    const owner = await wechatLogin(client, t.wechat, { openId: `o-pc-${row.telNo.slice(-1)}` });
    expect((await register(client, owner, { name: row.name, telNo: row.telNo })).result_code).toBe(0);
    const back = await client.post<any>('/SkyFaceRegister/getfaces.do', { accessToken: admin, fields: row.telNo });
    expect(back.result_data.dataList[0]).toMatchObject({ id: row.id, state: 0 });
  });

  it('reads and changes whether review is required', async () => {
    expect(await (await api('/api/admin/settings/review')).json()).toMatchObject({ reviewRequired: true });
    const changed = await api('/api/admin/settings/review', { method: 'PUT', body: JSON.stringify({ reviewRequired: false }) });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ reviewRequired: false, updatedBy: ADMIN.userName });

    const token = await wechatLogin(client, t.wechat, { openId: 'o-auto' });
    await register(client, token, { name: 'Auto', telNo: '13500000009' });
    const mine = await client.post<any>('/SkyFaceRegister/getfaces.do', { accessToken: token });
    expect(mine.result_data.dataList[0].state).toBe(1);

    const invalid = await api('/api/admin/settings/review', { method: 'PUT', body: JSON.stringify({ reviewRequired: 'maybe' }) });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toContain('application/problem+json');
    expect(await invalid.json()).toMatchObject({ status: 400, detail: expect.stringContaining('reviewRequired') });

    const byMini = await api('/api/admin/settings/review', {}, mini);
    expect(byMini.status).toBe(403);
    expect((await api('/api/admin/settings/review', {}, 'forged')).status).toBe(401);
    await api('/api/admin/settings/review', { method: 'PUT', body: JSON.stringify({ reviewRequired: true }) });
  });

  it('changes the password, ends the other sessions, and refuses wrong or weak passwords', async () => {
    const other = await adminLogin(client);
    const mine = await adminLogin(client);
    expect(await client.post('/SkyFaceRegister/editPassword.do', { accessToken: mine, oldPassword: 'wrong', newPassword: 'whatever1' })).toMatchObject({
      result_code: -11,
    });
    expect(await client.post('/SkyFaceRegister/editPassword.do', { accessToken: mine, oldPassword: ADMIN.password, newPassword: '123' })).toMatchObject({
      result_code: -10,
    });
    expect(await client.post('/SkyFaceRegister/editPassword.do', { accessToken: mine, oldPassword: ADMIN.password })).toMatchObject({
      result_code: -3,
    });
    expect(await client.post('/SkyFaceRegister/editPassword.do', { accessToken: mini, oldPassword: 'x', newPassword: 'yyyyyyy' })).toMatchObject({
      result_code: -1,
    });
    const changed = await client.post('/SkyFaceRegister/editPassword.do', { accessToken: mine, oldPassword: ADMIN.password, newPassword: 'new-secret-2' });
    expect(changed).toMatchObject({ result_code: 0, result_data: {} });
    expect((await client.post('/SkyFaceRegister/getfaces.do', { accessToken: other })).result_code).toBe(-1);
    expect((await client.post('/SkyFaceRegister/getfaces.do', { accessToken: mine })).result_code).toBe(0);
    expect((await client.post('/SkyFaceRegister/login.do', ADMIN)).result_code).toBe(-4);
    admin = await adminLogin(client, { userName: ADMIN.userName, password: 'new-secret-2' });
  });

  it('lets an MD5 hash of the original system log in once and upgrades it', async () => {
    const dataSource = t.app.get(DataSource);
    const md5 = createHash('md5').update('admin').digest('hex');
    await sql(dataSource, 
      `INSERT INTO admin_user (user_name, password_hash, created_at, password_changed_at) VALUES ('legacy', ?, '2020-01-01 00:00:00.000', '2020-01-01 00:00:00.000')`,
      [md5],
    );
    expect((await client.post('/SkyFaceRegister/login.do', { userName: 'legacy', password: 'wrong' })).result_code).toBe(-4);
    expect((await client.post('/SkyFaceRegister/login.do', { userName: 'legacy', password: 'admin' })).result_code).toBe(0);
    const [row] = await sql(dataSource, `SELECT password_hash FROM admin_user WHERE user_name = 'legacy'`);
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect((await client.post('/SkyFaceRegister/login.do', { userName: 'legacy', password: 'admin' })).result_code).toBe(0);
  });

  it('slows down repeated failures from one address, exponentially, without locking the user out elsewhere', async () => {
    const login = async (password: string, address: string) => {
      const response = await fetch(`${t.baseUrl}/SkyFaceRegister/login.do`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': address },
        body: new URLSearchParams({ userName: 'legacy', password }).toString(),
      });
      return (await response.json()) as { result_code: number; result_msg: string };
    };
    for (let i = 0; i < 5; i++) expect((await login(`bad-${i}`, '198.51.100.7')).result_code).toBe(-4);
    const waiting = await login('admin', '198.51.100.7');
    expect(waiting).toMatchObject({ result_code: -4, result_msg: expect.stringContaining('too many failed logins from this address; try again in 1 s') });
    expect((await login('admin', '203.0.113.9')).result_code).toBe(0);
    t.clock.advance(1000);
    expect((await login('bad-again', '198.51.100.7')).result_code).toBe(-4);
    expect((await login('admin', '198.51.100.7')).result_msg).toContain('try again in 2 s');
    t.clock.advance(2000);
    expect((await login('admin', '198.51.100.7')).result_code).toBe(0);
  });

  it('counts wrong old passwords of a password change against the login throttle, on both the .do route and REST', async () => {
    await sql(t.app.get(DataSource), `INSERT INTO admin_user (user_name, password_hash, role, created_at, password_changed_at) VALUES ('guessed', ?, 'reviewer', '2020-01-01 00:00:00.000', '2020-01-01 00:00:00.000')`, [
      createHash('md5').update('right-one').digest('hex'),
    ]);
    const from = (address: string) => ({ 'x-forwarded-for': address });
    const loginFrom = async (password: string, address: string) =>
      (await (await fetch(`${t.baseUrl}/SkyFaceRegister/login.do`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...from(address) }, body: new URLSearchParams({ userName: 'guessed', password }) })).json()) as {
        result_code: number;
        result_data: { accessToken: string };
      };
    const token = (await loginFrom('right-one', '198.51.100.20')).result_data.accessToken;
    const editPassword = async (oldPassword: string, address: string) =>
      (await (await fetch(`${t.baseUrl}/SkyFaceRegister/editPassword.do`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...from(address) }, body: new URLSearchParams({ accessToken: token, oldPassword, newPassword: 'next-secret-9' }) })).json()) as { result_code: number; result_msg: string };
    const rest = (oldPassword: string, address: string) =>
      fetch(`${t.baseUrl}/api/admin/accounts/me/password`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...from(address) }, body: JSON.stringify({ oldPassword, newPassword: 'next-secret-9' }) });

    const codes: number[] = [];
    for (let i = 0; i < 3; i++) codes.push((await editPassword(`guess-${i}`, '198.51.100.21')).result_code);
    for (let i = 0; i < 2; i++) codes.push((await rest(`guess-rest-${i}`, '198.51.100.21')).status);
    expect(codes).toEqual([-11, -11, -11, 403, 403]);
    // The sixth try waits, even with the right password, and so does a login of that user from that address.
    expect(await editPassword('right-one', '198.51.100.21')).toMatchObject({ result_code: -10, result_msg: expect.stringContaining('too many wrong passwords from this address; try again in 1 s') });
    const throttled = await rest('right-one', '198.51.100.21');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('1');
    expect((await loginFrom('right-one', '198.51.100.21')).result_code).toBe(-4);
    // Thirty guesses in a row get nowhere: the wait doubles with each one after it.
    t.clock.advance(1000);
    expect((await editPassword('guess-6', '198.51.100.21')).result_code).toBe(-11);
    const refused: number[] = [];
    for (let i = 0; i < 30; i++) refused.push((await editPassword(`guess-many-${i}`, '198.51.100.21')).result_code);
    expect(refused.every((code) => code === -10)).toBe(true);
    // Another address is not slowed, and the right password still works there.
    expect((await rest('right-one', '203.0.113.21')).status).toBe(204);
  });
});
