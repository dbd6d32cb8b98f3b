import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { FAKE_APPID, FAKE_SECRET, FakeWechatApi } from '../../test/fakes/fake-wechat-api';
import { cpuSeconds, freePort, rssMb, startProcess, stopProcess } from '../../test/support/service-process';
import { startApp, workDir } from '../lib/app-under-test';
import { backToBack } from '../lib/back-to-back';
import { closeAgent } from '../lib/http-client';
import { openLoop } from '../lib/open-loop';
import { LatencySummary, median } from '../lib/stats';
import { migrate } from '../../test/support/seed-registrations';
import { onPostgres } from '../../test/support/test-database-server';
import { seededName } from '../lib/seed-data';
import { countInstructions } from './instructions';
import { seed, seededPhone } from './seed';

const ROWS = 100_000;
const RATE = 200;
const ROUNDS = 3;
const MEASURE_MS = 10_000;
const WARMUP_MS = 3_000;
const CLOSED_LOOP_SECONDS = 10;
/** The machine's noise is ±15 % on one round: five interleaved rounds, the median reported. */
const CLOSED_LOOP_ROUNDS = 5;
const root = resolve(__dirname, '..', '..');

const form = (fields: Record<string, string | number>) =>
  new URLSearchParams(Object.entries(fields).map(([k, v]): [string, string] => [k, String(v)])).toString();

/** A JPEG of about `bytes` bytes (noise compresses badly, so the size is easy to steer). */
async function photoOfSize(bytes: number): Promise<Buffer> {
  let edge = 200;
  for (;;) {
    const noise = Buffer.alloc(edge * edge * 3);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
    const jpeg = await sharp(noise, { raw: { width: edge, height: edge, channels: 3 } }).jpeg({ quality: 80 }).toBuffer();
    if (jpeg.length >= bytes) return jpeg;
    edge += 20;
  }
}

/**
 * On a machine with two cores or more, the server under test and this process (the load) get a
 * core each (taskset, when the machine has it), so neither takes the other's CPU while measured.
 */
function pinApart(serverPids: number[]): boolean {
  if (cpus().length < 2) return false;
  try {
    for (const pid of serverPids) execFileSync('taskset', ['-acp', '1', String(pid)], { stdio: 'ignore' });
    execFileSync('taskset', ['-acp', '0', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function closedLoop(url: string, body: string, pid: number) {
  const options = {
    url,
    connections: 50,
    method: 'POST' as const,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  };
  await autocannon({ ...options, duration: WARMUP_MS / 1000 });
  const cpuBefore = cpuSeconds(pid);
  const result = await autocannon({ ...options, duration: CLOSED_LOOP_SECONDS });
  const cpu = cpuSeconds(pid) - cpuBefore;
  return {
    rps: Math.round(result.requests.average),
    cpuMicrosPerRequest: Math.round((cpu * 1e6) / result.requests.total),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** Starts one of the comparison servers of this folder. */
async function startScript(script: string, dbPath: string, publicBaseUrl: string) {
  const port = await freePort();
  const server = await startProcess(
    'node',
    ['-r', 'ts-node/register/transpile-only', join(__dirname, script)],
    { DB_PATH: dbPath, PORT: String(port), PUBLIC_BASE_URL: publicBaseUrl, TS_NODE_PROJECT: join(root, 'tsconfig.json') },
    `http://127.0.0.1:${port}/`,
  );
  return { process: server, pid: server.pid!, url: `http://127.0.0.1:${port}/SkyFaceRegister/getfaces.do` };
}

/** Phone numbers for benchmark registrations, never the seeded ones (those start with 13). */
let nextPhone = 0;

function registrationsPerSecond(base: string, token: string, photo: Buffer, concurrency: number, seconds: number) {
  return backToBack(concurrency, seconds, async () => {
    const form = new FormData();
    form.append('accessToken', token);
    form.append('name', '压测用户');
    form.append('telNo', `19${String(nextPhone++).padStart(9, '0')}`);
    form.append('fileStream', new Blob([photo], { type: 'image/jpeg' }), 'face.jpg');
    const answer = (await (await fetch(`${base}/SkyFaceRegister/register.do`, { method: 'POST', body: form })).json()) as { result_code: number };
    return answer.result_code === 0;
  });
}

/** `npm run bench:api -- latency|closed-loop|instructions|register` runs one part (the others are reported as skipped). */
const only = process.argv[2];
/** The closed loop and the instruction count compare with a floor that reads SQLite directly: on PostgreSQL only latency and register.do run. */
const SQLITE_ONLY = ['closed-loop', 'instructions'];
const wanted = (part: string) => (!only || only === part) && !(onPostgres() && SQLITE_ONLY.includes(part));

async function main(): Promise<void> {
  if (only && !['latency', 'closed-loop', 'instructions', 'register'].includes(only)) throw new Error(`unknown part ${only}: latency, closed-loop, instructions or register`);
  const { dir, dbPath, storageDir } = workDir('api');
  await migrate(dbPath);
  const seedStart = Date.now();
  await seed(dbPath, storageDir, ROWS);
  console.log(`seeded ${ROWS} registrations in ${Date.now() - seedStart} ms`);

  const twoChars = await seededName(dbPath, 'face_registration', 2);
  const wechat = new FakeWechatApi();
  const wechatBase = await wechat.start();
  const app = await startApp(dir, { WECHAT_API_BASE: wechatBase, WECHAT_APPID: FAKE_APPID, WECHAT_SECRET: FAKE_SECRET });
  const base = app.base;
  const admin = app.token;
  const rssStart = rssMb(app.process.pid!);

  const shapes: [string, Record<string, string | number>][] = [
    ['first page', { accessToken: admin, state: -1, pageSize: 20, pageNum: 1 }],
    ['page 2,500', { accessToken: admin, state: -1, pageSize: 20, pageNum: 2500 }],
    ['phone substring "5678"', { accessToken: admin, state: -1, pageSize: 20, pageNum: 1, fields: '5678' }],
    [`two-character name "${twoChars}"`, { accessToken: admin, state: -1, pageSize: 20, pageNum: 1, fields: twoChars }],
  ];
  const latency: Record<string, { rounds: LatencySummary[]; medianP95: number; worstP95: number; totalRecord: number }> = {};
  for (const [label, fields] of wanted('latency') ? shapes : []) {
    const sample = await app.doCall('/SkyFaceRegister/getfaces.do', fields);
    if (sample.result_code !== 0) throw new Error(`${label}: ${sample.result_msg}`);
    const fire = async () => (await app.doCall('/SkyFaceRegister/getfaces.do', fields)).result_code === 0;
    await openLoop(RATE, WARMUP_MS, fire);
    const rounds: LatencySummary[] = [];
    for (let round = 0; round < ROUNDS; round++) rounds.push(await openLoop(RATE, MEASURE_MS, fire));
    const p95s = rounds.map((r) => r.p95);
    latency[label] = { rounds, medianP95: median(p95s), worstP95: Math.max(...p95s), totalRecord: sample.result_data.totalRecord };
    console.log(label, latency[label]);
  }

  const rssAfterLatency = rssMb(app.process.pid!);
  const firstPage = form(shapes[0][1]);
  const throughput: Record<'app' | 'baseline' | 'nestMinimal', Awaited<ReturnType<typeof closedLoop>>[]> = { app: [], baseline: [], nestMinimal: [] };
  let pinned = false;
  if (wanted('closed-loop')) {
    const baselineServer = await startScript('bare-baseline.ts', dbPath, base);
    const nestMinimalServer = await startScript('nest-minimal.ts', dbPath, base);
    const targets = {
      app: { url: `${base}/SkyFaceRegister/getfaces.do`, pid: app.process.pid! },
      baseline: baselineServer,
      nestMinimal: nestMinimalServer,
    };
    pinned = pinApart(Object.values(targets).map((target) => target.pid));
    for (let round = 0; round < CLOSED_LOOP_ROUNDS; round++) {
      for (const name of Object.keys(targets) as (keyof typeof targets)[]) {
        throughput[name].push(await closedLoop(targets[name].url, firstPage, targets[name].pid));
        console.log(`closed loop round ${round + 1}`, name, throughput[name][round]);
      }
    }
    await stopProcess(baselineServer.process);
    await stopProcess(nestMinimalServer.process);
  }
  const medianRps = (name: keyof typeof throughput) => median(throughput[name].map((r) => r.rps));
  const medianCpu = (name: keyof typeof throughput) => median(throughput[name].map((r) => r.cpuMicrosPerRequest));

  const rssAfterClosedLoop = rssMb(app.process.pid!);
  let instructions: Record<string, unknown> = { skipped: true };
  if (wanted('instructions')) {
    const appCount = await countInstructions('app', dir);
    const floor = await countInstructions('nestMinimal', dir, appCount.token);
    instructions = { app: appCount.kiloInstructionsPerRequest, nestMinimal: floor.kiloInstructionsPerRequest, ratio: Math.round((appCount.kiloInstructionsPerRequest / floor.kiloInstructionsPerRequest) * 100) / 100 };
    console.log('instructions (thousands per request)', instructions);
  }
  const photo = await photoOfSize(100 * 1024);
  const mini = (await app.doCall('/SkyFaceRegister/wxlogin.do', wechat.login({ openId: 'o-bench' }))).result_data.accessToken as string;
  const registrationRounds = [];
  for (let round = 0; round < (wanted('register') ? ROUNDS : 0); round++) registrationRounds.push(await registrationsPerSecond(base, mini, photo, 4, 10));
  const registrations = { rounds: registrationRounds, medianPerSecond: median(registrationRounds.map((r) => r.perSecond)) };
  console.log('register.do', registrations, { photoBytes: photo.length });
  const rssEnd = rssMb(app.process.pid!);

  await app.stop();
  await wechat.stop();
  closeAgent();

  const results = {
    date: new Date().toISOString(),
    machine: `${cpus().length} × ${cpus()[0].model}, Node ${process.version}`,
    database: onPostgres() ? 'postgres' : 'sqlite',
    rows: ROWS,
    seededPhoneExample: seededPhone(0),
    offeredRate: RATE,
    measureMs: MEASURE_MS,
    latency,
    closedLoop: {
      rounds: throughput,
      medianRps: { app: medianRps('app'), baseline: medianRps('baseline'), nestMinimal: medianRps('nestMinimal') },
      medianCpuMicrosPerRequest: { app: medianCpu('app'), baseline: medianCpu('baseline'), nestMinimal: medianCpu('nestMinimal') },
      ratio: Math.round((medianRps('app') / medianRps('baseline')) * 100) / 100,
      nestMinimalRatio: Math.round((medianRps('nestMinimal') / medianRps('baseline')) * 100) / 100,
      /** The target: the app's CPU per request at most 1.5 times the minimal NestJS floor's. */
      cpuOverNestMinimal: Math.round((medianCpu('app') / medianCpu('nestMinimal')) * 100) / 100,
      pinned,
    },
    instructions,
    register: { ...registrations, photoBytes: photo.length, concurrency: 4 },
    appRssMb: { start: rssStart, afterLatency: rssAfterLatency, afterClosedLoop: rssAfterClosedLoop, afterRegistrations: rssEnd },
  };
  writeFileSync(join(dir, 'results.json'), JSON.stringify(results, null, 2));
  console.log(JSON.stringify(results, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
