import { AppConfig } from '../../src/config/app.config';
import { TerminalAddressPolicy } from '../../src/device-gateway/terminal-api/terminal-address.policy';
import { DeviceGatewayConfig } from '../../src/config/device-gateway.config';
import { TerminalRejectedError, TerminalUnreachableError, TerminalWaitingError } from '../../src/device-gateway/terminal-api/terminal-errors';
import { TerminalBackoff } from '../../src/device-gateway/terminal-api/terminal-backoff';
import { TerminalClock } from '../../src/device-gateway/terminal-api/terminal-clock';
import { TerminalEndpoint, TerminalHttpClient } from '../../src/device-gateway/terminal-api/terminal-http.client';
import { TerminalSimulator } from '../fakes/terminal-simulator';
import { TestClock } from '../support/test-clock';

const JPEG = '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDA==';

describe('TerminalHttpClient against the simulated terminal (integration)', () => {
  let sim: TerminalSimulator;
  let clock: TestClock;
  let endpoint: TerminalEndpoint;
  let terminalClock: TerminalClock;
  const client = (overrides: Partial<DeviceGatewayConfig> = {}, backoff?: TerminalBackoff) => {
    const config = Object.assign(new DeviceGatewayConfig(), { timeoutMs: 1000, retries: 2, ...overrides });
    return new TerminalHttpClient(config, clock, terminalClock, new TerminalAddressPolicy(new DeviceGatewayConfig(), new AppConfig()), backoff ?? new TerminalBackoff(config, clock));
  };

  beforeEach(async () => {
    sim = await new TerminalSimulator({ password: 'pass-1' }).start();
    clock = new TestClock();
    terminalClock = new TerminalClock(clock);
    endpoint = { id: 1, host: '127.0.0.1', port: sim.httpPort, wsPort: sim.wsPort, password: 'pass-1' };
  });

  afterEach(() => sim.stop());

  it('signs requests and reads the device, its settings, users and records', async () => {
    const api = client();
    expect(await api.information(endpoint)).toMatchObject({ deviceID: sim.deviceId, appVer: '2.3.1' });
    await api.changeSettings(endpoint, 'smartFace', { faceThre: 8 });
    expect(await api.settings(endpoint, 'smartFace')).toMatchObject({ faceThre: 8, faceEnable: 1 });
    expect(await api.jsonCommand(endpoint, { cmd: 'beep' })).toEqual({ received: { cmd: 'beep' } });

    await api.addUser(endpoint, { userId: 'FR1', userType: 1, name: '张三', mobile: '13800138000', icNumber: '1', jobNumber: '', remark: '', photo: JPEG });
    await api.updateUser(endpoint, { userId: 'FR1', userType: 1, name: '张三丰', mobile: '13800138000', icNumber: '1', jobNumber: '', remark: '' });
    for (let i = 2; i <= 25; i++) sim.addUser({ userId: `X${i}`, name: `x${i}`, userType: 1 });
    const page = await api.listUsers(endpoint, { page: 1, size: 50 });
    expect(page).toMatchObject({ total: 25, pageSize: 10, size: 10, totalPage: 3 });
    expect((await api.listUsers(endpoint, { userId: 'FR1' })).data[0]).toMatchObject({ name: '张三丰' });
    await api.deleteUser(endpoint, 'FR1');
    expect(sim.users.has('FR1')).toBe(false);

    sim.pushRecord({ userId: 'X2', name: 'x2' });
    expect((await api.records(endpoint, { startTime: 0, endTime: 4102444800 })).data).toHaveLength(1);
    await api.openDoor(endpoint, 'visitor at gate');
    expect(sim.opened).toEqual(['visitor at gate']);
  });

  it('turns terminal codes into typed errors', async () => {
    const api = client();
    const missing = await api.deleteUser(endpoint, 'nobody').catch((e) => e);
    expect(missing).toBeInstanceOf(TerminalRejectedError);
    expect(missing).toMatchObject({ code: 20001, permanent: false });
    sim.rejectUser('FR9', 30002);
    const noFace = await api.addUser(endpoint, { userId: 'FR9', userType: 1, name: 'n', mobile: '', icNumber: '', jobNumber: '', remark: '' }).catch((e) => e);
    expect(noFace).toMatchObject({ code: 30002, permanent: true });
    const badImage = await api.addUser(endpoint, { userId: 'FR8', userType: 1, name: 'n', mobile: '', icNumber: '', jobNumber: '', remark: '', photo: 'iVBORw0KGgo=' }).catch((e) => e);
    expect(badImage).toMatchObject({ code: 30004, permanent: true });
  });

  it('is refused with a wrong password', async () => {
    const wrong = await client().information({ ...endpoint, password: 'other' }).catch((e) => e);
    expect(wrong).toMatchObject({ code: 10005, authentication: true });
  });

  it('signs with the clock of a terminal 10 minutes ahead, read from its Date header', async () => {
    sim.clockOffsetMs = 10 * 60_000;
    expect((await client().information(endpoint)).deviceID).toBe(sim.deviceId);
    expect(Math.abs(terminalClock.offsetMs(1)! - 600_000)).toBeLessThan(2000);
    expect(sim.count('/api/device/information')).toBe(3);
    await client().openDoor(endpoint);
    expect(sim.count('/api/device/open')).toBe(1);
  });

  it('finds the clock of a terminal 10 minutes behind that sends no Date header', async () => {
    sim.clockOffsetMs = -10 * 60_000 - 12_345;
    sim.sendsDate = false;
    sim.pushRecord({ userId: 'X1', name: 'x1' });
    const records = await client().records(endpoint, { startTime: 0, endTime: 4102444800 });
    expect(records.data).toHaveLength(1);
    expect(Math.abs(terminalClock.offsetMs(1)! - sim.clockOffsetMs)).toBeLessThan(2000);
    expect(sim.count('/api/device/information')).toBeLessThan(30);
  });

  it('gives up on a clock beyond the search, with the terminal\'s refusal', async () => {
    sim.clockOffsetMs = 3 * 3600_000;
    sim.sendsDate = false;
    expect(await client().information(endpoint).catch((e) => e)).toMatchObject({ code: 10003, authentication: true });
    expect(terminalClock.offsetMs(1)).toBeNull();
  });

  it('sets a skewed terminal\'s clock in steps the signature window allows', async () => {
    sim.clockOffsetMs = -11 * 60_000;
    const api = client();
    await api.information(endpoint);
    await api.syncTime(endpoint);
    expect(Math.abs(sim.clockOffsetMs)).toBeLessThan(1000);
    expect(sim.count('/api/device/syncTime')).toBe(3);
    expect(terminalClock.offsetMs(1)).toBe(0);
    expect((await api.information(endpoint)).deviceID).toBe(sim.deviceId);
  });

  it('retries network failures only, with backoff', async () => {
    sim.fail(/information/, { drop: true }, 2);
    expect((await client().information(endpoint)).deviceID).toBe(sim.deviceId);
    expect(sim.count('/api/device/information')).toBe(3);

    sim.fail(/information/, { drop: true }, 3);
    expect(await client().information(endpoint).catch((e) => e)).toBeInstanceOf(TerminalUnreachableError);

    sim.fail(/information/, { code: 50002 }, 1);
    const before = sim.count('/api/device/information');
    expect(await client().information(endpoint).catch((e) => e)).toMatchObject({ code: 50002 });
    expect(sim.count('/api/device/information')).toBe(before + 1);
  });

  it('gives up on a terminal that does not answer in time', async () => {
    sim.latencyMs = 500;
    const error = await client({ timeoutMs: 100, retries: 0 }).information(endpoint).catch((e) => e);
    expect(error).toBeInstanceOf(TerminalUnreachableError);
    expect(error.message).toContain('no answer within 100 ms');
  });

  it('keeps at most TERMINAL_MAX_IN_FLIGHT requests in flight per terminal', async () => {
    sim.latencyMs = 20;
    const shared = client();
    await Promise.all(Array.from({ length: 6 }, () => shared.information(endpoint)));
    expect(sim.maxConcurrent).toBe(1);
    sim.maxConcurrent = 0;
    const two = client({ maxInFlight: 2 });
    await Promise.all(Array.from({ length: 6 }, () => two.information(endpoint)));
    expect(sim.maxConcurrent).toBe(2);
  });

  it('cannot reach a terminal that is off', async () => {
    await sim.goOffline();
    expect(await client({ retries: 0 }).information(endpoint).catch((e) => e)).toMatchObject({ retryable: true });
    await sim.goOnline();
    expect((await client().information(endpoint)).deviceID).toBe(sim.deviceId);
  });

  describe('one backoff per terminal', () => {
    const config = { credentialsRetrySeconds: 300, recordReconnectMaxMs: 60_000 };

    it('asks a terminal that refused the password once, then waits TERMINAL_CREDENTIALS_RETRY_SECONDS for everyone, and sends one probe after', async () => {
      const backoff = new TerminalBackoff(Object.assign(new DeviceGatewayConfig(), config), clock);
      const refusals: (string | null)[] = [];
      backoff.onChange((_id, now) => refusals.push(now.waiting === 'credentials-refused' ? now.since!.toISOString() : null));
      const api = client(config, backoff);
      const wrong = { ...endpoint, password: 'other' };
      expect(await api.information(wrong).catch((e) => e)).toMatchObject({ code: 10005 });
      const callers = await Promise.all([api.information(wrong), api.records(wrong, { page: 1, size: 1 }), api.listUsers(wrong, {}), api.addUser(wrong, { userId: 'FR1', userType: 1, name: 'n', mobile: '', icNumber: '', jobNumber: '', remark: '' })].map((p) => p.catch((e) => e)));
      for (const refused of callers) expect(refused).toBeInstanceOf(TerminalWaitingError);
      expect(sim.requests).toHaveLength(1);
      expect(backoff.availability(1)).toMatchObject({ waiting: 'credentials-refused', reason: expect.stringContaining('10005') });
      expect(refusals).toHaveLength(1);

      clock.advance(299_000);
      expect(await api.information(wrong).catch((e) => e)).toBeInstanceOf(TerminalWaitingError);
      clock.advance(2000);
      // The wait is over: of three callers at once, one asks.
      const due = await Promise.all([api.information(wrong), api.information(wrong), api.records(wrong, { page: 1, size: 1 })].map((p) => p.catch((e) => e)));
      expect(due.filter((e) => e instanceof TerminalRejectedError)).toHaveLength(1);
      expect(sim.requests).toHaveLength(2);
      expect(refusals).toHaveLength(1);

      // The administrator changes the password: FaceGate asks at once, and the door is not refused any more.
      api.forget(1);
      expect((await api.information(endpoint)).deviceID).toBe(sim.deviceId);
      expect(backoff.availability(1).waiting).toBeNull();
      expect(refusals).toEqual([expect.any(String), null]);
    });

    it('waits for a terminal that cannot be reached, longer each time, and answers at once when it is back', async () => {
      const backoff = new TerminalBackoff(Object.assign(new DeviceGatewayConfig(), config), clock);
      const api = client({ ...config, retries: 0 }, backoff);
      await sim.goOffline();
      expect(await api.information(endpoint).catch((e) => e)).toMatchObject({ retryable: true });
      const first = backoff.availability(1).nextAttemptAt!.getTime() - clock.now().getTime();
      expect(first).toBeLessThanOrEqual(1000);
      expect(await api.openDoor(endpoint).catch((e) => e)).toBeInstanceOf(TerminalWaitingError);
      clock.advance(1000);
      expect(await api.information(endpoint).catch((e) => e)).toMatchObject({ retryable: true });
      const second = backoff.availability(1).nextAttemptAt!.getTime() - clock.now().getTime();
      expect(second).toBeGreaterThanOrEqual(1000);
      expect(second).toBeLessThanOrEqual(2000);
      await sim.goOnline();
      clock.advance(2000);
      expect((await api.information(endpoint)).deviceID).toBe(sim.deviceId);
      expect(backoff.availability(1).waiting).toBeNull();
    });

    it('does not count a request that was under way when the wait began', async () => {
      const backoff = new TerminalBackoff(Object.assign(new DeviceGatewayConfig(), config), clock);
      const api = client({ ...config, maxInFlight: 2 }, backoff);
      const wrong = { ...endpoint, password: 'other' };
      sim.latencyMs = 30;
      await Promise.all([api.information(wrong).catch(() => null), api.information(wrong).catch(() => null)]);
      expect(backoff.availability(1)).toMatchObject({ waiting: 'credentials-refused' });
      expect(backoff.availability(1).nextAttemptAt!.getTime() - clock.now().getTime()).toBeGreaterThan(299_000);
    });
  });
});
