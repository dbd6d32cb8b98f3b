import { EventEmitter2 } from '@nestjs/event-emitter';
import { VisitorSignedIn } from '../../src/events';
import { NotificationWorker } from '../../src/visitor-appointment/notifications/notification-worker.service';
import { FAKE_SMS_SIGN_NAME, FakeAliyunSms } from '../fakes/fake-aliyun-sms';
import { TerminalSimulator } from '../fakes/terminal-simulator';
import { adminLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { AdminApi, addTerminal, adminApi, eventually, settle } from '../support/gateway-flows';
import { applicationBody, seedEmployeeAndVisitor, startVisitorTestApp, TEST_TEMPLATES, V1Client, v1Client, VisitorTestApp } from '../support/visitor-flows';

const COMPANIONS = [
  { name: '王某', phone: '13933333333' },
  { name: '赵某', phone: '13944444444' },
];

describe('a visit from WeChat booking to the gate (e2e)', () => {
  let t: VisitorTestApp;
  let v1: V1Client;
  let admin: AdminApi;
  let adminToken: string;
  let sms: FakeAliyunSms;
  let sim: TerminalSimulator;
  let visitId: number;
  let signedIn: any;

  const heard: { name: string; payload: any }[] = [];
  const drainNotifications = () => t.app.get(NotificationWorker).drain();

  beforeAll(async () => {
    t = await startVisitorTestApp({ VISITOR_SWEEP_SECONDS: '1' });
    sms = t.sms;
    t.app.get(EventEmitter2).onAny((name, payload) => heard.push({ name: String(name), payload }));
    v1 = v1Client(t);
    adminToken = await adminLogin(new FormClient(t.baseUrl));
    admin = adminApi(t, adminToken);
    sim = await new TerminalSimulator({ password: 'gate-pw', now: () => t.clock.now().getTime() }).start();
    await addTerminal(admin, sim, 'Lobby gate');
    expect((await v1('PUT', '/config/templates', { body: TEST_TEMPLATES, token: adminToken })).code).toBe(0);
    await seedEmployeeAndVisitor(v1, admin);
    // A second employee, to show that only the one visited may authorise.
    await admin('/api/admin/employees', { method: 'POST', body: { name: '韩梅梅', phone: '13855555555', department: '市场部' } });
    expect((await v1('POST', '/subject/binding', { body: { weixinUserId: 'emp-hanmeimei', name: '韩梅梅', phone: '13855555555' } })).code).toBe(0);
  });

  afterAll(async () => {
    await t.close();
    await sim.stop();
  });

  it('takes an application with two companions and reminds the employee by WeChat and SMS', async () => {
    const answer = await v1('POST', '/subject', { body: applicationBody(t, { retinues: COMPANIONS, weixinUserId: 'vis-zhangsan' }) });
    expect(answer).toMatchObject({ code: 0, err_msg: '' });
    const data = answer.data;
    visitId = data.id;
    expect(data).toMatchObject({ name: '张三', phone: '13922222222', purpose: 2, come_from: 'ZY', interviewee: '李四', department: '法务部', is_auth: 0 });
    expect(data.retinues.map((r: any) => [r.name, r.phone])).toEqual(COMPANIONS.map((c) => [c.name, c.phone]));
    const subjectIds = [data.subject_id, ...data.retinues.map((r: any) => r.subject_id)];
    expect(new Set(subjectIds).size).toBe(3);

    await drainNotifications();
    const reminder = t.wechat.templates.find((m) => m.template_id === 'T-approval_reminder_to_employee-wechat');
    expect(reminder).toMatchObject({ touser: 'emp-lisi', data: { visitor: { value: '张三' }, people: { value: '3' }, purpose: { value: '商务' } } });
    expect(sms.sent).toContainEqual(
      expect.objectContaining({ phone: '13811111111', templateCode: 'T-approval_reminder_to_employee-sms', signName: FAKE_SMS_SIGN_NAME }),
    );
  });

  it('lets only the employee visited authorise, then tells the visitor', async () => {
    const stranger = await v1('PUT', `/auth/${visitId}`, { query: { weixinUserId: 'nobody' } });
    expect(stranger.code).toBe(403);
    const otherEmployee = await v1('PUT', `/auth/${visitId}`, { query: { weixinUserId: 'emp-hanmeimei' } });
    expect(otherEmployee.code).toBe(403);
    const visitor = await v1('PUT', `/auth/${visitId}`, { body: { weixinUserId: 'vis-zhangsan' } });
    expect(visitor.code).toBe(403);
    expect((await v1('PUT', '/auth/999999', { query: { weixinUserId: 'emp-lisi' } })).code).toBe(404);

    const pending = await v1('GET', '/auth/records', { query: { phone: '13811111111' } });
    expect(pending.data.map((r: any) => [r.id, r.is_auth])).toEqual([[visitId, 0]]);
    expect((await v1('PUT', `/auth/${visitId}`, { query: { weixinUserId: 'emp-lisi' } })).code).toBe(0);
    expect((await v1('PUT', `/auth/${visitId}`, { query: { weixinUserId: 'emp-lisi' } })).code).toBe(0);
    expect((await v1('GET', '/auth/records', { query: { phone: '13811111111' } })).data[0].is_auth).toBe(1);

    await drainNotifications();
    const passed = t.wechat.templates.filter((m) => m.template_id === 'T-approval_pass_to_visitor-wechat');
    expect(passed).toHaveLength(1);
    expect(passed[0].touser).toBe('vis-zhangsan');
    expect(sms.sent.filter((m) => m.templateCode === 'T-approval_pass_to_visitor-sms').map((m) => m.phone)).toEqual(['13922222222']);
  });

  it("signs everyone in by a companion's phone, each with their own QR code", async () => {
    const answer = await v1('POST', '/visit/signin', { body: { phone: '13944444444' } });
    expect(answer.code).toBe(0);
    signedIn = answer.data;
    expect(signedIn).toMatchObject({ id: visitId, name: '张三', phone: '13922222222' });
    const people = [signedIn, ...signedIn.retinues];
    expect(people).toHaveLength(3);
    const codes = people.map((p: any) => JSON.parse(p.qrcode));
    for (const code of codes) expect(code).toEqual({ id: visitId, qrcode: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(new Set(codes.map((c: any) => c.qrcode)).size).toBe(3);

    for (const person of people) {
      expect(person.qrcode_img_url.startsWith(`${t.baseUrl}/files/qrcodes/`)).toBe(true);
      const image = await fetch(person.qrcode_img_url);
      expect(image.status).toBe(200);
      expect(image.headers.get('content-type')).toBe('image/png');
      expect((await image.arrayBuffer()).byteLength).toBeGreaterThan(100);
      expect(await v1('POST', '/visit/qrcode', { body: { qrcode: person.qrcode } })).toEqual({ code: 0, err_msg: '' });
    }

    const again = await v1('POST', '/visit/signin', { body: { phone: '13922222222' } });
    expect(again.code).toBe(409);

    const record = (await v1('GET', '/visit/records', { query: { type: 'mobile', proposer: '13922222222' } })).data[0];
    expect(record.signin_time).toBeGreaterThan(0);
    expect(record.qrcode).toBe(signedIn.qrcode);
    expect(record.retinues.map((r: any) => r.qrcode)).toEqual(signedIn.retinues.map((r: any) => r.qrcode));

    await drainNotifications();
    expect(t.wechat.templates.filter((m) => m.template_id === 'T-visitor_signin_to_employee-wechat').map((m) => m.touser)).toEqual(['emp-lisi']);
    const toVisitors = sms.sent.filter((m) => m.templateCode === 'T-signin_to_visitor-sms');
    expect(toVisitors.map((m) => m.phone).sort()).toEqual(['13922222222', '13933333333', '13944444444']);
    expect(toVisitors.find((m) => m.phone === '13933333333')!.params.qrcode).toBe(signedIn.retinues[0].qrcode_img_url);
  });

  it('puts all three on the terminal as visitors for the visit window', async () => {
    await settle(t);
    const events = heard.filter((e) => e.name === VisitorSignedIn.eventName).map((e) => e.payload);
    expect(events).toHaveLength(1);
    const application = (await v1('GET', '/visit/records', { query: { type: 'mobile', proposer: '13922222222' } })).data[0];
    expect(events[0]).toMatchObject({
      applicationId: visitId,
      startTime: new Date(application.start_time * 1000).toISOString(),
      endTime: new Date(application.end_time * 1000).toISOString(),
      people: [signedIn, ...signedIn.retinues].map((p: any) => ({ personId: `VS${p.subject_id}`, subjectId: p.subject_id, name: p.name, phone: p.phone, photoUrl: '' })),
    });
    const visitors = [...sim.users.values()].filter((u) => u.userType === 2);
    expect(visitors.map((u) => u.mobile).sort()).toEqual(['13922222222', '13933333333', '13944444444']);
    for (const user of visitors) {
      expect(user).toMatchObject({ startTime: application.start_time, endTime: application.end_time, remark: 'FaceGate' });
    }
  });

  it('rejects forged and malformed QR content', async () => {
    const forged = JSON.stringify({ id: visitId, qrcode: 'f'.repeat(32) });
    expect(await v1('POST', '/visit/qrcode', { body: { qrcode: forged } })).toEqual({ code: -208, err_msg: '无效的二维码' });
    const otherVisit = JSON.stringify({ id: visitId + 1, qrcode: JSON.parse(signedIn.qrcode).qrcode });
    expect((await v1('POST', '/visit/qrcode', { body: { qrcode: otherVisit } })).code).toBe(-208);
    for (const junk of ['{"id":1,', 'hello', '{"id":"x","qrcode":1}']) {
      expect((await v1('POST', '/visit/qrcode', { body: { qrcode: junk } })).code).toBe(-208);
    }
    expect((await v1('POST', '/visit/qrcode', { body: {} })).code).toBe(400);
  });

  it('takes the visitors off the terminal after the window (the scheduled sweep) and expires their QR codes', async () => {
    t.clock.advance(2 * 3600 * 1000 + 60_000);
    await eventually(() => expect([...sim.users.values()].filter((u) => u.userType === 2)).toEqual([]), 10_000);
    for (const person of [signedIn, ...signedIn.retinues]) {
      expect(await v1('POST', '/visit/qrcode', { body: { qrcode: person.qrcode } })).toEqual({ code: -209, err_msg: '通行权限已过期' });
    }
  });
});
