import { NotificationWorker } from '../../src/visitor-appointment/notifications/notification-worker.service';
import { adminLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { AdminApi, adminApi } from '../support/gateway-flows';
import { applicationBody, seedEmployeeAndVisitor, startVisitorTestApp, TEST_TEMPLATES, V1Client, v1Client, VisitorTestApp } from '../support/visitor-flows';

/** Someone bound as an employee with a guessed name and phone: the employee hears of it, an administrator undoes it. */
describe('employee bindings: the notice and the revocation (e2e)', () => {
  let t: VisitorTestApp;
  let v1: V1Client;
  let admin: AdminApi;

  const drain = () => t.app.get(NotificationWorker).drain();
  const notices = () => t.sms.sent.filter((m) => m.templateCode === 'T-binding_notice_to_employee-sms');

  beforeAll(async () => {
    t = await startVisitorTestApp();
    v1 = v1Client(t);
    const token = await adminLogin(new FormClient(t.baseUrl));
    admin = adminApi(t, token);
    expect((await v1('PUT', '/config/templates', { body: TEST_TEMPLATES, token })).code).toBe(0);
    await seedEmployeeAndVisitor(v1, admin);
    await drain();
  });
  afterAll(() => t.close());

  it('tells the employee when their identity is bound to a new WeChat account, and only then', async () => {
    expect(notices()).toHaveLength(1);
    expect(notices()[0]).toMatchObject({ phone: '13811111111', params: { name: '李四', time: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d$/) } });
    expect((await v1('POST', '/subject/binding', { body: { weixinUserId: 'emp-lisi', name: '李四', phone: '13811111111' } })).code).toBe(0);
    await drain();
    expect(notices()).toHaveLength(1);
    expect((await v1('POST', '/subject/binding', { body: { weixinUserId: 'intruder', name: '李四', phone: '13811111111' } })).code).toBe(0);
    await drain();
    expect(notices()).toHaveLength(2);
    const wechat = t.wechat.templates.filter((m) => m.template_id === 'T-binding_notice_to_employee-wechat').map((m) => m.touser);
    expect(wechat).toEqual(expect.arrayContaining(['emp-lisi', 'intruder']));
  });

  it('lists bindings for administrators, and revoking one undoes the visits it authorised that have not started', async () => {
    const invited = await v1('POST', '/subject', { body: applicationBody(t, { proposer: '13811111111', weixinUserId: 'intruder', name: '同伙甲' }) });
    expect(invited.data.is_auth).toBe(1);
    const asked = await v1('POST', '/subject', { body: applicationBody(t, { name: '同伙乙' }) });
    expect((await v1('PUT', `/auth/${asked.data.id}`, { query: { weixinUserId: 'intruder' } })).code).toBe(0);
    const honest = await v1('POST', '/subject', { body: applicationBody(t, { name: '真访客' }) });
    expect((await v1('PUT', `/auth/${honest.data.id}`, { query: { weixinUserId: 'emp-lisi' } })).code).toBe(0);

    const listed = await admin('/api/admin/bindings?kind=employee');
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ total: 2, items: [{ kind: 'employee', employeeName: '李四', phone: '13811111111' }, { employeeName: '李四' }] });
    const intruder = listed.body.items.find((b: { weixinUserId: string }) => b.weixinUserId.startsWith('in'));
    expect(intruder.weixinUserId).not.toBe('intruder');

    const revoked = await admin(`/api/admin/bindings/${intruder.id}`, { method: 'DELETE' });
    expect(revoked).toEqual({ status: 200, body: { bindingId: intruder.id, unauthorisedVisits: [invited.data.id, asked.data.id] } });
    const records = (await v1('GET', '/auth/records', { query: { phone: '13811111111', size: 100 } })).data as { id: number; is_auth: number }[];
    const state = Object.fromEntries(records.map((r) => [r.id, r.is_auth]));
    expect([state[invited.data.id], state[asked.data.id], state[honest.data.id]]).toEqual([0, 0, 1]);
    expect((await v1('GET', '/wechat/is_binding', { query: { weixinUserId: 'intruder' } })).code).toBe(404);
    expect((await admin(`/api/admin/bindings/${intruder.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await admin('/api/admin/bindings', {})).status).toBe(200);
    expect((await fetch(`${t.baseUrl}/api/admin/bindings`)).status).toBe(401);
  });
});
