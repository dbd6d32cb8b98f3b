import { TerminalSimulator } from '../fakes/terminal-simulator';
import { adminLogin, register, wechatLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { AdminApi, addTerminal, adminApi, eventually, settle } from '../support/gateway-flows';
import { LiveConsole, liveSocket } from '../support/live-socket';
import { applicationBody, seedEmployeeAndVisitor, startVisitorTestApp, V1Client, v1Client, VisitorTestApp } from '../support/visitor-flows';

/** What the console's first page is made of: the day's entries per hour, today's visitors, and the live messages that keep them current. */
describe("the console's day at a glance (e2e)", () => {
  let t: VisitorTestApp;
  let api: AdminApi;
  let v1: V1Client;
  let sim: TerminalSimulator;
  let deviceId: string;
  let token: string;
  let live: LiveConsole;
  /** 10:00 on the site's clock today (Asia/Shanghai), in Unix seconds. */
  let tenOClock: number;

  const hourly = async (query = '') => (await api(`/api/admin/access-records/hourly${query}`)).body;
  const of = (type: string) => live.messages.filter((m) => m.type === type);

  beforeAll(async () => {
    t = await startVisitorTestApp({ TRUST_PROXY: 'true' });
    // 09:00 on the site's clock (Asia/Shanghai) today, whenever the test runs: the hours below stay in the day.
    const wall = new Date(Date.now() + 8 * 3600_000);
    t.clock.advance(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate(), 1) - Date.now());
    const client = new FormClient(t.baseUrl);
    token = await adminLogin(client);
    api = adminApi(t, token);
    v1 = v1Client(t);
    await seedEmployeeAndVisitor(v1, api);
    sim = await new TerminalSimulator({ now: () => t.clock.now().getTime() }).start();
    const terminalId = await addTerminal(api, sim, 'Dashboard gate');
    await eventually(async () => expect((await api(`/api/admin/devices/${terminalId}`)).body.online).toBe(true));
    deviceId = sim.deviceId;
    const today = (await hourly()).hours;
    tenOClock = Date.parse(today[10].start) / 1000;
    live = liveSocket(t, token);
    await eventually(() => expect(of('hello')).toHaveLength(1));
  }, 30_000);
  afterAll(async () => {
    live?.close();
    await t?.close();
    await sim?.stop();
  });

  it("counts the people at the doors in each hour of the site's day, passed and refused, and nothing else", async () => {
    const before = await hourly();
    expect(before).toMatchObject({ timeZone: 'Asia/Shanghai', hours: expect.any(Array) });
    expect(before.hours).toHaveLength(24);
    expect(before.hours.map((h: { hour: number }) => h.hour)).toEqual([...Array(24).keys()]);
    sim.pushRecord({ userId: 'FR1', name: '早到', signTime: tenOClock + 60 });
    sim.pushRecord({ userId: 'FR2', name: '又到', signTime: tenOClock + 3599 });
    sim.pushRecord({ userId: '', name: '', type: -1, signTime: tenOClock + 120 });
    sim.pushRecord({ userId: 'FR3', name: '下一个小时', signTime: tenOClock + 3600 });
    sim.pushRecord({ userId: 'FR4', name: '昨天', signTime: tenOClock - 11 * 3600 });
    // A face posted by the terminal in platform mode counts; a heartbeat does not.
    await fetch(`${t.baseUrl}/syface/${deviceId}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'NOBODY', mask: false, screenTime: tenOClock + 30 }) });
    await fetch(`${t.baseUrl}/syheartbeat/${deviceId}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ Heartinfo: { deviceid: deviceId } }) });
    await eventually(async () => expect((await hourly()).hours[11].passed).toBe(before.hours[11].passed + 1));
    const after = (await hourly()).hours;
    expect(after[10]).toMatchObject({ hour: 10, passed: before.hours[10].passed + 2, denied: before.hours[10].denied + 2 });
    const total = (hours: { passed: number; denied: number }[]) => hours.reduce((sum, h) => sum + h.passed + h.denied, 0);
    expect(total(after)).toBe(total(before.hours) + 5);
  });

  it('answers for another day, and refuses a day that is not one', async () => {
    const yesterday = new Date((tenOClock - 86_400) * 1000 + 8 * 3600_000).toISOString().slice(0, 10);
    const other = await hourly(`?date=${yesterday}`);
    expect(other.date).toBe(yesterday);
    expect(other.hours.reduce((sum: number, h: { passed: number }) => sum + h.passed, 0)).toBe(1);
    for (const date of ['2026-02-31', '2026-13-01', 'yesterday', '1999-12-31', "2026-12-03' OR 1=1"]) {
      const refused = await api(`/api/admin/access-records/hourly?date=${encodeURIComponent(date)}`);
      expect({ date, status: refused.status }).toEqual({ date, status: 400 });
    }
  });

  it('tells the consoles every entry by hour in its live messages, those left out of a flood too', async () => {
    // An hour no other test uses.
    const oneOClock = tenOClock + 3 * 3600;
    for (let i = 0; i < 200; i++) sim.pushRecord({ userId: `FR${i}`, name: `洪水${i}`, signTime: oneOClock + 600 + i, type: i % 10 === 0 ? -1 : 1 });
    await eventually(() => {
      const counted = of('records').flatMap((m) => m.hours).filter((h) => Date.parse(h.start) === oneOClock * 1000);
      expect(counted.reduce((sum, h) => sum + h.passed, 0)).toBe(180);
      expect(counted.reduce((sum, h) => sum + h.denied, 0)).toBe(20);
    });
    expect(of('records').reduce((sum, m) => sum + m.skipped, 0)).toBeGreaterThan(0);
  });

  it("counts today's visitors by where they are, and says on the live socket when a visit changes", async () => {
    const now = Math.floor(t.clock.now().getTime() / 1000);
    const today = async () => (await api('/api/admin/visits/today')).body;
    const start = await today();
    expect(start).toMatchObject({ date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), expected: 0, onSite: 0, gone: 0, missed: 0, awaitingAuthorisation: 0 });
    live.messages.length = 0;
    const waiting = await v1('POST', '/subject', { body: applicationBody(t, { retinues: [{ name: '同伴', phone: '13944440000' }] }) });
    expect(await today()).toMatchObject({ awaitingAuthorisation: 2 });
    await v1('PUT', `/auth/${waiting.data.id}`, { query: { weixinUserId: 'emp-lisi' } });
    expect(await today()).toMatchObject({ expected: 2, awaitingAuthorisation: 0 });
    expect((await v1('POST', '/visit/signin', { body: { phone: '13944440000' }, from: '127.0.0.1' })).code).toBe(0);
    expect(await today()).toMatchObject({ expected: 0, onSite: 2 });
    await eventually(() => expect(of('visit').map((m) => m.change)).toEqual(['created', 'authorised', 'signed-in']));
    const other = await v1('POST', '/subject', { body: applicationBody(t, { name: '另一位', phone: '13955550000', proposer: '13955550000', start_time: now + 60, end_time: now + 120 }) });
    await v1('PUT', `/auth/${other.data.id}`, { query: { weixinUserId: 'emp-lisi' } });
    t.clock.advance(3 * 3600_000);
    // Three hours on, the token of this morning has expired: a new one.
    const later = adminApi(t, await adminLogin(new FormClient(t.baseUrl)));
    expect((await later('/api/admin/visits/today')).body).toMatchObject({ onSite: 0, gone: 2, missed: 1, expected: 0 });
    t.clock.advance(-3 * 3600_000);
  });

  it('says on the live socket when a registration leaves the review queue', async () => {
    const client = new FormClient(t.baseUrl);
    await register(client, await wechatLogin(client, t.wechat, { openId: 'o-dash' }), { name: '待审', telNo: '13900009999' });
    await t.flushEvents();
    await eventually(() => expect(of('registration').map((m) => m.name)).toContain('待审'));
    const id = (await api('/api/admin/registrations?state=0')).body.items[0].id;
    expect((await api('/api/admin/registrations?state=0&size=1')).body.total).toBe(1);
    await client.post('/SkyFaceRegister/approve.do', { accessToken: token, ids: String(id), isPass: 1 });
    await settle(t);
    await eventually(() => expect(of('registration-reviewed')).toContainEqual(expect.objectContaining({ registrationId: id, change: 'approved' })));
    expect((await api('/api/admin/registrations?state=0&size=1')).body.total).toBe(0);
  });

  it('lets every back-office role read the figures of the day, and no one without a token', async () => {
    for (const role of ['reviewer', 'operator', 'auditor']) {
      await api('/api/admin/accounts', { method: 'POST', body: { username: `dash-${role}`, password: `${role}-password-1`, role } });
      const other = adminApi(t, await adminLogin(new FormClient(t.baseUrl), { userName: `dash-${role}`, password: `${role}-password-1` }));
      expect((await other('/api/admin/access-records/hourly')).status).toBe(200);
      expect((await other('/api/admin/visits/today')).status).toBe(200);
    }
    expect((await fetch(`${t.baseUrl}/api/admin/access-records/hourly`)).status).toBe(401);
    expect((await fetch(`${t.baseUrl}/api/admin/visits/today`)).status).toBe(401);
  });
});
