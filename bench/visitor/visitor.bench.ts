import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { rssMb } from '../../test/support/service-process';
import { startApp, workDir } from '../lib/app-under-test';
import { closeAgent, send } from '../lib/http-client';
import { openLoop } from '../lib/open-loop';
import { migrate } from '../../test/support/seed-registrations';
import { seededName } from '../lib/seed-data';
import { LatencySummary, median } from '../lib/stats';
import { proposerPhone, seedVisits } from './seed';

const ROWS = 100_000;
const RATE = 200;
const ROUNDS = 3;
const MEASURE_MS = 10_000;
const WARMUP_MS = 3_000;

async function main(): Promise<void> {
  const { dir, dbPath } = workDir('visitor');
  await migrate(dbPath);
  const seedStart = Date.now();
  await seedVisits(dbPath, ROWS);
  console.log(`seeded ${ROWS} visit applications in ${Date.now() - seedStart} ms`);

  const [twoChars, threeChars] = [await seededName(dbPath, 'visit_application', 2), await seededName(dbPath, 'visit_application', 3)];
  // The limits stay on (every request is counted); they are raised because one proposer at 200 requests/s is the load.
  const app = await startApp(dir, { VISITOR_REQUESTS_PER_ADDRESS_PER_MINUTE: '100000', VISITOR_REQUESTS_PER_TARGET_PER_HOUR: '100000' });
  const rssStart = rssMb(app.process.pid!);
  const records = (query: Record<string, string | number>, token?: string) => {
    const search = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
    return send(`${app.base}/v1/visit/records?${search}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  };

  // The H5 list of one applicant; the back office searching by a surname, a two-character and a
  // three-character name, and by interviewee; the back office's last pages.
  const shapes: [string, Record<string, string | number>, string?][] = [
    ['mobile: one proposer, first page', { type: 'mobile', proposer: proposerPhone(42) }],
    ['web: name substring "王" (1 char)', { type: 'web', name: '王' }, app.token],
    [`web: name substring "${twoChars}" (2 chars)`, { type: 'web', name: twoChars }, app.token],
    [`web: name substring "${threeChars}" (3 chars)`, { type: 'web', name: threeChars }, app.token],
    ['web: interviewee substring + authorised', { type: 'web', interviewee: '张', is_auth: 1 }, app.token],
    ['web: deep page 19,000 of 20,000', { type: 'web', page: 19_000 }, app.token],
  ];
  const latency: Record<string, { rounds: LatencySummary[]; medianP95: number; worstP95: number; count: number; onPage: number }> = {};
  // BENCH_SCENARIOS=import runs the import alone, BENCH_SHAPES=<regex> some shapes (quicker loops while working on one).
  const scenarios = (process.env.BENCH_SCENARIOS ?? 'latency,import').split(',');
  const only = new RegExp(process.env.BENCH_SHAPES ?? '');
  for (const [label, query, token] of scenarios.includes('latency') ? shapes.filter(([label]) => only.test(label)) : []) {
    const sample = JSON.parse((await records(query, token)).body);
    if (sample.code !== 0) throw new Error(`${label}: ${sample.err_msg}`);
    const fire = async () => {
      const answer = await records(query, token);
      return answer.status === 200 && answer.body.startsWith('{"code":0,');
    };
    await openLoop(RATE, WARMUP_MS, fire);
    const rounds: LatencySummary[] = [];
    for (let round = 0; round < ROUNDS; round++) rounds.push(await openLoop(RATE, MEASURE_MS, fire));
    const p95s = rounds.map((r) => r.p95);
    latency[label] = { rounds, medianP95: median(p95s), worstP95: Math.max(...p95s), count: sample.page.count, onPage: sample.data.length };
    console.log(label, latency[label]);
  }
  const duringImport = scenarios.includes('import') ? await importUnderLoad(app.base, app.token) : null;
  console.log('requests during a 60,000-employee import', duringImport);
  const rssEnd = rssMb(app.process.pid!);
  await app.stop();
  closeAgent();

  const results = {
    date: new Date().toISOString(),
    machine: `${cpus().length} × ${cpus()[0].model}, Node ${process.version}`,
    rows: ROWS,
    offeredRate: RATE,
    measureMs: MEASURE_MS,
    latency,
    duringImport,
    appRssMb: { start: rssStart, end: rssEnd },
  };
  writeFileSync(join(dir, 'results.json'), JSON.stringify(results, null, 2));
  console.log(JSON.stringify(results, null, 2));
}

/** Imports 60,000 employees while the H5 list is asked for at 50 requests/s: how long does any request wait? */
async function importUnderLoad(base: string, token: string) {
  const csv = ['name,phone,department', ...Array.from({ length: 60_000 }, (_, i) => `员工${i},134${String(i).padStart(8, '0')},部门${i % 40}`)].join('\n');
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'employees.csv');
  const started = performance.now();
  const imported = fetch(`${base}/api/admin/employees/import`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form }).then(async (response) => ({
    ms: Math.round(performance.now() - started),
    report: (await response.json()) as { created: number; updated: number; rejected: number },
  }));
  const fire = async () => (await send(`${base}/v1/visit/records?type=mobile&proposer=${proposerPhone(7)}`)).status === 200;
  let done = false;
  void imported.then(() => (done = true));
  const rounds: LatencySummary[] = [];
  while (!done) rounds.push(await openLoop(50, 1000, fire));
  const { ms, report } = await imported;
  const all = rounds.flatMap((r) => [r.max]);
  return { importMs: ms, report, requestsDuringImport: rounds.reduce((n, r) => n + r.count, 0), worstWaitMs: Math.max(...all), p99OfEachSecond: rounds.map((r) => r.p99) };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
