import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { WebSocket } from 'ws';
import { LIVE_PROTOCOL } from '../../src/admin-review/live/live.gateway';
import { TerminalSimulator } from '../fakes/terminal-simulator';
import { BuiltService } from '../support/built-service';
import { seedPendingRegistrations } from '../support/seed-registrations';
import { openServiceDatabase } from '../support/service-database';
import { TcpProxy } from '../support/tcp-proxy';
import { dropDatabase } from '../support/test-database-server';
import { describeWithRedis, dropRedisPrefix, TEST_REDIS_URL, testRedisPrefix } from '../support/test-redis';
import { sleep, waitFor } from '../support/wait-for';

const INSTANCES = 3;
const TERMINALS = 10;
const PEOPLE = 200;
/** Each terminal pushes a record this often while the cluster is hurt. */
const PUSH_EVERY_MS = 250;
const TAKEOVER_LIMIT_MS = 10_000;

/**
 * Three built instances as child processes on PostgreSQL and Redis (through a proxy that plays a
 * Redis restart), ten simulated terminals pushing records, 200 people approved through one
 * instance; the instance with the most terminals is killed -9 while they push, later a second one.
 */
describeWithRedis('a cluster of three instances that lose two of them (e2e)', () => {
  const prefix = testRedisPrefix();
  const redis = new URL(TEST_REDIS_URL);
  const proxy = new TcpProxy(redis.hostname, Number(redis.port || 6379));
  let dir: string;
  let database: DataSource;
  const instances: BuiltService[] = [];
  const sims: TerminalSimulator[] = [];
  const terminalIds: number[] = [];
  const consoles = new Map<BuiltService, Set<number>>();
  const sockets: WebSocket[] = [];
  const takeovers: number[] = [];
  let pushing: NodeJS.Timeout | undefined;

  const alive = () => instances.filter((i) => i.process && i.process.exitCode === null && i.process.signalCode === null);
  const owned = async (instance: BuiltService) => Number(/^facegate_terminals_owned (\d+)$/m.exec(await (await fetch(`${instance.base}/metrics`)).text())?.[1] ?? 0);
  const allLinkedOnce = () => sims.every((sim) => sim.recordLinks === 1);

  /** A console's live socket: the terminals whose records it was shown. */
  async function watchConsole(instance: BuiltService): Promise<void> {
    const seen = new Set<number>();
    consoles.set(instance, seen);
    const socket = new WebSocket(`${instance.base.replace('http', 'ws')}/api/admin/live`, [LIVE_PROTOCOL, await instance.adminToken()]);
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.type === 'records') for (const record of message.items) seen.add(record.terminalId);
    });
    socket.on('error', () => undefined);
    sockets.push(socket);
  }

  async function killBusiest(): Promise<void> {
    const counts = await Promise.all(alive().map(async (i) => [i, await owned(i)] as const));
    const [busiest] = counts.sort((a, b) => b[1] - a[1])[0];
    const killedAt = Date.now();
    await busiest.kill();
    await waitFor('every terminal linked again', async () => allLinkedOnce() && (await Promise.all(alive().map(owned))).reduce((a, b) => a + b, 0) === TERMINALS, 30_000, 50);
    takeovers.push(Date.now() - killedAt);
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'facegate-cluster3-'));
    await proxy.start();
    await seedPendingRegistrations(join(dir, 'facegate.sqlite'), join(dir, 'storage'), PEOPLE, 120);
    const env = (n: number) => ({
      REDIS_URL: `redis://127.0.0.1:${proxy.port}`,
      REDIS_PREFIX: prefix,
      INSTANCE_ID: `instance-${n}`,
      TERMINAL_LEASE_MS: '2000',
      RECORD_HEARTBEAT_MS: '500',
      RECORD_DEAD_AFTER_MS: '1500',
      RECORD_RECONNECT_MAX_MS: '1000',
      OUTBOX_POLL_MS: '1000',
      LOG_LEVEL: 'warn',
    });
    for (let n = 0; n < INSTANCES; n++) instances.push(new BuiltService(dir, env(n), undefined, `instance-${n}`));
    await Promise.all(instances.map((i) => i.start()));
    for (let n = 0; n < TERMINALS; n++) sims.push(await new TerminalSimulator({ password: `door-${n}`, latencyMs: 20 }).start());
    const token = await instances[0].adminToken();
    for (const [n, sim] of sims.entries()) {
      const created = await instances[n % INSTANCES].admin(await instances[n % INSTANCES].adminToken(), '/api/admin/devices', {
        method: 'POST',
        body: { name: `Door ${n}`, host: '127.0.0.1', port: sim.httpPort, wsPort: sim.wsPort, password: sim.password },
      });
      terminalIds.push(created.id);
    }
    await waitFor('every terminal linked once', allLinkedOnce, 30_000);
    for (const instance of instances) await watchConsole(instance);
    pushing = setInterval(() => sims.forEach((sim, n) => sim.pushRecord({ userId: `P${n}`, name: `Person ${n}` })), PUSH_EVERY_MS);
    const approved = await instances[0].doCall('/SkyFaceRegister/approve.do', { accessToken: token, ids: Array.from({ length: PEOPLE }, (_, i) => i + 1).join(','), isPass: 1 });
    if (approved.result_code !== 0) throw new Error(`approve.do: ${approved.result_msg}`);
  }, 120_000);

  afterAll(async () => {
    clearInterval(pushing);
    sockets.forEach((socket) => socket.terminate());
    await Promise.all(instances.map((i) => i.stop().catch(() => undefined)));
    await database?.destroy();
    await Promise.all(sims.map((sim) => sim.stop()));
    await proxy.stop();
    await dropDatabase(dir);
    await rm(dir, { recursive: true, force: true });
    await dropRedisPrefix(prefix);
  }, 60_000);

  it('spreads the terminals over the instances', async () => {
    const shares = await Promise.all(instances.map(owned));
    expect(shares.reduce((a, b) => a + b, 0)).toBe(TERMINALS);
    expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
  });

  it('links every terminal again within 10 s of each kill -9, while they push and people are provisioned', async () => {
    await waitFor('provisioning under way', () => sims.every((sim) => sim.users.size >= PEOPLE / 10), 60_000);
    expect(sims.some((sim) => sim.users.size < PEOPLE)).toBe(true);
    await killBusiest();
    await sleep(3000);
    await killBusiest();
    expect(alive()).toHaveLength(1);
    expect(takeovers.map((ms) => ms <= TAKEOVER_LIMIT_MS || `${ms} ms`)).toEqual([true, true]);
  }, 90_000);

  it('goes on when Redis restarts empty', async () => {
    await proxy.cut();
    await dropRedisPrefix(prefix);
    await sleep(1000);
    await proxy.restore();
    await waitFor('the survivor to hold every terminal again', async () => allLinkedOnce() && (await owned(alive()[0])) === TERMINALS, 60_000, 100);
    await sleep(2000);
    clearInterval(pushing);
  }, 90_000);

  it('stores every record of every terminal exactly once, and never had two links to one terminal', async () => {
    database = await openServiceDatabase(join(dir, 'facegate.sqlite'));
    const counts = async () =>
      (await database.query(
        `SELECT terminal_id AS terminal, COUNT(*) AS rows_stored, COUNT(DISTINCT record_id) AS distinct_ids FROM access_record WHERE record_id IS NOT NULL GROUP BY terminal_id`,
      )) as { terminal: number; rows_stored: string; distinct_ids: string }[];
    const pushed = new Map(terminalIds.map((id, n) => [id, sims[n].records.length]));
    await waitFor('every pushed record stored', async () => (await counts()).every((c) => Number(c.distinct_ids) === pushed.get(Number(c.terminal))) && (await counts()).length === TERMINALS, 60_000, 250);
    for (const c of await counts()) expect([c.terminal, Number(c.rows_stored)]).toEqual([c.terminal, pushed.get(Number(c.terminal))]);
    expect(sims.map((sim) => sim.maxRecordLinks)).toEqual(sims.map(() => 1));
  }, 90_000);

  it('puts every approved person on every door, adding each once', async () => {
    await waitFor('everyone on every door', () => sims.every((sim) => sim.users.size === PEOPLE), 120_000, 250);
    expect(sims.flatMap((sim) => [...sim.adds.values()].filter((n) => n > 1))).toEqual([]);
  }, 150_000);

  it('showed a console on a surviving instance the records of every terminal', () => {
    expect(consoles.get(alive()[0])).toEqual(new Set(terminalIds));
  });
});
