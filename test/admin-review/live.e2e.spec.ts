import { EventEmitter2 } from '@nestjs/event-emitter';
import { LIVE_PROTOCOL, LiveGateway } from '../../src/admin-review/live/live.gateway';
import { AccessRecordReceived } from '../../src/events';
import { TerminalSimulator } from '../fakes/terminal-simulator';
import { adminLogin, register, startTestAppWithWechat, WechatTestApp, wechatLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { AdminApi, addTerminal, adminApi, eventually } from '../support/gateway-flows';
import { LiveConsole, openLive } from '../support/live-socket';

describe('the live socket of the console (e2e)', () => {
  let t: WechatTestApp;
  let client: FormClient;
  let token: string;
  let api: AdminApi;

  const open = (protocols: string[], headers: Record<string, string> = {}) => openLive(t, protocols, headers);
  const of = (live: LiveConsole, type: string) => live.messages.filter((m) => m.type === type);

  beforeAll(async () => {
    t = await startTestAppWithWechat({ RECORD_HEARTBEAT_MS: '100', RECORD_DEAD_AFTER_MS: '400', RECORD_RECONNECT_MAX_MS: '200' });
    client = new FormClient(t.baseUrl);
    token = await adminLogin(client);
    api = adminApi(t, token);
  });
  afterAll(() => t.close());

  it('refuses a socket without a back-office token', async () => {
    expect((await open([]).closed).code).toBe(4401);
    expect((await open([LIVE_PROTOCOL, 'not-a-token']).closed).code).toBe(4401);
    const wechat = await wechatLogin(client, t.wechat, { openId: 'o-live' });
    expect((await open([LIVE_PROTOCOL, wechat]).closed)).toEqual({ code: 4401, reason: 'a valid back-office token is required' });
  });

  it('pushes doors coming online, access records with denied attempts, and registrations waiting for review', async () => {
    const live = open([LIVE_PROTOCOL, token]);
    await eventually(() => expect(of(live, 'hello')).toEqual([{ type: 'hello', role: 'admin', username: 'admin' }]));
    expect(live.socket.protocol).toBe(LIVE_PROTOCOL);
    expect(await (await fetch(`${t.baseUrl}/metrics`)).text()).toMatch(/^facegate_console_live_sockets 1$/m);

    const sim = await new TerminalSimulator({ password: 'pw-live', now: () => t.clock.now().getTime() }).start();
    const terminalId = await addTerminal(api, sim, 'Live gate');
    await eventually(() => expect(of(live, 'terminal').map((m) => m.linkState)).toContain('connected'));
    expect(of(live, 'terminal').every((m) => m.terminalId === terminalId)).toBe(true);

    sim.pushRecord({ userId: 'FR1', name: '张三', similarity: 91 });
    sim.pushRecord({ userId: '', name: '', type: -1 });
    await eventually(() => expect(of(live, 'records').flatMap((m) => m.items)).toHaveLength(2));
    const [passed, denied] = of(live, 'records').flatMap((m) => m.items);
    expect(passed).toMatchObject({ terminalId, name: '张三', userId: 'FR1', denied: false });
    expect(denied).toMatchObject({ terminalId, userType: -1, denied: true });

    const wechat = await wechatLogin(client, t.wechat, { openId: 'o-live-2' });
    await register(client, wechat, { name: '待审核', telNo: '13900000777' });
    await eventually(() => expect(of(live, 'registration')).toEqual([expect.objectContaining({ type: 'registration', name: '待审核' })]));

    await sim.stop();
    await eventually(() => expect(of(live, 'terminal').at(-1)?.linkState).not.toBe('connected'));
    live.socket.close();
  });

  it('a flood of records comes as the newest 50 per message and a count of the rest', async () => {
    const live = open([LIVE_PROTOCOL], { authorization: `Bearer ${token}` });
    await eventually(() => expect(of(live, 'hello')).toHaveLength(1));
    const bus = t.app.get(EventEmitter2);
    for (let i = 1; i <= 2000; i++) {
      bus.emit(AccessRecordReceived.eventName, new AccessRecordReceived({ id: i, terminalId: 1, kind: 'recognition', userId: `U${i}`, name: null, userType: 1, signedAt: new Date().toISOString(), similarity: 90, temperature: null, doorOpened: true, denied: false, entry: true }));
    }
    await eventually(() => {
      const batches = of(live, 'records');
      expect(batches.reduce((n, m) => n + m.items.length + m.skipped, 0)).toBe(2000);
    });
    const batches = of(live, 'records');
    expect(Math.max(...batches.map((m) => m.items.length))).toBeLessThanOrEqual(50);
    expect(batches.at(-1).items.at(-1).id).toBe(2000);
    live.socket.close();
  });

  it('renews its token on the open socket, and closes once the session has ended', async () => {
    const live = open([LIVE_PROTOCOL, token]);
    await eventually(() => expect(of(live, 'hello')).toHaveLength(1));
    const fresh = await adminLogin(client);
    live.socket.send(JSON.stringify({ type: 'auth', token: fresh }));
    await eventually(() => expect(of(live, 'hello')).toHaveLength(2));
    live.socket.send('not json');
    const flooded = open([LIVE_PROTOCOL, token]);
    await eventually(() => expect(of(flooded, 'hello')).toHaveLength(1));
    flooded.socket.send('x'.repeat(100_000));
    expect((await flooded.closed).code).toBe(1009);
    await client.post('/SkyFaceRegister/logout.do', { accessToken: fresh });
    await t.app.get(LiveGateway).checkSessions();
    expect(await live.closed).toEqual({ code: 4401, reason: 'the session has ended' });
    expect(of(live, 'expired')).toHaveLength(1);
    await eventually(() => expect(t.app.get(LiveGateway).connected).toBe(0));
  });
});
