import { DataSource } from 'typeorm';
import { adminLogin, register, startTestAppWithWechat, WechatTestApp, wechatLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { AdminApi, adminApi } from '../support/gateway-flows';
import { ADMIN } from '../support/test-app';
import { sql } from '../support/test-sql';

describe('the audit log (e2e)', () => {
  let t: WechatTestApp;
  let admin: AdminApi;
  let client: FormClient;
  const entries = async (query = '') => (await admin(`/api/admin/audit?size=200${query}`)).body.items as Record<string, string>[];

  beforeAll(async () => {
    t = await startTestAppWithWechat();
    client = new FormClient(t.baseUrl);
  });
  afterAll(() => t.close());

  it('records logins, failed ones too, with the name tried and the address', async () => {
    expect((await client.post('/SkyFaceRegister/login.do', { userName: ADMIN.userName, password: 'wrong' })).result_code).toBe(-4);
    admin = adminApi(t, await adminLogin(client));
    const logins = (await entries('&action=login.do')).map((e) => [e.actor, e.outcome.split(':')[0], e.address]);
    expect(logins).toEqual([
      [ADMIN.userName, 'ok', '127.0.0.1'],
      [ADMIN.userName, 'refused', '127.0.0.1'],
    ]);
  });

  it('records every change an administrator makes, refused ones too, with the record it was about', async () => {
    const created = await admin('/api/admin/employees', { method: 'POST', body: { name: '审计', phone: '13800000321', department: 'x' } });
    await admin('/api/admin/employees', { method: 'POST', body: { name: '', phone: 'bad' } });
    await admin(`/api/admin/employees/${created.body.id}`, { method: 'DELETE' });
    await admin('/api/admin/employees');
    const token = await wechatLogin(client, t.wechat, { openId: 'o-audit' });
    await register(client, token, { name: '被审计', telNo: '13900000321' });
    const changes = (await entries('&action=employees')).map((e) => [e.action, e.target, e.outcome.split(':')[0]]);
    expect(changes).toEqual([
      ['DELETE /api/admin/employees/:id', `id=${created.body.id}`, 'ok'],
      ['POST /api/admin/employees', null, 'refused'],
      ['POST /api/admin/employees', null, 'ok'],
    ]);
    expect((await entries()).some((e) => e.action.includes('register.do'))).toBe(false);
  });

  it('records every read of a face photo through the admin API, and the .do protocol by its result code', async () => {
    const [registration] = await sql(t.app.get(DataSource), `SELECT id FROM face_registration WHERE tel_no = '13900000321'`);
    const desktopTool = await adminLogin(client);
    await admin(`/api/admin/registrations/${registration.id}`);
    await client.post('/SkyFaceRegister/approve.do', { accessToken: desktopTool, ids: '999999', isPass: 1 });
    const [approve, read] = await entries();
    expect(read).toMatchObject({ actor: ADMIN.userName, action: 'read face photo: GET /api/admin/registrations/:id', target: `id=${registration.id}`, outcome: 'ok' });
    expect(approve).toMatchObject({ action: 'POST /SkyFaceRegister/approve.do', outcome: expect.stringMatching(/^refused: no registration changed/) });
  });

  it('cannot be changed or deleted, even from inside', async () => {
    const db = t.app.get(DataSource);
    await expect(sql(db, `UPDATE audit_log SET actor = 'nobody'`)).rejects.toThrow(/append-only/);
    await expect(sql(db, 'DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    expect((await admin('/api/admin/audit?actor=nobody')).body.total).toBe(0);
    expect((await fetch(`${t.baseUrl}/api/admin/audit`)).status).toBe(401);
  });
});
