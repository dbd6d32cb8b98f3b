import { WechatTestApp, adminLogin, register, startTestAppWithWechat, wechatLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { ADMIN } from '../support/test-app';

/** The site's desktop "management system": login → approved list → provisions → isPass=2 → logout. */
describe('desktop management tool loop (e2e)', () => {
  let t: WechatTestApp;
  let client: FormClient;

  beforeAll(async () => {
    t = await startTestAppWithWechat();
    client = new FormClient(t.baseUrl);
    const reviewer = await adminLogin(client);
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const token = await wechatLogin(client, t.wechat, { openId: `o-desk-${i}` });
      await register(client, token, { name: `Desk ${i}`, telNo: `1880000000${i}` });
      const mine = await client.post<any>('/SkyFaceRegister/getfaces.do', { accessToken: token });
      ids.push(mine.result_data.dataList[0].id);
    }
    await client.post('/SkyFaceRegister/approve.do', { accessToken: reviewer, ids: `${ids[0]},${ids[1]}`, isPass: 1 });
  });

  afterAll(() => t.close());

  it('runs the loop with urlencoded posts and query-string gets', async () => {
    const login = await client.post<{ accessToken: string }>('/SkyFaceRegister/login.do', ADMIN);
    const token = login.result_data!.accessToken;

    const approved = await client.get<any>('/SkyFaceRegister/getfaces.do', { accessToken: token, state: 1, pageSize: 100, pageNum: 1 });
    expect(approved.result_code).toBe(0);
    const rows = approved.result_data.dataList;
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.applyTime.time).toEqual(expect.any(Number));
      expect((await fetch(row.imgUrl)).status).toBe(200);
    }

    const done = await client.post('/SkyFaceRegister/approve.do', { accessToken: token, ids: rows.map((r: { id: number }) => r.id).join(','), isPass: 2 });
    expect(done).toMatchObject({ result_code: 0, result_data: '' });

    expect((await client.get<any>('/SkyFaceRegister/getfaces.do', { accessToken: token, state: 1 })).result_data.totalRecord).toBe(0);
    expect((await client.get<any>('/SkyFaceRegister/getfaces.do', { accessToken: token, state: 2 })).result_data.totalRecord).toBe(2);

    const again = await client.post('/SkyFaceRegister/approve.do', { accessToken: token, ids: rows.map((r: { id: number }) => r.id).join(','), isPass: 0 });
    expect(again.result_code).toBe(-9);

    expect((await client.post('/SkyFaceRegister/logout.do', { accessToken: token })).result_code).toBe(0);
    expect((await client.get('/SkyFaceRegister/getfaces.do', { accessToken: token })).result_code).toBe(-1);
  });

  it('does not mark a pending registration processed', async () => {
    const token = await adminLogin(client);
    const pending = await client.post<any>('/SkyFaceRegister/getfaces.do', { accessToken: token, state: 0 });
    const answer = await client.post('/SkyFaceRegister/approve.do', { accessToken: token, ids: String(pending.result_data.dataList[0].id), isPass: 2 });
    expect(answer.result_code).toBe(-9);
  });
});
