import { DataSource } from 'typeorm';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerminalSimulator } from '../fakes/terminal-simulator';
import { BuiltService } from '../support/built-service';
import { random } from '../support/seeded-random';
import { sleep, waitFor } from '../support/wait-for';
import { removeTestDir } from '../support/test-database-server';
import { openServiceDatabase } from '../support/service-database';
import { sql } from '../support/test-sql';

const SEED = 20261129;
const TERMINALS = 4;
const PUSH_EVERY_MS = 40;
const PUSH_FOR_MS = 11_000;
/** Each backfill page takes this long, so a kill can land while backfill runs. */
const RECORD_QUERY_MS = 150;

/** Record ids each terminal holds that the database does not hold exactly once, as ranges. */
async function missingOrDoubled(db: DataSource, sims: TerminalSimulator[], terminalIds: number[]): Promise<string[]> {
  const problems: string[] = [];
  for (const [i, sim] of sims.entries()) {
    const rows = await sql(db, "SELECT record_id AS id, COUNT(*) AS n FROM access_record WHERE terminal_id = ? AND kind = 'recognition' GROUP BY record_id", [terminalIds[i]]);
    const counts = new Map((rows as { id: number; n: number }[]).map((r) => [r.id, r.n]));
    const missing = sim.records.filter((r) => !counts.has(r.id)).map((r) => r.id);
    const doubled = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
    const foreign = [...counts.keys()].filter((id) => id > sim.records.length);
    if (missing.length) problems.push(`terminal ${i}: ${missing.length} missing (${ranges(missing)})`);
    if (doubled.length) problems.push(`terminal ${i}: stored twice ${ranges(doubled)}`);
    if (foreign.length) problems.push(`terminal ${i}: ids it never recorded ${ranges(foreign)}`);
  }
  return problems;
}

function ranges(ids: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < ids.length; ) {
    let j = i;
    while (j + 1 < ids.length && ids[j + 1] === ids[j] + 1) j++;
    out.push(i === j ? `${ids[i]}` : `${ids[i]}-${ids[j]}`);
    i = j + 1;
  }
  return out.join(', ');
}

/**
 * The set test of record durability: the built service as a child process, terminals pushing on a
 * seeded schedule (one with a skewed clock), SIGKILL twice (the second while the restarted service
 * is backfilling). Every record id of every terminal must end up stored exactly once.
 */
describe('records under SIGKILL (built service, child process)', () => {
  let dir: string;
  let service: BuiltService;
  let sims: TerminalSimulator[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'facegate-kill-'));
    service = new BuiltService(dir, { RECORD_RECONNECT_MAX_MS: '1000', RECONCILE_INTERVAL_MINUTES: '60' });
    sims = await Promise.all(Array.from({ length: TERMINALS }, (_, i) => new TerminalSimulator({ password: `kill-${i}`, sendsDate: i > 0 }).start()));
    for (const sim of sims) sim.slow(/^\/api\/record$/, RECORD_QUERY_MS);
    // One terminal's clock is 10 minutes behind and it sends no Date header: each restart must find it again.
    sims[0].clockOffsetMs = -10 * 60_000;
  });

  afterAll(async () => {
    await service.kill();
    await Promise.all(sims.map((sim) => sim.stop()));
    if (!process.env.KEEP_KILL_DIR) await removeTestDir(dir);
  });

  it('stores every record id of every terminal exactly once', async () => {
    const next = random(SEED);
    await service.start();
    const token = await service.adminToken();
    const terminalIds: number[] = [];
    for (const [i, sim] of sims.entries()) {
      const created = await service.admin(token, '/api/admin/devices', {
        method: 'POST',
        body: { name: `Kill gate ${i}`, host: '127.0.0.1', port: sim.httpPort, wsPort: sim.wsPort, password: sim.password },
      });
      terminalIds.push(created.id);
    }
    await waitFor('every record link', () => sims.every((sim) => sim.recordLinks === 1), 10_000);

    let pushing = true;
    const pusher = (async () => {
      const started = Date.now();
      while (Date.now() - started < PUSH_FOR_MS) {
        for (const sim of sims) if (next() < 0.9) sim.pushRecord({ userId: `FR${Math.floor(next() * 50)}`, name: 'Walker', similarity: 80 + Math.floor(next() * 20) });
        await sleep(PUSH_EVERY_MS * (0.5 + next()));
      }
      pushing = false;
    })();

    await sleep(2500 + next() * 1000);
    await service.kill();
    await sleep(1500);
    const queriesBefore = sims.map((sim) => sim.count('/api/record'));
    await service.start();
    await waitFor('the restarted service to backfill', () => sims.some((sim, i) => sim.count('/api/record') > queriesBefore[i]), 10_000, 5);
    await service.kill();
    await sleep(1000);
    await service.start();

    await pusher;
    expect(pushing).toBe(false);
    const pushed = sims.reduce((sum, sim) => sum + sim.records.length, 0);
    expect(pushed).toBeGreaterThan(800);
    const db = await openServiceDatabase(service.dbPath);
    try {
      await waitFor('every record stored once', async () => (await missingOrDoubled(db, sims, terminalIds)).length === 0, 20_000, 250);
    } catch (error) {
      throw new Error(`${(await missingOrDoubled(db, sims, terminalIds)).join('\n')}\n${service.logTail()}`);
    } finally {
      await db.destroy();
    }
  }, 60_000);
});
