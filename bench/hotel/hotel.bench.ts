import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { PasswordHasher } from '../../src/common/crypto/password-hasher';
import { cpuSeconds, rssMb } from '../../test/support/service-process';
import { migrate } from '../../test/support/seed-registrations';
import { startApp, workDir } from '../lib/app-under-test';
import { backToBack } from '../lib/back-to-back';
import { send } from '../lib/http-client';
import { openLoop } from '../lib/open-loop';
import { runScenarios } from '../lib/run-scenarios';
import { sqliteDate } from '../lib/seed-data';
import { LatencySummary, median } from '../lib/stats';

const ACCOUNTS = 100_000;
const TOKENS = 2_000;
const RATE = 200;
const ROUNDS = 3;
const MEASURE_MS = 10_000;
const WARMUP_MS = 3_000;
const PASSWORD = 'bench-password-1';

const username = (n: number) => `138${String(n).padStart(8, '0')}`;

/** 100,000 accounts (one password hash shared: scrypt for each would take over an hour), 2,000 live tokens. */
async function seed(dbPath: string): Promise<string[]> {
  await migrate(dbPath);
  const hash = await new PasswordHasher().hash(PASSWORD);
  const db = new Database(dbPath);
  const now = Date.now();
  const account = db.prepare(
    `INSERT INTO hotel_account (username, password_hash, nickname, email, role, real_name_id, face_bound, portrait_key, created_at, updated_at)
     VALUES (?, ?, ?, NULL, 'user', NULL, 0, NULL, ?, ?)`,
  );
  const token = db.prepare('INSERT INTO hotel_token (token_hash, account_id, enduring, expires_at, created_at) VALUES (?, ?, 0, ?, ?)');
  const tokens: string[] = [];
  db.transaction(() => {
    for (let n = 1; n <= ACCOUNTS; n++) account.run(username(n), hash, `用户${n}`, sqliteDate(now), sqliteDate(now));
    for (let n = 0; n < TOKENS; n++) {
      const value = randomBytes(16).toString('hex');
      tokens.push(value);
      token.run(createHash('sha256').update(value).digest('hex'), 1 + Math.floor((n * ACCOUNTS) / TOKENS), sqliteDate(now + 3600_000), sqliteDate(now));
    }
  })();
  db.close();
  return tokens;
}

async function hotel() {
  const { dir, dbPath } = workDir('hotel');
  const seeded = Date.now();
  const tokens = await seed(dbPath);
  const seedMs = Date.now() - seeded;
  const app = await startApp(dir);
  const pid = app.process.pid!;
  const rssStart = rssMb(pid);
  let next = 0;
  const shapes: [string, (token: string) => Promise<{ status: number; body: string }>][] = [
    ['doki (POST, a different token each time)', (token) => send(`${app.base}/api/user/doki/?token=${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":1}' })],
    ['user info (GET)', (token) => send(`${app.base}/api/user/info/?token=${token}`)],
  ];
  const latency: Record<string, { rounds: LatencySummary[]; medianP95: number; worstP95: number }> = {};
  for (const [label, call] of shapes) {
    const fire = async () => {
      const answer = await call(tokens[next++ % tokens.length]);
      return answer.status === 200 && answer.body.includes('"status":0');
    };
    await openLoop(RATE, WARMUP_MS, fire);
    const rounds: LatencySummary[] = [];
    for (let round = 0; round < ROUNDS; round++) rounds.push(await openLoop(RATE, MEASURE_MS, fire));
    const p95s = rounds.map((r) => r.p95);
    latency[label] = { rounds, medianP95: median(p95s), worstP95: Math.max(...p95s) };
    console.log(label, latency[label]);
  }

  let account = 0;
  const cpuBefore = cpuSeconds(pid);
  const logins = await backToBack(4, 10, async () => {
    const body = JSON.stringify({ id: 1, type: 'login', subtype: 'pass', data: { username: username(1 + (account++ % ACCOUNTS)), pass: PASSWORD } });
    const answer = await send(`${app.base}/api/user/login/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return answer.body.includes('"status":0');
  });
  const cpuMsPerLogin = Math.round(((cpuSeconds(pid) - cpuBefore) * 1000) / Math.max(1, logins.ok));
  const rssEnd = rssMb(pid);
  await app.stop();
  return { accounts: ACCOUNTS, liveTokens: TOKENS, seedMs, offeredRate: RATE, measureMs: MEASURE_MS, latency, passwordLogins: { ...logins, cpuMsPerLogin }, appRssMb: { start: rssStart, end: rssEnd } };
}

runScenarios('hotel', { hotel });
