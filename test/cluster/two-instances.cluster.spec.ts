import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordIngestor } from '../../src/device-gateway/records/record-ingestor.service';
import { RecordLinks } from '../../src/device-gateway/records/record-links.service';
import { TerminalOwnership } from '../../src/device-gateway/terminals/terminal-ownership';
import { LeasedTerminalOwnership } from '../../src/device-gateway/terminals/leased-terminal-ownership';
import { TerminalSimulator } from '../fakes/terminal-simulator';
import { adminLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { AdminApi, addTerminal, adminApi, eventually } from '../support/gateway-flows';
import { LiveConsole, liveSocket } from '../support/live-socket';
import { startTestApp, TestApp } from '../support/test-app';
import { dropDatabase } from '../support/test-database-server';
import { describeWithRedis, dropRedisPrefix, TEST_REDIS_URL, testRedisPrefix } from '../support/test-redis';
import { TcpProxy } from '../support/tcp-proxy';

/** Two instances of the app in this process, on one PostgreSQL database and one Redis (b through a proxy the test can cut). */
describeWithRedis('two instances on one database and Redis (e2e)', () => {
  const prefix = testRedisPrefix();
  const redis = new URL(TEST_REDIS_URL);
  const proxy = new TcpProxy(redis.hostname, Number(redis.port || 6379));
  const cluster = (instanceId: string, redisUrl = TEST_REDIS_URL) => ({
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    INSTANCE_ID: instanceId,
    DATA_SECRET_KEY: 'ab'.repeat(32),
    TERMINAL_LEASE_MS: '1000',
    RECORD_HEARTBEAT_MS: '100',
    RECORD_DEAD_AFTER_MS: '400',
    RECORD_RECONNECT_MAX_MS: '200',
  });
  let dir: string;
  let a: TestApp;
  let b: TestApp;
  let onA: AdminApi;
  let onB: AdminApi;
  let tokenOnB: string;
  let consoleOnB: LiveConsole;
  const sims: TerminalSimulator[] = [];
  const ids: number[] = [];
  const owned = (t: TestApp) => (t.app.get(TerminalOwnership) as LeasedTerminalOwnership).owned;
  const stored = async () => {
    await Promise.all([a, b].map((t) => t.app.get(RecordIngestor).drained()));
    return (await onB('/api/admin/access-records?size=200')).body;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'facegate-cluster-'));
    await proxy.start();
    a = await startTestApp(cluster('a'), dir);
    b = await startTestApp(cluster('b', `redis://127.0.0.1:${proxy.port}`), dir);
    onA = adminApi(a, await adminLogin(new FormClient(a.baseUrl)));
    tokenOnB = await adminLogin(new FormClient(b.baseUrl));
    onB = adminApi(b, tokenOnB);
    for (let i = 0; i < 4; i++) {
      const sim = await new TerminalSimulator({ password: `pw-${i}` }).start();
      sims.push(sim);
      ids.push(await addTerminal(onA, sim, `Door ${i}`));
    }
  });

  afterAll(async () => {
    consoleOnB?.close();
    await b?.close();
    await a?.close().catch(() => undefined);
    await Promise.all(sims.map((sim) => sim.stop()));
    await proxy.stop();
    await dropDatabase(dir);
    await rm(dir, { recursive: true, force: true });
    await dropRedisPrefix(prefix);
  });

  it('links every terminal once, half of them from each instance', async () => {
    await eventually(() => {
      expect(sims.map((sim) => sim.recordLinks)).toEqual([1, 1, 1, 1]);
      expect([owned(a).length, owned(b).length]).toEqual([2, 2]);
    }, 10_000);
    expect([...owned(a), ...owned(b)].sort()).toEqual([...ids].sort());
    expect([...a.app.get(RecordLinks).linked, ...b.app.get(RecordLinks).linked].sort()).toEqual([...ids].sort());
  });

  it('shows a console on one instance the records of every terminal, each stored once', async () => {
    consoleOnB = liveSocket(b, tokenOnB);
    await eventually(() => expect(consoleOnB.messages[0]).toMatchObject({ type: 'hello' }));
    for (const sim of sims) sim.pushRecord({ userId: 'P1', name: '张三' });
    await eventually(async () => {
      const live = consoleOnB.messages.filter((m) => m.type === 'records').flatMap((m) => m.items);
      expect(new Set(live.map((r: { terminalId: number }) => r.terminalId))).toEqual(new Set(ids));
    });
    expect((await stored()).total).toBe(4);
  });

  it('links a terminal added through either instance from its owner', async () => {
    const sim = await new TerminalSimulator({ password: 'pw-new' }).start();
    sims.push(sim);
    ids.push(await addTerminal(onB, sim, 'Door added on b'));
    await eventually(() => {
      expect(sim.recordLinks).toBe(1);
      expect(owned(a).length + owned(b).length).toBe(5);
    }, 10_000);
  });

  it('closes the console on one instance when its account logs out through the other', async () => {
    const other = liveSocket(b, tokenOnB);
    await eventually(() => expect(other.messages[0]).toMatchObject({ type: 'hello' }));
    expect((await new FormClient(a.baseUrl).post('/SkyFaceRegister/logout.do', { accessToken: tokenOnB })).result_code).toBe(0);
    // The live view checks sessions every 15 s by itself: a close this soon came from the other instance.
    const closed = await Promise.race([other.closed, new Promise((resolve) => setTimeout(() => resolve('still open'), 2000))]);
    expect(closed).toMatchObject({ code: 4401 });
    tokenOnB = await adminLogin(new FormClient(b.baseUrl));
    onB = adminApi(b, tokenOnB);
  });

  it('runs a reconciliation asked of the instance that does not own the terminal on its owner', async () => {
    const [ofA] = owned(a);
    const asked = await onB(`/api/admin/devices/${ofA}/reconcile`, { method: 'POST' });
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ terminalId: ofA, trigger: 'manual' });
    await eventually(async () => expect((await onB(`/api/admin/devices/${ofA}/reconciliations`)).body.items[0]).toMatchObject({ id: asked.body.id, state: 'succeeded' }));
  });

  it('keeps an instance cut off from Redis answering from the database, not ready and running no terminal, and loses no record', async () => {
    const [cutOff] = owned(b);
    await proxy.cut();
    sims[ids.indexOf(cutOff)].pushRecord({ userId: 'P3', name: '王五' });
    const ready = await fetch(`${b.baseUrl}/health/ready`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { error: Record<string, unknown> }).error.redis).toMatchObject({ status: 'down', instance: 'b' });
    expect((await onB('/api/admin/devices')).status).toBe(200);
    await eventually(() => {
      expect(owned(b)).toEqual([]);
      expect(owned(a)).toHaveLength(ids.length);
      expect(sims.map((sim) => sim.recordLinks)).toEqual(sims.map(() => 1));
    }, 10_000);
    await eventually(async () => expect((await stored()).total).toBe(5), 10_000);
    await proxy.restore();
    await eventually(async () => {
      expect((await fetch(`${b.baseUrl}/health/ready`)).status).toBe(200);
      expect(owned(b).length).toBeGreaterThanOrEqual(2);
      expect(sims.map((sim) => sim.recordLinks)).toEqual(sims.map(() => 1));
    }, 15_000);
  });

  it('hands every terminal to the other instance when one stops, never two links to a door at once', async () => {
    await a.close();
    await eventually(() => {
      expect(owned(b)).toEqual([...ids].sort((x, y) => x - y));
      expect(sims.map((sim) => sim.recordLinks)).toEqual(sims.map(() => 1));
    }, 10_000);
    sims[0].pushRecord({ userId: 'P2', name: '李四' });
    await eventually(async () => expect((await stored()).total).toBe(6));
    expect(sims.map((sim) => sim.maxRecordLinks)).toEqual(sims.map(() => 1));
  });
});
