import Database from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import { parseSecretKey, SecretBox } from '../../src/common/crypto/secret-box';
import { TerminalSimulator } from '../../test/fakes/terminal-simulator';
import { cpuSeconds, rssMb } from '../../test/support/service-process';
import { distinctPhoto, migrate, seedPendingRegistrations } from '../../test/support/seed-registrations';
import { waitFor } from '../../test/support/wait-for';
import { AppUnderTest, BENCH_DATA_KEY, startApp, workDir } from '../lib/app-under-test';
import { runScenarios } from '../lib/run-scenarios';

const LATENCY_MS = 20;

async function addTerminals(app: AppUnderTest, sims: TerminalSimulator[], prefix: string): Promise<number[]> {
  const ids: number[] = [];
  for (const [i, sim] of sims.entries()) {
    const created = await app.admin('/api/admin/devices', {
      method: 'POST',
      body: { name: `${prefix} ${i}`, host: '127.0.0.1', port: sim.httpPort, wsPort: sim.wsPort, password: sim.password },
    });
    ids.push(created.id);
  }
  await waitFor('record links', () => sims.every((sim) => sim.recordLinks === 1), 30_000);
  return ids;
}

/** Time the app takes between a terminal's answer and its next request (median, p95). */
function gaps(sim: TerminalSimulator): { p50: number; p95: number; max: number } {
  const requests = sim.requests.filter((r) => r.path === '/api/user');
  const values = requests.slice(1).map((r, i) => r.receivedAt - (requests[i].answeredAt ?? requests[i].receivedAt)).sort((a, b) => a - b);
  const at = (q: number) => Math.round(values[Math.floor(q * (values.length - 1))] * 10) / 10;
  return { p50: at(0.5), p95: at(0.95), max: at(1) };
}

/** How long the simulated terminal took to answer (its latency included). */
function answerTimes(sim: TerminalSimulator): { p50: number; p95: number } {
  const values = sim.requests.filter((r) => r.path === '/api/user' && r.answeredAt).map((r) => r.answeredAt! - r.receivedAt).sort((a, b) => a - b);
  const at = (q: number) => Math.round(values[Math.floor(q * (values.length - 1))] * 10) / 10;
  return { p50: at(0.5), p95: at(0.95) };
}

/** 1,000 approved people to 10 terminals that answer each request in 20 ms. */
async function provisioning() {
  const PEOPLE = 1000;
  const TERMINALS = Number(process.env.BENCH_TERMINALS ?? 10);
  const { dir, dbPath, storageDir } = workDir('gateway-provisioning');
  await seedPendingRegistrations(dbPath, storageDir, PEOPLE);

  const sims = await Promise.all(Array.from({ length: TERMINALS }, (_, i) => new TerminalSimulator({ password: `pw${i}`, latencyMs: LATENCY_MS }).start()));
  const app = await startApp(dir);
  try {
    await addTerminals(app, sims, 'Gate');
    const cpuBefore = cpuSeconds(app.process.pid!);
    const started = performance.now();
    const answer = await app.doCall('/SkyFaceRegister/approve.do', { ids: Array.from({ length: PEOPLE }, (_, i) => i + 1).join(','), isPass: 1 });
    if (answer.result_code !== 0) throw new Error(`approve.do: ${answer.result_msg}`);
    const approveMs = performance.now() - started;
    await waitFor('every person on every terminal', () => sims.every((sim) => sim.users.size === PEOPLE), 300_000);
    const onTerminals = performance.now() - started;
    const appCpuMs = (cpuSeconds(app.process.pid!) - cpuBefore) * 1000;
    await waitFor('every registration processed', async () => {
      const processed = await app.doCall('/SkyFaceRegister/getfaces.do', { state: 2, pageSize: 1 });
      return processed.result_data.totalRecord === PEOPLE;
    });
    const processed = performance.now() - started;
    const limitMs = PEOPLE * LATENCY_MS;
    return {
      people: PEOPLE,
      terminals: TERMINALS,
      latencyMs: LATENCY_MS,
      terminalBoundLimitMs: limitMs,
      allOnTerminalsMs: Math.round(onTerminals),
      allProcessedMs: Math.round(processed),
      ratio: Math.round((onTerminals / limitMs) * 1000) / 1000,
      requestsPerTerminal: sims.map((sim) => sim.count('/api/user')),
      maxConcurrentPerTerminal: Math.max(...sims.map((sim) => sim.maxConcurrent)),
      approveDoMs: Math.round(approveMs),
      appCpuMsPerWrite: Math.round((appCpuMs / (PEOPLE * TERMINALS)) * 100) / 100,
      firstWriteAfterMs: Math.round(Math.min(...sims.map((sim) => sim.requests.find((r) => r.path === '/api/user')!.receivedAt)) - started),
      lastWriteAfterMs: Math.round(Math.max(...sims.map((sim) => sim.requests.filter((r) => r.path === '/api/user').at(-1)!.receivedAt)) - started),
      gapBetweenRequestsMs: gaps(sims[0]),
      terminalAnswerMs: answerTimes(sims[0]),
    };
  } finally {
    await app.stop();
    await Promise.all(sims.map((sim) => sim.stop()));
  }
}

/** 50 terminals pushing records over their WebSockets. */
async function recordPush() {
  const TERMINALS = 50;
  const PER_TERMINAL_PER_SECOND = 44;
  const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
  const { dir, dbPath } = workDir('gateway-records');
  const avatar = (await distinctPhoto(7)).subarray(0, 8 * 1024).toString('base64');
  const sims = await Promise.all(Array.from({ length: TERMINALS }, (_, i) => new TerminalSimulator({ password: `r${i}` }).start()));
  const app = await startApp(dir);
  const reader = () => {
    const db = new Database(dbPath, { readonly: true });
    const count = Number((db.prepare("SELECT COUNT(*) AS n FROM access_record WHERE kind = 'recognition'").get() as { n: number }).n);
    db.close();
    return count;
  };
  try {
    await addTerminals(app, sims, 'Pusher');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const memory: number[] = [rssMb(app.process.pid!)];
    const storedAtStart = reader();
    let pushed = 0;
    const started = performance.now();
    for (let second = 0; second < SECONDS; second++) {
      const tick = started + second * 1000;
      for (let slot = 0; slot < 10; slot++) {
        const due = tick + slot * 100;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const slotIndex = second * 10 + slot;
        const perTerminal = Math.floor(((slotIndex + 1) * PER_TERMINAL_PER_SECOND) / 10) - Math.floor((slotIndex * PER_TERMINAL_PER_SECOND) / 10);
        for (const sim of sims) {
          for (let k = 0; k < perTerminal; k++) {
            sim.pushRecord({ userId: `FR${k}`, name: 'Pushed', similarity: 90, temperature: '36.5', signAvatar: avatar });
            pushed += 1;
          }
        }
      }
      memory.push(rssMb(app.process.pid!));
    }
    const pushEnded = performance.now();
    await waitFor('every pushed record stored', () => reader() - storedAtStart >= pushed, 120_000, 200);
    const storedAll = performance.now();
    const stored = reader() - storedAtStart;
    memory.push(rssMb(app.process.pid!));
    return {
      terminals: TERMINALS,
      offeredPerSecond: TERMINALS * PER_TERMINAL_PER_SECOND,
      seconds: SECONDS,
      pushed,
      stored,
      lost: pushed - stored,
      avatarBytes: Buffer.from(avatar, 'base64').length,
      storedPerSecond: Math.round((stored / (storedAll - started)) * 1000),
      drainAfterLastPushMs: Math.round(storedAll - pushEnded),
      appRssMbPerSecond: memory,
    };
  } finally {
    await app.stop();
    await Promise.all(sims.map((sim) => sim.stop()));
  }
}

/** A terminal that already holds 10,000 people, exactly as granted. */
async function reconcileInSync() {
  const PEOPLE = 10_000;
  const { dir, dbPath } = workDir('gateway-reconcile');
  await migrate(dbPath);
  const sim = await new TerminalSimulator({ password: 'sync', latencyMs: LATENCY_MS }).start();
  const db = new Database(dbPath);
  const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
  const sealed = new SecretBox(parseSecretKey(BENCH_DATA_KEY)).seal('sync');
  db.prepare(
    `INSERT INTO terminal (name, host, port, ws_port, password_sealed, enabled, provisioning, link_state, created_at, updated_at)
     VALUES ('In sync', '127.0.0.1', ?, ?, ?, 1, 1, 'disconnected', ?, ?)`,
  ).run(sim.httpPort, sim.wsPort, sealed, now, now);
  const grant = db.prepare(
    `INSERT INTO access_grant (person_id, source, source_id, user_type, name, phone, card_number, photo_url, active, version, announced_version, created_at, updated_at)
     VALUES (?, 'face-registration', ?, 1, ?, ?, ?, 'http://127.0.0.1/none.jpg', 1, 1, 1, ?, ?)`,
  );
  const task = db.prepare(
    `INSERT INTO provisioning_task (grant_id, terminal_id, action, grant_version, state, on_terminal, attempts, next_attempt_at, updated_at)
     VALUES (?, 1, 'upsert', 1, 'done', 1, 0, ?, ?)`,
  );
  db.transaction(() => {
    for (let n = 1; n <= PEOPLE; n++) {
      const phone = `138${String(n).padStart(8, '0')}`;
      grant.run(`FR${n}`, String(n), `Person ${n}`, phone, phone.slice(-9), now, now);
      task.run(n, now, now);
      sim.addUser({ userId: `FR${n}`, name: `Person ${n}`, userType: 1, mobile: phone, icNumber: phone.slice(-9), remark: 'FaceGate' });
    }
  })();
  db.close();
  const app = await startApp(dir);
  try {
    const runs = async () => (await app.admin('/api/admin/devices/1/reconciliations')).items;
    await waitFor('the reconnect reconciliation', async () => (await runs()).some((r: { state: string }) => r.state !== 'running'), 120_000, 200);
    const listCalls = sim.count('/api/user/list');
    const writes = sim.count('/api/user', 'POST') + sim.count('/api/user/delete');
    const started = await app.admin('/api/admin/devices/1/reconcile', { method: 'POST' });
    await waitFor('the manual reconciliation', async () => (await runs()).find((r: { id: number }) => r.id === started.id).state !== 'running', 120_000, 200);
    const run = (await runs()).find((r: { id: number }) => r.id === started.id);
    const limitMs = (PEOPLE / 10) * LATENCY_MS;
    return {
      people: PEOPLE,
      latencyMs: LATENCY_MS,
      run,
      listCallsSeenByTerminal: sim.count('/api/user/list') - listCalls,
      writesSeenByTerminal: sim.count('/api/user', 'POST') + sim.count('/api/user/delete') - writes,
      limitMs,
      ratio: Math.round((run.durationMs / limitMs) * 1000) / 1000,
      firstRun: (await runs()).find((r: { trigger: string }) => r.trigger === 'reconnect'),
    };
  } finally {
    await app.stop();
    await sim.stop();
  }
}

runScenarios('gateway', { provisioning, records: recordPush, reconcile: reconcileInSync });
