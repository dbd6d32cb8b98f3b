import { adminLogin, register, startTestAppWithWechat, WechatTestApp, wechatLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { adminApi, AdminApi } from '../support/gateway-flows';
import { V1Client, v1Client } from '../support/visitor-flows';

describe('WeChat bindings (/v1)', () => {
  let t: WechatTestApp;
  let v1: V1Client;
  let admin: AdminApi;
  let employeeId: number;

  beforeAll(async () => {
    t = await startTestAppWithWechat();
    v1 = v1Client(t);
    const form = new FormClient(t.baseUrl);
    admin = adminApi(t, await adminLogin(form));
    employeeId = (await admin('/api/admin/employees', { method: 'POST', body: { name: '李四', phone: '13811111111', department: '法务部' } })).body.id;
  });

  afterAll(() => t.close());

  it('binds an employee only when name and phone match the directory', async () => {
    expect(await v1('GET', '/subject/binding', { query: { weixinUserId: 'emp-openid' } })).toEqual({ code: 0, err_msg: '', data: {} });

    const wrongName = await v1('POST', '/subject/binding', { body: { weixinUserId: 'emp-openid', name: '李五', phone: '13811111111' } });
    expect(wrongName.code).toBe(404);
    expect(wrongName.err_msg).toContain('no employee in the directory has this name and phone');

    const bound = await v1('POST', '/subject/binding', { body: { weixinUserId: 'emp-openid', name: '李四', phone: '13811111111' } });
    expect(bound).toEqual({
      code: 0,
      err_msg: '',
      data: { avatar: '', name: '李四', department: '法务部', subject_id: employeeId, phone: '13811111111' },
    });
    expect((await v1('GET', '/subject/binding', { query: { weixinUserId: 'emp-openid' } })).data).toEqual(bound.data);
    expect(await v1('GET', '/wechat/is_binding', { query: { weixinUserId: 'emp-openid' } })).toEqual({
      code: 0,
      err_msg: '',
      data: { type: 'employee', avatar: '', name: '李四', department: '法务部', subject_id: employeeId, phone: '13811111111' },
    });
  });

  it("shows an employee's approved face photo as the avatar", async () => {
    const form = new FormClient(t.baseUrl);
    const user = { openId: 'mini-employee' };
    const token = await wechatLogin(form, t.wechat, user);
    const { result_data } = await register(form, token, { name: '李四', telNo: '13811111111' });
    const approve = await form.post('/SkyFaceRegister/approve.do', { accessToken: await adminLogin(form), ids: '1', isPass: '1' });
    expect(approve.result_code).toBe(0);

    const status = await v1('GET', '/wechat/is_binding', { query: { weixinUserId: 'emp-openid' } });
    // The same photo; the two links are signed at different moments, so their expiries may differ by a period.
    const photo = (link: string) => new URL(link).pathname;
    expect(photo(status.data.avatar)).toBe(photo(result_data!.imgUrl));
    expect(new URL(status.data.avatar).searchParams.get('sig')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('binds a visitor, answers is_binding with subject_id -1, and unbinds', async () => {
    expect(await v1('GET', '/visitor/binding', { query: { weixinUserId: 'vis-openid' } })).toEqual({ code: 0, err_msg: '', data: {} });
    const bound = await v1('POST', '/visitor/binding', { body: { weixinUserId: 'vis-openid', phone: '13922222222', nick: '小王', avatar: 'https://thirdwx.qlogo.cn/a/132' } });
    expect(bound).toEqual({ code: 0, err_msg: '', data: { nick: '小王', avatar: 'https://thirdwx.qlogo.cn/a/132', phone: '13922222222' } });
    expect((await v1('GET', '/wechat/is_binding', { query: { weixinUserId: 'vis-openid' } })).data).toEqual({
      type: 'visitor',
      name: '小王',
      department: '',
      subject_id: -1,
      avatar: 'https://thirdwx.qlogo.cn/a/132',
      phone: '13922222222',
    });

    const rebound = await v1('POST', '/visitor/binding', { body: { weixinUserId: 'vis-openid', phone: '13933333333' } });
    expect(rebound.data).toEqual({ nick: '', avatar: '', phone: '13933333333' });

    // As the original: binding again replaces the binding, whatever kind it was.
    const asEmployee = await v1('POST', '/subject/binding', { body: { weixinUserId: 'vis-openid', name: '李四', phone: '13811111111' } });
    expect(asEmployee).toMatchObject({ code: 0, data: { name: '李四', phone: '13811111111' } });
    expect((await v1('GET', '/visitor/binding', { query: { weixinUserId: 'vis-openid' } })).data).toEqual({});
    expect((await v1('GET', '/wechat/is_binding', { query: { weixinUserId: 'vis-openid' } })).data).toMatchObject({ type: 'employee' });
    const backToVisitor = await v1('POST', '/visitor/binding', { body: { weixinUserId: 'vis-openid', phone: '13933333333' } });
    expect(backToVisitor).toMatchObject({ code: 0, data: { phone: '13933333333' } });
    expect((await v1('GET', '/subject/binding', { query: { weixinUserId: 'vis-openid' } })).data).toEqual({});

    expect(await v1('DELETE', '/subject/binding/vis-openid')).toEqual({ code: 0, err_msg: '' });
    expect(await v1('GET', '/wechat/is_binding', { query: { weixinUserId: 'vis-openid' } })).toEqual({ code: 404, err_msg: '没有该微信号绑定的用户' });
    // Unbinding is idempotent, as the original.
    expect(await v1('DELETE', '/subject/binding/vis-openid')).toEqual({ code: 0, err_msg: '' });
  });

  it('answers bad input in the envelope', async () => {
    const missing = await v1('GET', '/wechat/is_binding');
    expect(missing.code).toBe(400);
    expect(missing.err_msg).toContain('weixinUserId');

    const badPhone = await v1('POST', '/visitor/binding', { body: { weixinUserId: 'x', phone: '12345' } });
    expect(badPhone.code).toBe(400);
    expect(badPhone.err_msg).toContain('phone: must be a mainland mobile number');

    const notJson = await v1('POST', '/visitor/binding', { body: '{"weixinUserId":' });
    expect(notJson.code).toBe(400);

    expect((await v1('GET', '/no/such/endpoint')).code).toBe(404);
  });

  it('drops the bindings of an employee who leaves the directory', async () => {
    expect((await admin(`/api/admin/employees/${employeeId}`, { method: 'DELETE' })).status).toBe(204);
    expect((await v1('GET', '/wechat/is_binding', { query: { weixinUserId: 'emp-openid' } })).code).toBe(404);
    const asVisitor = await v1('POST', '/visitor/binding', { body: { weixinUserId: 'emp-openid', phone: '13811111111' } });
    expect(asVisitor.code).toBe(0);
  });
});
