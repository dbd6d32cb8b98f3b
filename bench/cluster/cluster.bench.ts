import Redis from 'ioredis';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { LIVE_PROTOCOL } from '../../src/admin-review/live/live.gateway';
import { TerminalSimulator } from '../../test/fakes/terminal-simulator';
import { BuiltService } from '../../test/support/built-service';
import { openServiceDatabase } from '../../test/support/service-database';
import { cpuSeconds } from '../../test/support/service-process';
import { dropRedisPrefix, TEST_REDIS_URL } from '../../test/support/test-redis';
import { sleep, waitFor } from '../../test/support/wait-for';
import { appMain, workDir } from '../lib/app-under-test';
import { runScenarios } from '../lib/run-scenarios';
import { median } from '../lib/stats';

// A cluster needs a server database: the bench runs on the machine's PostgreSQL (PGHOST, PGPORT, PGUSER) and Redis.
process.env.FACEGATE_TEST_DB = 'postgres';

const TERMINALS = 50;
/** Records each terminal pushes per second, for PUSH_SECONDS. */
const RATE = Number(process.env.BENCH_RATE ?? 40);
const PUSH_SECONDS = 15;
const KILLS = 10;

interface Cluster {
  dir: string;
  prefix: string;
  instances: BuiltService[];
  sims: TerminalSimulator[];
}

const owned = async (instance: BuiltService) => Number(/^facegate_terminals_owned (\d+)$/m.exec(await (await fetch(`${instance.base}/metrics`)).text())?.[1] ?? 0);
const alive = (c: Cluster) => c.instances.filter((i) => i.process && i.process.exitCode === null && i.process.signalCode === null);

async function startCluster(name: string, instances: number, terminals: number): Promise<Cluster> {
  const { dir } = workDir(`cluster-${name}`);
  const prefix = `facegate_bench_${name}_${process.pid}`;
  const env = (n: number) => ({ REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, INSTANCE_ID: `instance-${n}`, LOG_LEVEL: 'warn' });
  const cluster: Cluster = { dir, prefix, instances: [], sims: [] };
  for (let n = 0; n < instances; n++) cluster.instances.push(new BuiltService(dir, env(n), [appMain()], `instance-${n}`));
  // The first creates the schema; the others start together.
  await cluster.instances[0].start();
  await Promise.all(cluster.instances.slice(1).map((i) => i.start()));
  const first = cluster.instances[0];
  const token = await first.adminToken();
  for (let n = 0; n < terminals; n++) {
    const sim = await new TerminalSimulator({ password: `door-${n}` }).start();
    cluster.sims.push(sim);
    await first.admin(token, '/api/admin/devices', { method: 'POST', body: { name: `Door ${n}`, host: '127.0.0.1', port: sim.httpPort, wsPort: sim.wsPort, password: sim.password } });
  }
  await waitFor('every terminal linked once', () => cluster.sims.every((sim) => sim.recordLinks === 1), 60_000, 100);
  return cluster;
}

async function stopCluster(c: Cluster): Promise<void> {
  await Promise.all(c.instances.map((i) => i.stop()));
  await Promise.all(c.sims.map((sim) => sim.stop()));
  await dropRedisPrefix(c.prefix);
}

async function redisCommands(): Promise<number> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    return Number(/total_commands_processed:(\d+)/.exec(await redis.info('stats'))?.[1]);
  } finally {
    redis.disconnect();
  }
}

/** A console's live socket on `instance`: how many records it was shown. */
async function consoleOn(instance: BuiltService): Promise<{ seen: () => number; close: () => void }> {
  let seen = 0;
  const socket = new WebSocket(`${instance.base.replace('http', 'ws')}/api/admin/live`, [LIVE_PROTOCOL, await instance.adminToken()]);
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString());
    if (message.type === 'records') seen += message.items.length + (message.skipped ?? 0);
  });
  await new Promise((resolve) => socket.once('open', resolve));
  return { seen: () => seen, close: () => socket.close() };
}

/** 50 terminals push RATE records/s each for PUSH_SECONDS into one instance, then into three. */
async function ingest(instances: number) {
  const c = await startCluster(`ingest-${instances}`, instances, TERMINALS);
  const database = await openServiceDatabase(join(c.dir, 'facegate.sqlite'));
  try {
    const stored = async () => Number((await database.query('SELECT COUNT(*) AS n FROM access_record'))[0].n);
    const live = await consoleOn(c.instances[0]);
    const [commandsBefore, cpuBefore] = [await redisCommands(), c.instances.map((i) => cpuSeconds(i.process!.pid!))];
    const begun = performance.now();
    const perTick = RATE / 10;
    const pushing = setInterval(() => c.sims.forEach((sim) => Array.from({ length: perTick }, () => sim.pushRecord({ userId: 'P1', name: 'Bench' }))), 100);
    await sleep(PUSH_SECONDS * 1000);
    clearInterval(pushing);
    const pushed = c.sims.reduce((sum, sim) => sum + sim.records.length, 0);
    await waitFor('every record stored', async () => (await stored()) >= pushed, 300_000, 100);
    const drainedS = (performance.now() - begun) / 1000;
    const consoleAtDrain = live.seen();
    await waitFor('the console shown every record', () => live.seen() >= pushed, 30_000, 100).catch(() => undefined);
    const cpu = c.instances.reduce((sum, i, n) => sum + cpuSeconds(i.process!.pid!) - cpuBefore[n], 0);
    const [{ rows, distinct }] = await database.query(`SELECT COUNT(*) AS rows, COUNT(DISTINCT terminal_id || ':' || record_id) AS distinct FROM access_record`);
    live.close();
    return {
      instances,
      terminals: TERMINALS,
      offeredPerSecond: TERMINALS * RATE,
      pushed,
      stored: Number(rows),
      duplicated: Number(rows) - Number(distinct),
      recordsPerSecond: Math.round(pushed / drainedS),
      drainedAfterS: Math.round(drainedS * 10) / 10,
      cpuMsPerRecord: Math.round((cpu * 1e6) / pushed) / 1000,
      redisCommandsPerRecord: Math.round(((await redisCommands()) - commandsBefore) / pushed * 100) / 100,
      consoleShownAtDrain: consoleAtDrain,
      consoleShownAfter: live.seen(),
    };
  } finally {
    await database.destroy();
    await stopCluster(c);
  }
}

/** Three instances, ten terminals pushing 5 records/s: the busiest instance killed -9 ten times (and started again). */
async function takeover() {
  const c = await startCluster('takeover', 3, 10);
  const database = await openServiceDatabase(join(c.dir, 'facegate.sqlite'));
  const times: number[] = [];
  const pushing = setInterval(() => c.sims.forEach((sim) => sim.pushRecord({ userId: 'P1', name: 'Bench' })), 200);
  try {
    for (let kill = 0; kill < KILLS; kill++) {
      const counts = await Promise.all(alive(c).map(async (i) => [i, await owned(i)] as const));
      const [busiest] = counts.sort((a, b) => b[1] - a[1])[0];
      const killedAt = performance.now();
      await busiest.kill();
      await waitFor('every terminal linked again', async () => c.sims.every((sim) => sim.recordLinks === 1) && (await Promise.all(alive(c).map(owned))).reduce((a, b) => a + b, 0) === 10, 60_000, 50);
      times.push(Math.round(performance.now() - killedAt));
      console.log(`kill ${kill + 1}: every terminal linked again after ${times.at(-1)} ms`);
      await busiest.start();
      await waitFor('shares even again', async () => (await Promise.all(c.instances.map(owned))).every((n) => n >= 3), 60_000, 100);
    }
    clearInterval(pushing);
    await sleep(3000);
    const perTerminal = await database.query(`SELECT COUNT(*) AS rows, COUNT(DISTINCT record_id) AS distinct FROM access_record GROUP BY terminal_id ORDER BY terminal_id`);
    const pushed = c.sims.map((sim) => sim.records.length);
    const sorted = [...times].sort((a, b) => a - b);
    return {
      kills: KILLS,
      leaseMs: 5000,
      takeoverMs: { p50: median(sorted), p95: sorted[Math.ceil(0.95 * sorted.length) - 1], all: times },
      lost: pushed.reduce((sum, n, i) => sum + n - Number(perTerminal[i]?.distinct ?? 0), 0),
      duplicated: perTerminal.reduce((sum: number, row: { rows: string; distinct: string }) => sum + Number(row.rows) - Number(row.distinct), 0),
      mostLinksAtOnce: Math.max(...c.sims.map((sim) => sim.maxRecordLinks)),
    };
  } finally {
    clearInterval(pushing);
    await database.destroy();
    await stopCluster(c);
  }
}

runScenarios('cluster', { one: () => ingest(1), three: () => ingest(3), takeover });
