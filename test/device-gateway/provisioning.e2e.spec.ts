import { DataSource } from 'typeorm';
import { GrantEventsListener } from '../../src/device-gateway/provisioning/grant-events.listener';
import { FaceRegistrationApproved } from '../../src/events';
import { TerminalSimulator } from '../fakes/terminal-simulator';
import { adminLogin, register, startTestAppWithWechat, WechatTestApp, wechatLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { AdminApi, addTerminal, adminApi, eventually, settle } from '../support/gateway-flows';
import { sql } from '../support/test-sql';

describe('provisioning approved people onto terminals (e2e)', () => {
  let t: WechatTestApp;
  let client: FormClient;
  let admin: string;
  let api: AdminApi;
  const sims: TerminalSimulator[] = [];

  const newPerson = async (openId: string, name: string, telNo: string) => {
    const token = await wechatLogin(client, t.wechat, { openId });
    await register(client, token, { name, telNo });
    const mine = await client.post<any>('/SkyFaceRegister/getfaces.do', { accessToken: token });
    return mine.result_data.dataList[0].id as number;
  };
  const stateOf = async (id: number) => {
    const list = await client.post<any>('/SkyFaceRegister/getfaces.do', { accessToken: admin, pageSize: 1000 });
    return list.result_data.dataList.find((row: { id: number }) => row.id === id).state;
  };

  beforeAll(async () => {
    t = await startTestAppWithWechat({ RECORD_HEARTBEAT_MS: '100', RECORD_DEAD_AFTER_MS: '400', RECORD_RECONNECT_MAX_MS: '200' });
    client = new FormClient(t.baseUrl);
    admin = await adminLogin(client);
    api = adminApi(t, admin);
    for (let i = 0; i < 2; i++) sims.push(await new TerminalSimulator({ password: `pw-${i}`, now: () => t.clock.now().getTime() }).start());
    for (const [i, sim] of sims.entries()) await addTerminal(api, sim, `Gate ${i}`);
  });

  afterAll(async () => {
    await t.close();
    await Promise.all(sims.map((sim) => sim.stop()));
  });

  it('puts an approved person on every terminal and marks the registration processed', async () => {
    const id = await newPerson('o-p1', '李雷', '13900001111');
    await client.post('/SkyFaceRegister/approve.do', { accessToken: admin, ids: String(id), isPass: 1 });
    await settle(t);
    for (const sim of sims) {
      expect(sim.users.get(`FR${id}`)).toMatchObject({ name: '李雷', mobile: '13900001111', icNumber: '900001111', userType: 1, remark: 'FaceGate' });
      expect(sim.users.get(`FR${id}`)!.photoBytes).toBeGreaterThan(500);
    }
    expect(await stateOf(id)).toBe(2);
  });

  it('adds a person once when the approval is delivered again (a crash before the outbox recorded it)', async () => {
    const id = await newPerson('o-p9', '韩梅梅', '13900009999');
    await client.post('/SkyFaceRegister/approve.do', { accessToken: admin, ids: String(id), isPass: 1 });
    await settle(t);
    const [row] = await sql(t.app.get(DataSource), 
      `SELECT payload FROM event_outbox WHERE event_name = '${FaceRegistrationApproved.eventName}' ORDER BY id DESC LIMIT 1`,
    );
    const writes = sims.map((sim) => sim.count('/api/user'));
    await t.app.get(GrantEventsListener).onApproved(new FaceRegistrationApproved(JSON.parse(row.payload)));
    await settle(t);
    expect(sims.map((sim) => sim.count('/api/user'))).toEqual(writes);
    expect(sims.map((sim) => sim.adds.get(`FR${id}`))).toEqual([1, 1]);
    expect(await stateOf(id)).toBe(2);
  });

  it('lists terminals with their status and provisioning backlog, never the password', async () => {
    const list = await api('/api/admin/devices');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(2);
    expect(list.body.items[0]).toMatchObject({
      name: 'Gate 0',
      deviceId: sims[0].deviceId,
      appVersion: '2.3.1',
      deviceModel: 'DC-F8',
      provisioningTasks: { pending: 0, failed: 0 },
    });
    expect(JSON.stringify(list.body)).not.toContain('pw-0');
    expect(list.body.items[0]).not.toHaveProperty('password');
    expect(list.body.items[0]).not.toHaveProperty('passwordSealed');
  });

  it('takes a deleted registration off every terminal', async () => {
    const id = await newPerson('o-p2', 'Han Meimei', '13900002222');
    await client.post('/SkyFaceRegister/approve.do', { accessToken: admin, ids: String(id), isPass: 1 });
    await settle(t);
    expect(sims.every((sim) => sim.users.has(`FR${id}`))).toBe(true);
    expect((await api(`/api/admin/registrations/${id}`, { method: 'DELETE' })).status).toBe(204);
    await settle(t);
    expect(sims.some((sim) => sim.users.has(`FR${id}`))).toBe(false);
    expect((await api(`/api/admin/registrations/${id}`)).status).toBe(404);
  });

  it('catches up with a terminal that was off as soon as it is back, and does not put back whom it no longer grants', async () => {
    await sims[1].goOffline();
    const kept = await newPerson('o-p3', 'Kept', '13900003333');
    const dropped = await newPerson('o-p4', 'Dropped', '13900004444');
    await client.post('/SkyFaceRegister/approve.do', { accessToken: admin, ids: `${kept},${dropped}`, isPass: 1 });
    await settle(t);
    expect(sims[0].users.has(`FR${kept}`) && sims[0].users.has(`FR${dropped}`)).toBe(true);
    expect(await stateOf(kept)).toBe(1);
    const gate1 = (await api('/api/admin/devices')).body.items[1];
    expect(gate1.provisioningTasks.pending).toBe(2);
    expect(gate1.lastError).toMatch(/ECONNREFUSED|no answer/);

    await client.post('/SkyFaceRegister/approve.do', { accessToken: admin, ids: String(dropped), isPass: 0 });
    await settle(t);
    expect(sims[0].users.has(`FR${dropped}`)).toBe(false);

    const deletesBefore = sims[1].count('/api/user/delete');
    await sims[1].goOnline();
    await eventually(() => expect(sims[1].users.has(`FR${kept}`)).toBe(true));
    await settle(t);
    expect(sims[1].users.has(`FR${dropped}`)).toBe(false);
    expect(sims[1].count('/api/user/delete')).toBe(deletesBefore);
    expect(await stateOf(kept)).toBe(2);
    expect((await api('/api/admin/devices')).body.items[1]).toMatchObject({ provisioningTasks: { pending: 0, failed: 0 }, lastError: null });
  });

  it('stops trying a person a terminal refuses for good, and shows why on the device and the registration', async () => {
    const id = await newPerson('o-p5', 'No Face', '13900005555');
    sims[0].rejectUser(`FR${id}`, 30002);
    await client.post('/SkyFaceRegister/approve.do', { accessToken: admin, ids: String(id), isPass: 1 });
    await settle(t);
    expect(sims[1].users.has(`FR${id}`)).toBe(true);
    expect(sims[0].users.has(`FR${id}`)).toBe(false);
    const attempts = sims[0].count('/api/user');
    t.clock.advance(60 * 60_000);
    await settle(t);
    expect(sims[0].count('/api/user')).toBe(attempts);
    admin = await adminLogin(client);
    api = adminApi(t, admin);

    const registration = (await api(`/api/admin/registrations/${id}`)).body;
    expect(registration).toMatchObject({ state: 1, provisioningError: expect.stringContaining('30002') });
    expect(registration.provisioningError).toContain('Gate 0');
    const gate0 = (await api('/api/admin/devices')).body.items[0];
    expect(gate0.provisioningTasks.failed).toBe(1);
    const failed = await api(`/api/admin/devices/${gate0.id}/provisioning?state=failed`);
    expect(failed.body.items).toEqual([expect.objectContaining({ personId: `FR${id}`, name: 'No Face', lastErrorCode: 30002, state: 'failed' })]);

    const doors = async () => (await api(`/api/admin/people/FR${id}/doors`)).body as { terminalName: string; state: string; lastErrorCode: number | null }[];
    expect((await doors()).map((d) => [d.terminalName, d.state, d.lastErrorCode])).toEqual([
      ['Gate 0', 'failed', 30002],
      ['Gate 1', 'on-door', null],
    ]);
    sims[0].acceptUser(`FR${id}`);
    expect((await api(`/api/admin/people/FR${id}/doors/${gate0.id}/retry`, { method: 'POST' })).body).toEqual({ retried: true });
    await settle(t);
    expect(sims[0].users.has(`FR${id}`)).toBe(true);
    expect((await doors()).map((d) => d.state)).toEqual(['on-door', 'on-door']);
    expect(await stateOf(id)).toBe(2);
    expect((await api(`/api/admin/people/FR${id}/doors/${gate0.id}/retry`, { method: 'POST' })).body).toEqual({ retried: false });
    expect((await api(`/api/admin/people/FR999999/doors/${gate0.id}/retry`, { method: 'POST' })).status).toBe(404);
    expect((await api(`/api/admin/people/FR${id}/doors/999999/retry`, { method: 'POST' })).status).toBe(404);
  });

});
