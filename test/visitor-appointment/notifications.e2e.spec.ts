import { NotificationWorker } from '../../src/visitor-appointment/notifications/notification-worker.service';
import { FAKE_SMS_KEY_ID, FAKE_SMS_SIGN_NAME, FakeAliyunSms } from '../fakes/fake-aliyun-sms';
import { adminLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { AdminApi, adminApi } from '../support/gateway-flows';
import { applicationBody, seedEmployeeAndVisitor, startVisitorTestApp, TEST_TEMPLATES, V1Client, v1Client, VisitorTestApp } from '../support/visitor-flows';

describe('visitor notifications: outbox, retries, WeChat token, Aliyun SMS (e2e)', () => {
  let t: VisitorTestApp;
  let v1: V1Client;
  let admin: AdminApi;
  let adminToken: string;
  let sms: FakeAliyunSms;

  const drain = () => t.app.get(NotificationWorker).drain();
  const notifications = async (query: Record<string, string | number> = {}) => {
    const search = new URLSearchParams(Object.entries({ size: 100, ...query }).map(([k, v]): [string, string] => [k, String(v)]));
    const answer = await admin(`/api/admin/notifications?${search}`);
    expect(answer.status).toBe(200);
    return answer.body.items as any[];
  };
  const apply = async (fields: Record<string, unknown> = {}) => {
    const answer = await v1('POST', '/subject', { body: applicationBody(t, fields) });
    expect(answer.code).toBe(0);
    return answer.data.id as number;
  };

  beforeAll(async () => {
    t = await startVisitorTestApp({ NOTIFY_MAX_ATTEMPTS: '3' });
    sms = t.sms;
    v1 = v1Client(t);
    adminToken = await adminLogin(new FormClient(t.baseUrl));
    admin = adminApi(t, adminToken);
    await seedEmployeeAndVisitor(v1, admin);
  });

  afterAll(() => t.close());

  it('keeps messages without a template as skipped, with the reason', async () => {
    const id = await apply();
    await drain();
    const rows = await notifications({ applicationId: id });
    expect(rows.map((n) => [n.channel, n.state, n.lastError])).toEqual([
      ['sms', 'skipped', 'no sms template is set for approval_reminder_to_employee'],
      ['wechat', 'skipped', 'no wechat template is set for approval_reminder_to_employee'],
    ]);
    expect(t.wechat.templates).toEqual([]);
    expect(sms.sent).toEqual([]);
  });

  it('sends by WeChat with one cached access token, renewing it when WeChat says it is stale', async () => {
    expect((await v1('PUT', '/config/templates', { body: TEST_TEMPLATES, token: adminToken })).code).toBe(0);
    await apply();
    await apply();
    await drain();
    expect(t.wechat.templates).toHaveLength(2);
    expect(t.wechat.tokenRequests).toBe(1);

    t.wechat.revokeTokens();
    await apply();
    await drain();
    expect(t.wechat.templates).toHaveLength(3);
    expect(t.wechat.tokenRequests).toBe(2);

    t.wechat.tokenLifetime = 600;
    t.wechat.revokeTokens();
    await apply();
    await drain();
    expect(t.wechat.tokenRequests).toBe(3);
    t.clock.advance(301_000);
    await apply();
    await drain();
    expect(t.wechat.tokenRequests).toBe(4);
    expect(t.wechat.templates).toHaveLength(5);
  });

  it('signs SMS requests as Aliyun checks them, with the parameters as TemplateParam JSON', async () => {
    const sent = sms.sent.filter((m) => m.templateCode === 'T-approval_reminder_to_employee-sms');
    expect(sent).toHaveLength(5);
    expect(sent[0]).toMatchObject({ phone: '13811111111', signName: FAKE_SMS_SIGN_NAME, params: { visitor: '张三', phone: '13922222222', interviewee: '李四' } });
    const [row] = await notifications({ channel: 'sms', state: 'sent', size: 1 });
    const accepted = sms.sent.find((m) => m.outId === String(row.id));
    expect(row.providerMessageId).toBe(accepted!.bizId);
    const [wechatRow] = await notifications({ channel: 'wechat', state: 'sent', size: 1 });
    expect(wechatRow.providerMessageId).toMatch(/^\d+$/);
    const request = sms.requests[0];
    expect(Object.fromEntries(request)).toMatchObject({ Action: 'SendSms', SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0', Format: 'JSON', AccessKeyId: FAKE_SMS_KEY_ID });
  });

  it('retries a failing provider with backoff, and never fails the visitor request', async () => {
    sms.fail({ code: 'isp.SYSTEM_ERROR' }, { code: 'Throttling', http: 503 });
    t.wechat.failTemplateSends(-1);
    const id = await apply();
    await drain();
    let rows = await notifications({ applicationId: id });
    expect(rows.map((n) => [n.channel, n.state, n.attempts])).toEqual([
      ['sms', 'pending', 1],
      ['wechat', 'pending', 1],
    ]);
    expect(rows[0].lastError).toContain('isp.SYSTEM_ERROR');
    expect(rows[1].lastError).toContain('-1');

    await drain();
    expect((await notifications({ applicationId: id })).map((n) => n.attempts)).toEqual([1, 1]);

    t.clock.advance(5_001);
    await drain();
    rows = await notifications({ applicationId: id });
    expect(rows.map((n) => [n.channel, n.state, n.attempts])).toEqual([
      ['sms', 'pending', 2],
      ['wechat', 'sent', 2],
    ]);
    expect(rows[0].lastError).toContain('Throttling');

    t.clock.advance(10_001);
    await drain();
    expect((await notifications({ applicationId: id })).map((n) => [n.state, n.attempts])).toEqual([
      ['sent', 3],
      ['sent', 2],
    ]);
  });

  it('gives up at once on permanent failures and after NOTIFY_MAX_ATTEMPTS on the rest; an admin can retry', async () => {
    sms.fail({ code: 'isv.MOBILE_NUMBER_ILLEGAL' });
    t.wechat.failTemplateSends(-1, -1, -1);
    const id = await apply();
    await drain();
    t.clock.advance(5_001);
    await drain();
    t.clock.advance(10_001);
    await drain();
    const rows = await notifications({ applicationId: id });
    expect(rows.map((n) => [n.channel, n.state, n.attempts])).toEqual([
      ['sms', 'failed', 1],
      ['wechat', 'failed', 3],
    ]);
    expect(await notifications({ state: 'failed' })).toHaveLength(2);
    expect((await notifications({ recipient: '13811111111', state: 'failed' })).map((n) => n.id)).toEqual([rows[0].id]);

    const retried = await admin(`/api/admin/notifications/${rows[0].id}/retry`, { method: 'POST' });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ state: 'sent', attempts: 1, lastError: null });
    expect((await admin(`/api/admin/notifications/${rows[0].id}/retry`, { method: 'POST' })).status).toBe(409);
    expect((await admin('/api/admin/notifications/99999/retry', { method: 'POST' })).status).toBe(404);
    expect((await admin('/api/admin/notifications?state=lost')).status).toBe(400);
  });

  it('answers the visitor at once when the SMS provider is down', async () => {
    await sms.stop();
    const id = await apply();
    await drain();
    const [smsRow] = await notifications({ applicationId: id, channel: 'sms' });
    expect(smsRow).toMatchObject({ state: 'pending', attempts: 1 });
    expect(smsRow.lastError).toContain('Aliyun SendSms');
  });

  it('lists notifications only for administrators', async () => {
    const anonymous = await fetch(`${t.baseUrl}/api/admin/notifications`);
    expect(anonymous.status).toBe(401);
  });
});
