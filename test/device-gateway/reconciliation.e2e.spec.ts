import { Reconciler } from '../../src/device-gateway/reconciliation/reconciler.service';
import { TerminalSimulator } from '../fakes/terminal-simulator';
import { adminLogin, register, startTestAppWithWechat, WechatTestApp, wechatLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { AdminApi, addTerminal, adminApi, eventually, settle } from '../support/gateway-flows';

describe('reconciliation of terminal user lists (e2e)', () => {
  let t: WechatTestApp;
  let client: FormClient;
  let admin: string;
  let api: AdminApi;
  let sim: TerminalSimulator;
  let terminalId: number;
  const people: number[] = [];

  const approvePerson = async (n: number) => {
    const token = await wechatLogin(client, t.wechat, { openId: `o-rec-${n}` });
    await register(client, token, { name: `Person ${n}`, telNo: `1370000000${n}` });
    const id = (await client.post<any>('/SkyFaceRegister/getfaces.do', { accessToken: token })).result_data.dataList[0].id;
    await client.post('/SkyFaceRegister/approve.do', { accessToken: admin, ids: String(id), isPass: 1 });
    return id as number;
  };
  const reconcile = async () => {
    const started = await api(`/api/admin/devices/${terminalId}/reconcile`, { method: 'POST' });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ state: 'running', trigger: 'manual', terminalId });
    let run: any;
    await eventually(async () => {
      run = (await api(`/api/admin/devices/${terminalId}/reconciliations`)).body.items.find((r: { id: number }) => r.id === started.body.id);
      expect(run.state).not.toBe('running');
    });
    return run;
  };
  const writes = () => sim.count('/api/user', 'POST') + sim.count('/api/user/delete');

  beforeAll(async () => {
    t = await startTestAppWithWechat();
    client = new FormClient(t.baseUrl);
    admin = await adminLogin(client);
    api = adminApi(t, admin);
    sim = await new TerminalSimulator({ now: () => t.clock.now().getTime() }).start();
    terminalId = await addTerminal(api, sim, 'Reconciled gate');
    for (let n = 0; n < 4; n++) people.push(await approvePerson(n));
    await settle(t);
    expect(people.every((id) => sim.users.has(`FR${id}`))).toBe(true);
  });

  afterAll(async () => {
    await t.close();
    await sim.stop();
  });

  it('adds the missing, updates what differs, removes whom it no longer grants, and leaves strangers alone', async () => {
    const [missing, changed, revoked] = people;
    await api(`/api/admin/registrations/${revoked}`, { method: 'DELETE' });
    await settle(t);
    sim.users.delete(`FR${missing}`);
    sim.users.get(`FR${changed}`)!.name = 'Someone else';
    sim.addUser({ userId: `FR${revoked}`, name: 'Back again', userType: 1 });
    sim.addUser({ userId: 'LOCAL-7', name: 'Installed by hand', userType: 1 });

    const run = await reconcile();
    expect(run).toMatchObject({ state: 'succeeded', added: 1, updated: 1, removed: 1, unmanaged: 1, failures: 0, terminalUsers: 4, listCalls: 1, error: null });
    expect(sim.users.get(`FR${missing}`)).toMatchObject({ name: `Person 0` });
    expect(sim.users.get(`FR${changed}`)).toMatchObject({ name: `Person 1` });
    expect(sim.users.has(`FR${revoked}`)).toBe(false);
    expect(sim.users.has('LOCAL-7')).toBe(true);
    expect(run.durationMs).toEqual(expect.any(Number));
  });

  it('makes exactly ceil(N/10) list calls and no writes when the terminal is in sync', async () => {
    for (let i = 0; i < 21; i++) sim.addUser({ userId: `LOCAL-${100 + i}`, name: `Local ${i}`, userType: 1 });
    const n = sim.users.size;
    const lists = sim.count('/api/user/list');
    const before = writes();
    const run = await reconcile();
    expect(run).toMatchObject({ state: 'succeeded', added: 0, updated: 0, removed: 0, unmanaged: 22, terminalUsers: n });
    expect(run.listCalls).toBe(Math.ceil(n / 10));
    expect(sim.count('/api/user/list') - lists).toBe(Math.ceil(n / 10));
    expect(writes()).toBe(before);
  });

  it('records a failed run when the terminal cannot be read', async () => {
    sim.fail(/\/api\/user\/list/, { code: 50002 });
    const run = await reconcile();
    expect(run).toMatchObject({ state: 'failed', error: expect.stringContaining('50002') });
  });

  it('runs on schedule for every terminal and after a terminal reconnects', async () => {
    const count = async () => (await api(`/api/admin/devices/${terminalId}/reconciliations?size=200`)).body.total;
    const before = await count();
    await t.app.get(Reconciler).reconcileAll();
    await eventually(async () => expect(await count()).toBe(before + 1));
    sim.dropRecordLinks();
    await eventually(async () => {
      const runs = (await api(`/api/admin/devices/${terminalId}/reconciliations`)).body.items;
      expect(runs[0]).toMatchObject({ trigger: 'reconnect', state: 'succeeded' });
    }, 8000);
  });

  it('refuses to reconcile an unknown or disabled terminal', async () => {
    expect((await api('/api/admin/devices/999/reconcile', { method: 'POST' })).status).toBe(404);
    await api(`/api/admin/devices/${terminalId}`, { method: 'PATCH', body: { enabled: false } });
    const refused = await api(`/api/admin/devices/${terminalId}/reconcile`, { method: 'POST' });
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toContain('disabled');
    await api(`/api/admin/devices/${terminalId}`, { method: 'PATCH', body: { enabled: true } });
  });
});

describe('reconciliation with RECONCILE_REMOVE_UNMANAGED (e2e)', () => {
  it('also removes users FaceGate did not create', async () => {
    const t = await startTestAppWithWechat({ RECONCILE_REMOVE_UNMANAGED: 'true' });
    const sim = await new TerminalSimulator().start();
    try {
      const api = adminApi(t, await adminLogin(new FormClient(t.baseUrl)));
      sim.addUser({ userId: 'LOCAL-1', name: 'By hand', userType: 1 });
      const id = await addTerminal(api, sim, 'Strict gate');
      const run = await t.app.get(Reconciler).reconcile(id, 'manual');
      expect(run).toMatchObject({ state: 'succeeded', removed: 1, unmanaged: 0 });
      expect(sim.users.size).toBe(0);
    } finally {
      await t.close();
      await sim.stop();
    }
  });
});
