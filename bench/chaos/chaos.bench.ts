import Database from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import { TerminalSimulator } from '../../test/fakes/terminal-simulator';
import { BuiltService } from '../../test/support/built-service';
import { distinctPhoto, seedPendingRegistrations } from '../../test/support/seed-registrations';
import { rssMb } from '../../test/support/service-process';
import { sleep, waitFor } from '../../test/support/wait-for';
import { benchService, workDir } from '../lib/app-under-test';
import { runScenarios } from '../lib/run-scenarios';

const TERMINALS = 20;
const RECORDS = Number(process.env.BENCH_RECORDS ?? 10_000);
/** Records each terminal pushes per second. */
const RATE = Number(process.env.BENCH_RATE ?? 100);
const SLOW = 18;
const SKEWED = 19;

/** Seconds since the bench started, for the fault log. */
const started = performance.now();
const at = () => Math.round(performance.now() - started) / 1000;
const faults: string[] = [];
const fault = (what: string) => {
  faults.push(`${at()} s: ${what}`);
  console.log(`[${at()} s] ${what}`);
};

async function addTerminals(service: BuiltService, token: string, sims: TerminalSimulator[]): Promise<number[]> {
  const ids: number[] = [];
  for (const [i, sim] of sims.entries()) {
    const body = { name: `Chaos ${i}`, host: '127.0.0.1', port: sim.httpPort, wsPort: sim.wsPort, password: sim.password };
    ids.push((await service.admin(token, '/api/admin/devices', { method: 'POST', body })).id);
  }
  await waitFor('every record link', () => sims.every((sim) => sim.recordLinks === 1), 60_000, 100);
  return ids;
}

/** Kills the service, waits, starts it again; returns when it answers. */
async function killAndRestart(service: BuiltService, downMs: number, why: string): Promise<void> {
  fault(`SIGKILL (${why})`);
  await service.kill();
  await sleep(downMs);
  await service.start();
  fault('restarted');
}

/** Per terminal: how many of its record ids are stored, how many of those up to `upTo`, how many rows in all. */
function storedCounts(dbPath: string, terminalIds: number[], upTo: number[]): { distinct: number; upTo: number; rows: number }[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    const query = db.prepare(
      `SELECT COUNT(DISTINCT record_id) AS distinct_ids, SUM(CASE WHEN record_id <= ? THEN 1 ELSE 0 END) AS up_to, COUNT(*) AS rows_stored
       FROM access_record WHERE terminal_id = ? AND record_id IS NOT NULL`,
    );
    return terminalIds.map((id, i) => {
      const row = query.get(upTo[i], id) as { distinct_ids: number; up_to: number | null; rows_stored: number };
      return { distinct: row.distinct_ids, upTo: row.up_to ?? 0, rows: row.rows_stored };
    });
  } finally {
    db.close();
  }
}

/**
 * 20 terminals push RECORDS records each at RATE/s while the service is killed (once while
 * backfilling), record links are cut, three terminals refuse HTTP for 20 s, one answers in 2 s
 * and one's clock is 10 minutes behind (without a Date header).
 */
async function records() {
  const { dir } = workDir('chaos-records');
  const avatar = (await distinctPhoto(3, 48)).toString('base64');
  const sims = await Promise.all(
    Array.from({ length: TERMINALS }, (_, i) => new TerminalSimulator({ password: `chaos-${i}`, sendsDate: i !== SKEWED }).start()),
  );
  sims[SLOW].latencyMs = 2000;
  sims[SKEWED].clockOffsetMs = -10 * 60_000;
  const service = benchService(dir);
  await service.start();
  const token = await service.adminToken();
  const terminalIds = await addTerminals(service, token, sims);
  const seconds = RECORDS / RATE;
  fault(`pushing ${RECORDS} records from each of ${TERMINALS} terminals at ${RATE}/s (${seconds} s)`);

  let rssMax = 0;
  const sampler = setInterval(() => {
    const pid = service.process?.pid;
    if (pid && service.process?.exitCode === null && service.process.signalCode === null) rssMax = Math.max(rssMax, rssMb(pid));
  }, 250);
  const pushStart = performance.now();
  const pusher = (async () => {
    for (let tick = 1; sims.some((sim) => sim.records.length < RECORDS); tick++) {
      const due = Math.min(RECORDS, Math.floor((tick * RATE) / 10));
      for (const sim of sims) while (sim.records.length < due) sim.pushRecord({ userId: `FR${sim.records.length % 500}`, name: 'Chaos', similarity: 91, signAvatar: avatar });
      const wait = pushStart + tick * 100 - performance.now();
      if (wait > 0) await sleep(wait);
    }
    fault('pushing ended');
  })();
  const caughtUp = async (upTo: number[], which: number[]) =>
    waitFor('catching up', () => storedCounts(service.dbPath, terminalIds, upTo).every((c, i) => !which.includes(i) || c.upTo >= upTo[i]), 300_000, 100);
  const when = (fraction: number) => sleep(Math.max(0, pushStart + fraction * seconds * 1000 - performance.now()));

  await when(0.15);
  await killAndRestart(service, 3000, 'during the push');
  const queries = sims.map((sim) => sim.count('/api/record'));
  await waitFor('the restarted service to backfill', () => sims.some((sim, i) => sim.count('/api/record') > queries[i]), 30_000, 5);
  await killAndRestart(service, 2000, 'while it backfills');

  await when(0.35);
  fault('record links of terminals 0-4 cut');
  for (const sim of sims.slice(0, 5)) sim.dropRecordLinks();

  await when(0.4);
  fault('terminals 5-7 refuse HTTP for 20 s, their record links cut');
  for (const sim of sims.slice(5, 8)) {
    await sim.refuseHttp();
    sim.dropRecordLinks();
  }
  await sleep(20_000);
  for (const sim of sims.slice(5, 8)) await sim.acceptHttp();
  const httpBack = performance.now();
  fault('terminals 5-7 answer HTTP again');
  await caughtUp(
    sims.map((sim) => sim.records.length),
    [5, 6, 7],
  );
  const httpCatchUpMs = performance.now() - httpBack;
  fault('terminals 5-7 caught up');

  await when(0.75);
  const pushedBeforeKill = sims.map((sim) => sim.records.length);
  await killAndRestart(service, 3000, 'during the push');
  const restarted = performance.now();
  const pushedAtRestart = sims.map((sim) => sim.records.length);

  const everyone = sims.map((_, i) => i);
  const fast = everyone.filter((i) => i !== SLOW);
  await caughtUp(pushedAtRestart, fast);
  const catchUpMs = performance.now() - restarted;
  await caughtUp(pushedAtRestart, [SLOW]);
  const slowCatchUpMs = performance.now() - restarted;
  fault(`caught up with what was pushed until the last restart (slow terminal: ${Math.round(slowCatchUpMs)} ms)`);
  await pusher;
  const pushEnded = performance.now();
  await caughtUp(
    sims.map(() => RECORDS),
    everyone,
  );
  const drainedMs = performance.now() - pushEnded;
  fault('every record stored');

  clearInterval(sampler);
  const counts = storedCounts(service.dbPath, terminalIds, sims.map(() => RECORDS));
  const losses = await service.admin(await service.adminToken(), '/api/admin/devices?size=100');
  await service.stop();
  await Promise.all(sims.map((sim) => sim.stop()));
  return {
    terminals: TERMINALS,
    recordsPerTerminal: RECORDS,
    ratePerTerminal: RATE,
    avatarBytes: Buffer.from(avatar, 'base64').length,
    faults,
    perTerminal: sims.map((sim, i) => ({
      terminal: i,
      role: i === SLOW ? 'slow (2 s answers)' : i === SKEWED ? 'clock 10 min behind, no Date header' : i < 5 ? 'link cut' : i < 8 ? 'HTTP refused 20 s' : '',
      pushed: sim.records.length,
      stored: counts[i].distinct,
      lost: sim.records.length - counts[i].distinct,
      duplicated: counts[i].rows - counts[i].distinct,
      declaredLost: losses.items[i].recordsLost,
      recordQueries: sim.count('/api/record'),
    })),
    missedDuringLastOutage: pushedAtRestart.reduce((sum, n, i) => sum + n - pushedBeforeKill[i], 0),
    catchUpAfterLastRestartMs: Math.round(catchUpMs),
    slowTerminalCatchUpAfterLastRestartMs: Math.round(slowCatchUpMs),
    httpRefusedCatchUpAfterHttpBackMs: Math.round(httpCatchUpMs),
    drainAfterLastPushMs: Math.round(drainedMs),
    appRssMbMax: rssMax,
  };
}

/** 1,000 approvals provisioned to the 20 doors (20 ms answers) while the service is killed three times. */
async function provisioning() {
  const PEOPLE = 1000;
  faults.length = 0;
  const { dir, dbPath, storageDir } = workDir('chaos-provisioning');
  await seedPendingRegistrations(dbPath, storageDir, PEOPLE);
  const sims = await Promise.all(Array.from({ length: TERMINALS }, (_, i) => new TerminalSimulator({ password: `door-${i}`, latencyMs: 20 }).start()));
  const service = benchService(dir);
  await service.start();
  const token = await service.adminToken();
  await addTerminals(service, token, sims);
  const begun = performance.now();
  const answer = await service.doCall('/SkyFaceRegister/approve.do', { accessToken: token, ids: Array.from({ length: PEOPLE }, (_, i) => i + 1).join(','), isPass: 1 });
  if (answer.result_code !== 0) throw new Error(`approve.do: ${answer.result_msg}`);
  fault(`${PEOPLE} approved`);
  await waitFor('a third on the doors', () => sims.every((sim) => sim.users.size >= PEOPLE / 3), 300_000, 20);
  await killAndRestart(service, 2000, 'a third provisioned');
  const writes = sims.map((sim) => sim.count('/api/user'));
  await waitFor('provisioning to resume', () => sims.some((sim, i) => sim.count('/api/user') > writes[i]), 60_000, 2);
  await killAndRestart(service, 2000, 'as provisioning resumes');
  await waitFor('two thirds on the doors', () => sims.every((sim) => sim.users.size >= (2 * PEOPLE) / 3), 300_000, 20);
  await killAndRestart(service, 2000, 'two thirds provisioned');
  const restarted = performance.now();
  await waitFor('everyone on every door', () => sims.every((sim) => sim.users.size === PEOPLE), 300_000, 50);
  const onDoors = performance.now();
  const fresh = await service.adminToken();
  await waitFor(
    'every registration processed',
    async () => (await service.doCall('/SkyFaceRegister/getfaces.do', { accessToken: fresh, state: 2, pageSize: 1 })).result_data.totalRecord === PEOPLE,
    300_000,
    200,
  );
  const processed = performance.now();
  fault('everyone on every door, every registration processed');
  const addedTwice = sims.reduce((sum, sim) => sum + [...sim.adds.values()].filter((n) => n > 1).length, 0);
  const result = {
    people: PEOPLE,
    doors: TERMINALS,
    latencyMs: 20,
    faults: [...faults],
    onEveryDoor: sims.every((sim) => sim.users.size === PEOPLE),
    addedTwice,
    refusedDuplicateAdds: sims.reduce((sum, sim) => sum + sim.count('/api/user', 'POST') - sim.count('/api/user/update') - [...sim.adds.values()].reduce((a, b) => a + b, 0), 0),
    updatesAfterAStaleAdd: sims.reduce((sum, sim) => sum + sim.count('/api/user/update'), 0),
    allOnDoorsMs: Math.round(onDoors - begun),
    allProcessedMs: Math.round(processed - begun),
    onDoorsAfterLastRestartMs: Math.round(onDoors - restarted),
  };
  await service.stop();
  await Promise.all(sims.map((sim) => sim.stop()));
  return result;
}

runScenarios('chaos', { records, provisioning });
