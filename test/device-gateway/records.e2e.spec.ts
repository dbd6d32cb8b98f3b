import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import { AccessRecord } from '../../src/device-gateway/records/access-record.entity';
import { insertInChunks } from '../../src/database/insert-in-chunks';
import { AccessRecordReceived } from '../../src/events';
import { RecordIngestor } from '../../src/device-gateway/records/record-ingestor.service';
import { TerminalSimulator } from '../fakes/terminal-simulator';
import { adminLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { AdminApi, addTerminal, adminApi, eventually } from '../support/gateway-flows';
import { jpegPhoto } from '../support/images';
import { startTestApp, TestApp } from '../support/test-app';

describe('record push, storage and backfill (e2e)', () => {
  let t: TestApp;
  let api: AdminApi;
  let sim: TerminalSimulator;
  let terminalId: number;
  const heard: AccessRecordReceived[] = [];

  const stored = async (query = '') => {
    await t.app.get(RecordIngestor).drained();
    return (await api(`/api/admin/access-records?size=200${query}`)).body;
  };
  const terminal = async (id = terminalId) => (await api(`/api/admin/devices/${id}`)).body;

  beforeAll(async () => {
    t = await startTestApp({ RECORD_HEARTBEAT_MS: '100', RECORD_DEAD_AFTER_MS: '400', RECORD_RECONNECT_MAX_MS: '200' });
    api = adminApi(t, await adminLogin(new FormClient(t.baseUrl)));
    t.app.get(EventEmitter2).on(AccessRecordReceived.eventName, (event: AccessRecordReceived) => heard.push(event));
    sim = await new TerminalSimulator({ password: 'pw-rec', now: () => t.clock.now().getTime() }).start();
    terminalId = await addTerminal(api, sim, 'Records gate');
    await eventually(async () => expect(await terminal()).toMatchObject({ online: true, linkState: 'connected' }));
  });

  afterAll(async () => {
    await t.close();
    await sim.stop();
  });

  it('stores pushed records with every field, the captured face as a file and unknown keys as extra', async () => {
    const avatar = (await jpegPhoto(40, 40)).toString('base64');
    const pushed = sim.pushRecord({
      userId: 'FR1',
      name: '张三',
      similarity: 87,
      temperature: '36.5°C',
      Temperatureunit: 'C',
      wearMask: true,
      icNumber: '800138000',
      signAvatar: avatar,
      Weird_Field: { nested: [1, 2] },
    });
    await eventually(async () => expect((await stored()).total).toBe(1));
    const [record] = (await stored()).items;
    expect(record).toMatchObject({
      terminalId,
      kind: 'recognition',
      source: 'push',
      recordId: pushed.id,
      signedAt: new Date(pushed.signTime * 1000).toISOString(),
      userId: 'FR1',
      name: '张三',
      userType: 1,
      inputType: 1,
      similarity: 87,
      temperature: 36.5,
      wearMask: true,
      icNumber: '800138000',
      extra: { Temperatureunit: 'C', Weird_Field: { nested: [1, 2] } },
    });
    const face = await fetch(`${t.baseUrl}${record.avatarUrl}`, { headers: { authorization: (await adminHeader()) } });
    expect(face.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await face.arrayBuffer()).toString('base64')).toBe(avatar);
    expect((await fetch(`${t.baseUrl}${record.avatarUrl}`)).status).toBe(401);
    expect(heard).toEqual([expect.objectContaining({ id: record.id, terminalId, userId: 'FR1', kind: 'recognition' })]);
  });

  it('stores a record sent twice once', async () => {
    const record = sim.pushRecord({ userId: 'FR2', name: 'Twice' });
    sim.repush(record);
    sim.repush(record);
    await eventually(async () => expect((await stored('&userId=FR2')).total).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await stored('&userId=FR2')).total).toBe(1);
  });

  it('recovers the records pushed while the link was down', async () => {
    const before = (await stored()).total;
    const attempts = sim.linkAttempts;
    sim.dropRecordLinks();
    await eventually(async () => expect(sim.recordLinks).toBe(0));
    const missed = [sim.pushRecord({ userId: 'FR3', name: 'a' }), sim.pushRecord({ userId: 'FR3', name: 'b' }), sim.pushRecord({ userId: 'FR3', name: 'c' })];
    await eventually(async () => expect(sim.linkAttempts).toBeGreaterThan(attempts));
    await eventually(async () => expect((await stored()).total).toBe(before + 3));
    const recovered = (await stored('&userId=FR3')).items;
    expect(recovered.map((r: { recordId: number }) => r.recordId).sort()).toEqual(missed.map((r) => r.id).sort());
    expect(recovered.every((r: { source: string }) => r.source === 'backfill')).toBe(true);
    sim.pushRecord({ userId: 'FR4', name: 'after' });
    await eventually(async () => expect((await stored()).total).toBe(before + 4));
  });

  it('declares a silent link dead and reconnects', async () => {
    const attempts = sim.linkAttempts;
    sim.silent = true;
    await eventually(async () => expect(sim.linkAttempts).toBeGreaterThan(attempts), 3000);
    sim.silent = false;
    await eventually(async () => expect(await terminal()).toMatchObject({ linkState: 'connected' }));
  });

  it('filters records by terminal, user, type and time', async () => {
    const all = (await stored()).total;
    expect((await stored(`&terminalId=${terminalId}`)).total).toBe(all);
    expect((await stored('&terminalId=999')).total).toBe(0);
    expect((await stored('&type=1')).total).toBe(all);
    expect((await stored('&type=2')).total).toBe(0);
    const future = new Date(t.clock.now().getTime() + 3600_000).toISOString();
    expect((await stored(`&from=${future}`)).total).toBe(0);
    expect((await stored(`&to=${future}`)).total).toBe(all);
    expect((await api('/api/admin/access-records?from=yesterday')).status).toBe(400);
  });

  it('filters by name and by passed or denied, and exports the filtered set as CSV, streamed in batches', async () => {
    sim.pushRecord({ userId: '', name: '', type: -1 });
    sim.pushRecord({ userId: 'FR9', name: '=HYPERLINK("http://x")', type: 1 });
    await eventually(async () => expect((await stored('&result=denied')).total).toBe(1));
    const all = (await stored()).total;
    expect((await stored('&result=passed')).total).toBe(all - 1);
    expect((await stored('&result=denied')).items[0]).toMatchObject({ userType: -1, denied: true });
    expect((await stored('&name=张')).items.every((r: { name: string }) => r.name.includes('张'))).toBe(true);
    expect((await stored('&name=%25')).total).toBe(0);
    expect((await api('/api/admin/access-records?result=maybe')).status).toBe(400);

    const repository = t.app.get(DataSource).getRepository(AccessRecord);
    const base = t.clock.now().getTime() - 86_400_000;
    await insertInChunks(repository, Array.from({ length: 2500 }, (_, i) => ({ terminalId, kind: 'recognition', source: 'backfill', recordId: 100_000 + i, signedAt: new Date(base + i * 1000), userId: `FR${i % 7}`, name: `批量${i}`, userType: 1, receivedAt: new Date() })));
    const response = await fetch(`${t.baseUrl}/api/admin/access-records/export.csv?terminalId=${terminalId}`, { headers: { authorization: await adminHeader() } });
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="access-records-\d{8}-\d{6}\.csv"$/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('id,time,terminal,user id,name,user type,input,similarity,temperature,door opened,result');
    expect(lines).toHaveLength(1 + all + 2500);
    expect(new Set(lines.slice(1).map((line) => line.split(',')[0])).size).toBe(all + 2500);
    expect(lines.find((line) => line.includes('HYPERLINK'))).toContain(`"'=HYPERLINK(""http://x"")"`);
    const denied = await fetch(`${t.baseUrl}/api/admin/access-records/export.csv?result=denied`, { headers: { authorization: await adminHeader() } });
    expect((await denied.text()).split('\r\n').filter(Boolean)).toHaveLength(2);
  });

  it('backs off when the terminal refuses the link, without a hot loop', async () => {
    const other = await new TerminalSimulator({ password: 'right', now: () => t.clock.now().getTime() }).start();
    try {
      const id = await addTerminal(api, { ...other, password: 'wrong' } as TerminalSimulator, 'Wrong password');
      // Refused on the link (its message names the password) or first by the HTTP API (the terminal's own words), the link is denied.
      await eventually(async () => expect(await terminal(id)).toMatchObject({ linkState: 'denied', lastError: expect.stringMatching(/password|Signature Failed/) }));
      const seen = other.linkAttempts;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(other.linkAttempts - seen).toBeLessThanOrEqual(10);
      expect((await terminal(id)).online).toBe(false);
    } finally {
      await other.stop();
    }
  });

  async function adminHeader(): Promise<string> {
    return `Bearer ${await adminLogin(new FormClient(t.baseUrl))}`;
  }
});
