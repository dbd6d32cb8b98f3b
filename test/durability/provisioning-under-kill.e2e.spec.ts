import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerminalSimulator } from '../fakes/terminal-simulator';
import { BuiltService } from '../support/built-service';
import { seedPendingRegistrations } from '../support/seed-registrations';
import { sleep, waitFor } from '../support/wait-for';
import { removeTestDir } from '../support/test-database-server';

const PEOPLE = 60;
const TERMINALS = 3;

/**
 * Provisioning under SIGKILL: approvals reach every door, each person is added once per door
 * (a retry finds the person there and updates), and every registration ends processed.
 */
describe('provisioning under SIGKILL (built service, child process)', () => {
  let dir: string;
  let service: BuiltService;
  let sims: TerminalSimulator[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'facegate-kill-'));
    service = new BuiltService(dir, { RECONCILE_INTERVAL_MINUTES: '60', OUTBOX_POLL_MS: '500' });
    await seedPendingRegistrations(service.dbPath, service.storageDir, PEOPLE, 120);
    sims = await Promise.all(Array.from({ length: TERMINALS }, (_, i) => new TerminalSimulator({ password: `prov-${i}`, latencyMs: 15 }).start()));
  });

  afterAll(async () => {
    await service.kill();
    await Promise.all(sims.map((sim) => sim.stop()));
    if (!process.env.KEEP_KILL_DIR) await removeTestDir(dir);
  });

  it('puts every approved person on every door exactly once and marks each registration processed', async () => {
    await service.start();
    let token = await service.adminToken();
    for (const [i, sim] of sims.entries()) {
      await service.admin(token, '/api/admin/devices', {
        method: 'POST',
        body: { name: `Door ${i}`, host: '127.0.0.1', port: sim.httpPort, wsPort: sim.wsPort, password: sim.password },
      });
    }
    await waitFor('every record link', () => sims.every((sim) => sim.recordLinks === 1), 10_000);
    const ids = Array.from({ length: PEOPLE }, (_, i) => i + 1).join(',');
    expect((await service.doCall('/SkyFaceRegister/approve.do', { accessToken: token, ids, isPass: 1 })).result_code).toBe(0);

    await waitFor('provisioning under way', () => sims.some((sim) => sim.users.size >= 10), 10_000, 5);
    await service.kill();
    await sleep(500);
    const writesBefore = sims.map((sim) => sim.count('/api/user'));
    await service.start();
    await waitFor('provisioning to resume', () => sims.some((sim, i) => sim.count('/api/user') > writesBefore[i]), 10_000, 5);
    await service.kill();
    await sleep(500);
    await service.start();

    try {
      await waitFor('every person on every door', () => sims.every((sim) => sim.users.size === PEOPLE), 30_000, 100);
    } catch (error) {
      throw new Error(`${(error as Error).message}: ${sims.map((sim) => sim.users.size).join(', ')}\n${service.logTail()}`);
    }
    for (const sim of sims) expect([...sim.adds.values()].filter((n) => n !== 1)).toEqual([]);
    token = await service.adminToken();
    await waitFor(
      'every registration processed',
      async () => (await service.doCall('/SkyFaceRegister/getfaces.do', { accessToken: token, state: 2, pageSize: 1 })).result_data.totalRecord === PEOPLE,
      15_000,
      200,
    );
  }, 60_000);
});
