import { adminLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { adminApi } from '../support/gateway-flows';
import { startTestApp, TestApp } from '../support/test-app';
import { applicationBody, seedEmployeeAndVisitor, V1Client, v1Client } from '../support/visitor-flows';

/** What H5 pages written for earlier versions of the visitor API send, and the original accepted. */
describe('older visitor H5 pages keep working (e2e)', () => {
  let t: TestApp;
  let v1: V1Client;

  beforeAll(async () => {
    t = await startTestApp();
    v1 = v1Client(t);
    await seedEmployeeAndVisitor(v1, adminApi(t, await adminLogin(new FormClient(t.baseUrl))));
  });
  afterAll(() => t.close());

  it('accepts an application whose proposer is bound to nobody, and a weixinUserId that is not bound', async () => {
    const unbound = await v1('POST', '/subject', { body: applicationBody(t, { proposer: '13700000000', phone: '13700000000' }) });
    expect(unbound).toMatchObject({ code: 0, data: { is_auth: 0 } });
    const fromLink = await v1('POST', '/subject', { body: applicationBody(t, { proposer: '13700000001', phone: '13700000001', weixinUserId: 'never-bound' }) });
    expect(fromLink).toMatchObject({ code: 0, data: { is_auth: 0 } });
  });

  it('lists records for a page that sends only proposer (and maybe page/size): that is type=mobile', async () => {
    const answer = await v1('GET', '/visit/records', { query: { proposer: '13700000000' } });
    expect(answer).toMatchObject({ code: 0, page: { count: 1, current: 1, size: 5 } });
    expect((await v1('GET', '/visit/records', { query: { proposer: '13700000000', page: 1, size: 2 } })).page).toMatchObject({ size: 2 });
    expect(await v1('GET', '/visit/records', {})).toMatchObject({ code: 400, err_msg: expect.stringContaining('type is required') });
  });

  it('authorises with PUT /v1/auth/{id} and nothing else; a weixinUserId that is sent must still be the interviewee', async () => {
    const visit = await v1('POST', '/subject', { body: applicationBody(t, { name: '老页面访客' }) });
    expect((await v1('PUT', `/auth/${visit.data.id}`, { query: { weixinUserId: 'vis-zhangsan' } })).code).toBe(403);
    expect(await v1('PUT', `/auth/${visit.data.id}`)).toEqual({ code: 0, err_msg: '' });
    expect((await v1('GET', '/auth/records', { query: { phone: '13811111111' } })).data.find((r: { id: number }) => r.id === visit.data.id).is_auth).toBe(1);
  });

  it('rebinds a bound WeChat user as the other kind, and unbinds someone unbound with code 0', async () => {
    expect((await v1('POST', '/subject/binding', { body: { weixinUserId: 'vis-zhangsan', name: '李四', phone: '13811111111' } })).code).toBe(0);
    expect((await v1('GET', '/wechat/is_binding', { query: { weixinUserId: 'vis-zhangsan' } })).data.type).toBe('employee');
    expect((await v1('POST', '/visitor/binding', { body: { weixinUserId: 'vis-zhangsan', phone: '13922222222' } })).code).toBe(0);
    expect((await v1('GET', '/wechat/is_binding', { query: { weixinUserId: 'vis-zhangsan' } })).data.type).toBe('visitor');
    expect(await v1('DELETE', '/subject/binding/nobody-at-all')).toEqual({ code: 0, err_msg: '' });
  });
});

describe('VISITOR_AUTH_REQUIRE_WEIXIN_ID=true (e2e)', () => {
  it('needs the interviewee\'s weixinUserId to authorise, and to make an invitation', async () => {
    const t = await startTestApp({ VISITOR_AUTH_REQUIRE_WEIXIN_ID: 'true' });
    try {
      const v1 = v1Client(t);
      await seedEmployeeAndVisitor(v1, adminApi(t, await adminLogin(new FormClient(t.baseUrl))));
      const visit = await v1('POST', '/subject', { body: applicationBody(t) });
      expect(await v1('PUT', `/auth/${visit.data.id}`)).toMatchObject({ code: 400, err_msg: expect.stringContaining('weixinUserId is required') });
      expect((await v1('PUT', `/auth/${visit.data.id}`, { body: { weixinUserId: 'emp-lisi' } })).code).toBe(0);
      const byPhoneOnly = await v1('POST', '/subject', { body: applicationBody(t, { proposer: '13811111111', name: '被邀请' }) });
      expect(byPhoneOnly.data.is_auth).toBe(0);
      const invitation = await v1('POST', '/subject', { body: applicationBody(t, { proposer: '13811111111', weixinUserId: 'emp-lisi', name: '被邀请' }) });
      expect(invitation.data.is_auth).toBe(1);
    } finally {
      await t.close();
    }
  });
});
