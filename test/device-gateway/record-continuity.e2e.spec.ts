import { DataSource } from 'typeorm';
import { RecordIngestor } from '../../src/device-gateway/records/record-ingestor.service';
import { SimRecord, TerminalSimulator } from '../fakes/terminal-simulator';
import { adminLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { AdminApi, addTerminal, adminApi, eventually } from '../support/gateway-flows';
import { startTestApp, TestApp } from '../support/test-app';
import { sql } from '../support/test-sql';

const TEN_MINUTES = 10 * 60_000;

/** Backfill by record id: gaps are found whatever the order records arrive in, or the terminal's clock. */
describe('record continuity (e2e)', () => {
  let t: TestApp;
  let api: AdminApi;
  const sims: TerminalSimulator[] = [];

  const simulator = async (options: { sendsDate?: boolean; clockOffsetMs?: number; nextRecordId?: number } = {}) => {
    const sim = await new TerminalSimulator({ password: `pw-${sims.length}`, now: () => t.clock.now().getTime(), ...options }).start();
    sim.clockOffsetMs = options.clockOffsetMs ?? 0;
    sims.push(sim);
    return sim;
  };
  const stored = async (terminalId: number) => {
    await t.app.get(RecordIngestor).drained();
    return (await api(`/api/admin/access-records?size=200&terminalId=${terminalId}`)).body.items as { recordId: number; source: string; signedAt: string; receivedAt: string }[];
  };
  const storedIds = async (terminalId: number) => (await stored(terminalId)).map((r) => r.recordId).sort((a, b) => a - b);
  const ids = (records: SimRecord[]) => records.map((r) => r.id).sort((a, b) => a - b);
  const terminal = async (id: number) => (await api(`/api/admin/devices/${id}`)).body;
  const connected = (sim: TerminalSimulator, id: number) =>
    eventually(async () => {
      expect(sim.recordLinks).toBe(1);
      expect((await terminal(id)).linkState).toBe('connected');
    });

  beforeAll(async () => {
    t = await startTestApp({ RECORD_HEARTBEAT_MS: '100', RECORD_DEAD_AFTER_MS: '400', RECORD_RECONNECT_MAX_MS: '200', RECORD_CHECK_SECONDS: '1' });
    api = adminApi(t, await adminLogin(new FormClient(t.baseUrl)));
  });

  afterAll(async () => {
    await t.close();
    await Promise.all(sims.map((sim) => sim.stop()));
  });

  it('does not let a record pushed after reconnecting move backfill past the records missed before it', async () => {
    const sim = await simulator();
    const id = await addTerminal(api, sim, 'Race gate');
    await connected(sim, id);
    const before = [sim.pushRecord(), sim.pushRecord()];
    await eventually(async () => expect(await storedIds(id)).toEqual(ids(before)));
    sim.slow(/^\/api\/record$/, 300);
    sim.dropRecordLinks();
    await eventually(() => expect(sim.recordLinks).toBe(0));
    const missed = Array.from({ length: 150 }, () => sim.pushRecord({ userId: 'FR7' }));
    t.clock.advance(60_000);
    await eventually(() => expect(sim.recordLinks).toBe(1));
    const after = sim.pushRecord({ userId: 'FR8' });
    await eventually(async () => expect(await storedIds(id)).toEqual(ids([...before, ...missed, after])), 10_000);
    expect((await terminal(id)).recordsCompleteUpTo).toBe(after.id);
  });

  it('fetches a record the terminal stored but never pushed', async () => {
    const sim = await simulator();
    const id = await addTerminal(api, sim, 'Quiet gate');
    await connected(sim, id);
    const pushed = sim.pushRecord();
    const silent = sim.pushRecord({ userId: 'FR9' }, false);
    await eventually(async () => expect(await storedIds(id)).toEqual([pushed.id, silent.id]), 5000);
    expect((await stored(id)).find((r) => r.recordId === silent.id)?.source).toBe('backfill');
  });

  it('declares lost, with the range and a count on the terminal, what the terminal no longer holds', async () => {
    const sim = await simulator();
    const id = await addTerminal(api, sim, 'Full gate');
    await connected(sim, id);
    const first = sim.pushRecord();
    await eventually(async () => expect(await storedIds(id)).toEqual([first.id]));
    sim.dropRecordLinks();
    await eventually(() => expect(sim.recordLinks).toBe(0));
    sim.denyRecordLink = true;
    const missed = Array.from({ length: 6 }, () => sim.pushRecord());
    sim.overwrite([missed[1].id, missed[2].id, missed[3].id]);
    sim.denyRecordLink = false;
    await eventually(async () => expect((await terminal(id)).recordsLost).toBe(3), 5000);
    expect(await storedIds(id)).toEqual([first.id, missed[0].id, missed[4].id, missed[5].id]);
    const losses = (await api(`/api/admin/devices/${id}/record-losses`)).body;
    expect(losses).toMatchObject({ total: 1, items: [{ terminalId: id, firstRecordId: missed[1].id, lastRecordId: missed[3].id, count: 3 }] });
    expect((await terminal(id)).recordsCompleteUpTo).toBe(missed[5].id);
    expect((await api('/api/admin/devices/999/record-losses')).status).toBe(404);

    expect((await api(`/api/admin/devices/${id}`, { method: 'DELETE' })).status).toBe(204);
    await eventually(async () => expect(await sql(t.app.get(DataSource), 'SELECT * FROM record_cursor WHERE terminal_id = ?', [id])).toEqual([]));
    expect((await sql(t.app.get(DataSource), 'SELECT COUNT(*) AS n FROM record_loss WHERE terminal_id = ?', [id]))[0].n).toBe(1);
  });

  it('reads nothing a terminal held before it was registered, and then misses nothing', async () => {
    const sim = await simulator();
    t.clock.advance(-86_400_000);
    const history = [sim.pushRecord(), sim.pushRecord()];
    t.clock.advance(86_400_000);
    const id = await addTerminal(api, sim, 'Old gate');
    await connected(sim, id);
    await eventually(async () => expect((await terminal(id)).recordsCompleteUpTo).toBe(history[1].id));
    sim.dropRecordLinks();
    await eventually(() => expect(sim.recordLinks).toBe(0));
    const missed = sim.pushRecord();
    await eventually(async () => expect(await storedIds(id)).toEqual([missed.id]), 5000);
    expect((await terminal(id)).recordsLost).toBe(0);
  });

  it('takes a terminal that was empty and numbers its records from 5000 as it is, with nothing lost', async () => {
    const sim = await simulator({ nextRecordId: 5000 });
    const id = await addTerminal(api, sim, 'Cleared gate');
    await connected(sim, id);
    await eventually(async () => expect((await terminal(id)).recordsCompleteUpTo).toBe(0));
    const records = [sim.pushRecord(), sim.pushRecord()];
    await eventually(async () => expect((await terminal(id)).recordsCompleteUpTo).toBe(5001), 5000);
    expect(await storedIds(id)).toEqual(ids(records));
    expect((await terminal(id)).recordsLost).toBe(0);
    expect((await api(`/api/admin/devices/${id}/record-losses`)).body.total).toBe(0);
  });

  it('keeps, without their ids and with a warning, the records of a terminal that numbers from 1 again after a reset', async () => {
    const sim = await simulator();
    const id = await addTerminal(api, sim, 'Reset gate');
    await connected(sim, id);
    const before = sim.pushRecord({ userId: 'FR1' });
    await eventually(async () => expect(await storedIds(id)).toEqual([before.id]));
    sim.reset();
    t.clock.advance(5_000);
    const after = sim.pushRecord({ userId: 'FR2' });
    expect(after.id).toBe(before.id);
    await eventually(async () => expect(await stored(id)).toHaveLength(2));
    const rows = (await api(`/api/admin/access-records?terminalId=${id}&userId=FR2`)).body.items;
    expect(rows).toEqual([expect.objectContaining({ recordId: null, extra: { reusedRecordId: after.id }, signedAt: new Date(after.signTime * 1000).toISOString() })]);
  });

  it.each([
    ['ahead, with a Date header', TEN_MINUTES, true],
    ['behind, without a Date header', -TEN_MINUTES, false],
  ])('loses nothing of a terminal whose clock is 10 minutes %s, and keeps its time', async (_, clockOffsetMs, sendsDate) => {
    const sim = await simulator({ clockOffsetMs, sendsDate });
    const id = await addTerminal(api, sim, `Skewed ${clockOffsetMs}`);
    await eventually(() => expect(sim.recordLinks).toBe(1), 5000);
    expect(Math.abs((await terminal(id)).clockOffsetSeconds - clockOffsetMs / 1000)).toBeLessThanOrEqual(2);
    const live = sim.pushRecord();
    sim.dropRecordLinks();
    await eventually(() => expect(sim.recordLinks).toBe(0));
    const missed = [sim.pushRecord(), sim.pushRecord()];
    await eventually(async () => expect(await storedIds(id)).toEqual(ids([live, ...missed])), 5000);
    for (const record of await stored(id)) {
      const pushed = sim.records.find((r) => r.id === record.recordId)!;
      expect(record.signedAt).toBe(new Date(pushed.signTime * 1000).toISOString());
      expect(Math.abs(Date.parse(record.receivedAt) - t.clock.now().getTime())).toBeLessThan(10_000);
    }
    await eventually(async () => expect((await terminal(id)).linkState).toBe('connected'));
  });
});
