import { DataSource } from 'typeorm';
import { NotificationWorker } from '../../src/visitor-appointment/notifications/notification-worker.service';
import { TerminalSimulator } from '../fakes/terminal-simulator';
import { adminLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { AdminApi, addTerminal, adminApi, settle } from '../support/gateway-flows';
import { pngPhoto } from '../support/images';
import { startTestApp, TestApp } from '../support/test-app';
import { applicationBody, nowSeconds, seedEmployeeAndVisitor, TEST_TEMPLATES, V1Client, v1Client } from '../support/visitor-flows';
import { sql } from '../support/test-sql';

describe('visitor applications: validation, invitations, records, deletion (e2e)', () => {
  let t: TestApp;
  let v1: V1Client;
  let admin: AdminApi;
  let adminToken: string;
  let sim: TerminalSimulator;

  const count = async (table: string) => Number((await sql(t.app.get(DataSource), `SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const apply = (fields: Record<string, unknown> = {}) => v1('POST', '/subject', { body: applicationBody(t, fields) });

  beforeAll(async () => {
    t = await startTestApp();
    v1 = v1Client(t);
    adminToken = await adminLogin(new FormClient(t.baseUrl));
    admin = adminApi(t, adminToken);
    sim = await new TerminalSimulator({ password: 'gate-pw', now: () => t.clock.now().getTime() }).start();
    await addTerminal(admin, sim, 'Gate');
    await seedEmployeeAndVisitor(v1, admin);
  });

  afterAll(async () => {
    await t.close();
    await sim.stop();
  });

  it('rejects bad applications with a clear code and stores nothing', async () => {
    const now = nowSeconds(t);
    const cases: [Record<string, unknown>, number, string][] = [
      [{ end_time: now - 120 }, 400, 'end_time must be after start_time'],
      [{ start_time: now - 3600, end_time: now + 3600 }, 400, 'start_time is in the past'],
      [{ start_time: String(now), end_time: 'tomorrow' }, 400, 'start_time'],
      [{ start_time: (now + 60) * 1000, end_time: (now + 120) * 1000 }, 400, 'start_time'],
      [{ start_time: 1.5 }, 400, 'start_time'],
      [{ phone: '1392222222' }, 400, 'phone'],
      [{ interviewee_phone: '+8613811111111' }, 400, 'interviewee_phone'],
      [{ purpose: 5 }, 400, 'purpose: must be 0 to 4'],
      [{ subject_type: 2 }, 400, 'subject_type'],
      [{ name: '' }, 400, 'name'],
      [{ retinues: [{ name: '王某', phone: 'abc' }] }, 400, 'retinues.0.phone'],
      [{ retinues: 'everyone' }, 400, 'retinues'],
      [{ photo: 'not base64 at all!' }, 400, 'photo is not base64'],
      [{ photo: Buffer.from('plain text').toString('base64') }, 400, 'photo'],
      [{ interviewee: '李五' }, 404, 'the interviewee is not in the employee directory'],
      [{ weixinUserId: 'emp-lisi' }, 403, "proposer is not this WeChat user's phone"],
    ];
    for (const [fields, code, message] of cases) {
      const answer = await apply(fields);
      expect({ fields, code: answer.code }).toEqual({ fields, code });
      expect(answer.err_msg).toContain(message);
    }
    expect((await v1('POST', '/subject', { body: '{"subject_type":1,' })).code).toBe(400);
    const oversized = await apply({ photo: 'A'.repeat(13 * 1024 * 1024) });
    expect(oversized.code).toBe(400);
    expect(oversized.err_msg).toContain('too large');
    const bigPhoto = await apply({ retinues: [{ name: '王某', phone: '13933333333', photo: Buffer.alloc(6 * 1024 * 1024, 1).toString('base64') }] });
    expect(bigPhoto.code).toBe(400);
    expect(bigPhoto.err_msg).toContain('retinues[0].photo is larger than');
    expect(await count('visit_application')).toBe(0);
    expect(await count('visit_person')).toBe(0);
    expect(await count('notification WHERE application_id IS NOT NULL')).toBe(0);
  });

  it("authorises an employee's invitation at once", async () => {
    const answer = await apply({ proposer: '13811111111', weixinUserId: 'emp-lisi', name: '访客甲', phone: '13966666666' });
    expect(answer.code).toBe(0);
    expect(answer.data.is_auth).toBe(1);
    const asVisitor = await apply({ name: '访客乙' });
    expect(asVisitor.data.is_auth).toBe(0);
  });

  it('lists records with every filter and the page object, newest first', async () => {
    const now = nowSeconds(t);
    for (let i = 0; i < 7; i++) {
      const answer = await apply({ name: `批量访客${i}`, start_time: now + i * 3600, end_time: now + i * 3600 + 1800, retinues: [{ name: `随行${i}`, phone: '13977777777' }] });
      expect(answer.code).toBe(0);
    }
    const all = await v1('GET', '/visit/records', { query: { type: 'web' }, token: adminToken });
    expect(all.page).toEqual({ count: 9, current: 1, size: 5, total: 2 });
    const ids = all.data.map((r: any) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(all.data[0]).toMatchObject({ name: '批量访客6', signin_time: 0, qrcode: '', qrcode_img_url: '', retinues: [{ name: '随行6', qrcode: '' }] });

    const second = await v1('GET', '/visit/records', { query: { type: 'web', page: 2 }, token: adminToken });
    expect(second.page).toEqual({ count: 9, current: 2, size: 5, total: 2 });
    expect(second.data).toHaveLength(4);

    const web = (query: Record<string, unknown>) => v1('GET', '/visit/records', { query: { type: 'web', size: 100, ...query }, token: adminToken });
    expect((await web({ name: '批量访客' })).page!.count).toBe(7);
    expect((await web({ name: '访客' })).page!.count).toBe(9);
    expect((await web({ name: '客3' })).data.map((r: any) => r.name)).toEqual(['批量访客3']);
    expect((await web({ name: '100%_' })).page!.count).toBe(0);
    expect((await web({ interviewee: '李' })).page!.count).toBe(9);
    expect((await web({ interviewee: '韩梅梅' })).page!.count).toBe(0);
    expect((await web({ phone: '13966666666' })).data.map((r: any) => r.name)).toEqual(['访客甲']);
    expect((await web({ interviewee_phone: '13811111111', is_auth: 1 })).data.map((r: any) => r.name)).toEqual(['访客甲']);
    expect((await web({ is_auth: 0 })).page!.count).toBe(8);
    expect((await web({ start_time: now + 4 * 3600 })).data.map((r: any) => r.name)).toEqual(['批量访客6', '批量访客5', '批量访客4']);
    expect((await web({ end_time: now + 3600 + 1800 })).data.map((r: any) => r.name)).toEqual(['批量访客1', '批量访客0']);
    expect((await web({ proposer: '13811111111' })).data.map((r: any) => r.name)).toEqual(['访客甲']);

    const mobile = await v1('GET', '/visit/records', { query: { type: 'mobile', proposer: '13922222222', name: '批量', size: 3, page: 3 } });
    expect(mobile.page).toEqual({ count: 7, current: 3, size: 3, total: 3 });
    expect(mobile.data.map((r: any) => r.name)).toEqual(['批量访客0']);
  });

  it('refuses bad record queries, and web queries without the admin token', async () => {
    expect((await v1('GET', '/visit/records', { query: { type: 'web' } })).code).toBe(401);
    expect((await v1('GET', '/visit/records', { query: { type: 'web' }, token: 'forged.token.here' })).code).toBe(401);
    expect((await v1('GET', '/visit/records', { query: { type: 'mobile' } })).err_msg).toContain('proposer: is required when type is mobile');
    expect((await v1('GET', '/visit/records', {})).code).toBe(400);
    expect((await v1('GET', '/visit/records', { query: { type: 'tablet', proposer: '13922222222' } })).code).toBe(400);
    for (const bad of [{ page: 0 }, { size: 101 }, { is_auth: 2 }, { start_time: 'soon' }, { page: 'x' }]) {
      expect((await v1('GET', '/visit/records', { query: { type: 'mobile', proposer: '13922222222', ...bad } })).code).toBe(400);
    }
    expect((await v1('GET', '/auth/records')).code).toBe(401);
    expect((await v1('GET', '/auth/records', { token: adminToken })).page!.count).toBe(9);
    expect((await v1('GET', '/auth/records', { query: { phone: '12345' } })).code).toBe(400);
  });

  it('deletes a record (admin only) and takes its signed-in visitors off the terminal', async () => {
    const now = nowSeconds(t);
    const created = await apply({ proposer: '13811111111', name: '删除测试', phone: '13988888888', start_time: now - 30, end_time: now + 600, retinues: [{ name: '随行', phone: '13988889999' }] });
    const id = created.data.id;
    expect((await v1('POST', '/visit/signin', { body: { phone: '13988889999' } })).code).toBe(0);
    await settle(t);
    expect([...sim.users.values()].filter((u) => u.userType === 2).map((u) => u.mobile).sort()).toEqual(['13988888888', '13988889999']);

    expect((await v1('DELETE', `/visit/records/${id}`)).code).toBe(401);
    expect((await v1('DELETE', `/visit/records/${id}`, { token: adminToken })).code).toBe(0);
    expect((await v1('DELETE', `/visit/records/${id}`, { token: adminToken })).code).toBe(404);
    expect((await v1('DELETE', '/visit/records/abc', { token: adminToken })).code).toBe(400);
    await settle(t);
    expect([...sim.users.values()].filter((u) => u.userType === 2)).toEqual([]);
    expect((await v1('GET', '/visit/records', { query: { type: 'web', phone: '13988888888' }, token: adminToken })).page!.count).toBe(0);
  });

  it('signs in only authorised visits of today, and tells why not', async () => {
    expect((await v1('POST', '/visit/signin', { body: { phone: '13900000000' } })).err_msg).toContain('no authorised visit for this phone today');
    expect((await v1('POST', '/visit/signin', { body: { phone: '13977777777' } })).err_msg).toContain("waiting for the interviewee's authorisation");
    expect((await v1('POST', '/visit/signin', { body: { phone: 'abc' } })).code).toBe(400);
  });

  it("takes visitors' photos as base64 and puts them on the terminal with the person", async () => {
    const now = nowSeconds(t);
    const photo = (await pngPhoto()).toString('base64');
    const created = await apply({
      proposer: '13811111111',
      name: '带照片',
      phone: '13913131313',
      start_time: now - 30,
      end_time: now + 600,
      photo: `data:image/png;base64,${photo}`,
      retinues: [{ name: '无照片', phone: '13914141414' }],
    });
    expect(created.code).toBe(0);
    expect(created.data.photo.startsWith(`${t.baseUrl}/files/`)).toBe(true);
    expect(created.data.retinues[0].photo).toBe('');
    const image = await fetch(created.data.photo);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');

    expect((await v1('POST', '/visit/signin', { body: { phone: '13913131313' } })).code).toBe(0);
    await settle(t);
    const onTerminal = [...sim.users.values()].filter((u) => u.userType === 2);
    expect(onTerminal.find((u) => u.mobile === '13913131313')!.photoBytes).toBeGreaterThan(1000);
    expect(onTerminal.find((u) => u.mobile === '13914141414')!.photoBytes).toBe(0);
    expect((await v1('DELETE', `/visit/records/${created.data.id}`, { token: adminToken })).code).toBe(0);
    expect((await fetch(created.data.photo)).status).toBe(404);
  });

  it('does not authorise a visit that is already over', async () => {
    const now = nowSeconds(t);
    const late = await apply({ name: '过期访客', start_time: now, end_time: now + 60 });
    t.clock.advance(61_000);
    const answer = await v1('PUT', `/auth/${late.data.id}`, { query: { weixinUserId: 'emp-lisi' } });
    expect(answer.code).toBe(409);
    expect(answer.err_msg).toContain('this visit is already over');
    expect((await v1('GET', '/visit/records', { query: { type: 'web', name: '过期访客' }, token: adminToken })).data[0].is_auth).toBe(0);
  });

  it('authorises a visit once when the employee taps twice at the same moment', async () => {
    const now = nowSeconds(t);
    const visit = await apply({ name: '双击访客', start_time: now + 600, end_time: now + 3600 });
    const answers = await Promise.all(Array.from({ length: 5 }, () => v1('PUT', `/auth/${visit.data.id}`, { query: { weixinUserId: 'emp-lisi' } })));
    expect(answers.map((answer) => answer.code)).toEqual([0, 0, 0, 0, 0]);
    // One message per channel, as one authorisation stages.
    const told = await sql(t.app.get(DataSource), "SELECT channel, COUNT(*) AS n FROM notification WHERE application_id = ? AND kind = 'approval_pass_to_visitor' GROUP BY channel", [visit.data.id]);
    expect(told.length).toBeGreaterThan(0);
    expect(told.map((row) => row.n)).toEqual(told.map(() => 1));
  });

  it('answers -210 for a QR code whose visit has not started', async () => {
    const now = nowSeconds(t);
    const later = await apply({ proposer: '13811111111', name: '晚到', phone: '13912121212', start_time: now + 60, end_time: now + 3600 });
    expect(later.code).toBe(0);
    const signedIn = await v1('POST', '/visit/signin', { body: { phone: '13912121212' } });
    expect(signedIn.code).toBe(0);
    expect(await v1('POST', '/visit/qrcode', { body: { qrcode: signedIn.data.qrcode } })).toEqual({ code: -210, err_msg: '访问时间未到' });
    t.clock.advance(120_000);
    expect((await v1('POST', '/visit/qrcode', { body: { qrcode: signedIn.data.qrcode } })).code).toBe(0);
    expect((await v1('POST', '/visit/qrcode', { body: { qrcode: JSON.parse(signedIn.data.qrcode).qrcode } })).code).toBe(0);
  });

  it('with the default SMS_PROVIDER=log, records SMS as sent and WeChat as skipped without an official account', async () => {
    expect((await v1('PUT', '/config/templates', { body: TEST_TEMPLATES, token: adminToken })).code).toBe(0);
    const id = (await apply({ name: '日志短信' })).data.id;
    await t.app.get(NotificationWorker).drain();
    const rows = (await admin(`/api/admin/notifications?applicationId=${id}`)).body.items;
    expect(rows.map((n: any) => [n.channel, n.state, n.lastError])).toEqual([
      ['sms', 'sent', null],
      ['wechat', 'skipped', 'WECHAT_OA_APPID / WECHAT_OA_SECRET are not set'],
    ]);
  });
});
