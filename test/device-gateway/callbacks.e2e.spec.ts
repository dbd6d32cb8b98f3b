import { ProvisioningPlanner } from '../../src/device-gateway/provisioning/provisioning-planner.service';
import { RecordIngestor } from '../../src/device-gateway/records/record-ingestor.service';
import { TerminalSimulator } from '../fakes/terminal-simulator';
import { adminLogin, register, startTestAppWithWechat, WechatTestApp, wechatLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { AdminApi, addTerminal, adminApi, eventually, settle } from '../support/gateway-flows';
import { jpegPhoto } from '../support/images';
import { UnitOfWork } from '../../src/database/unit-of-work';

describe('terminal callbacks, spec chapter 9 (e2e)', () => {
  let t: WechatTestApp;
  let api: AdminApi;
  let sim: TerminalSimulator;
  let deviceId: string;
  let person: string;
  let terminalId: number;

  const post = async (path: string, body: unknown, contentType = 'application/json') => {
    const response = await fetch(`${t.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return response.json() as Promise<any>;
  };
  const records = async (kind: string) => {
    await t.app.get(RecordIngestor).drained();
    return (await api(`/api/admin/access-records?kind=${kind}&terminalId=${terminalId}`)).body.items;
  };

  beforeAll(async () => {
    t = await startTestAppWithWechat();
    const client = new FormClient(t.baseUrl);
    const admin = await adminLogin(client);
    api = adminApi(t, admin);
    sim = await new TerminalSimulator({ now: () => t.clock.now().getTime() }).start();
    terminalId = await addTerminal(api, sim, 'Callback gate');
    await eventually(async () => expect((await api(`/api/admin/devices/${terminalId}`)).body.deviceId).toBe(sim.deviceId));
    deviceId = sim.deviceId;
    const token = await wechatLogin(client, t.wechat, { openId: 'o-cb' });
    await register(client, token, { name: '王五', telNo: '13600006666' });
    const id = (await client.post<any>('/SkyFaceRegister/getfaces.do', { accessToken: token })).result_data.dataList[0].id;
    await client.post('/SkyFaceRegister/approve.do', { accessToken: admin, ids: String(id), isPass: 1 });
    await settle(t);
    person = `FR${id}`;
  });

  afterAll(async () => {
    await t.close();
    await sim.stop();
  });

  it('serves the face library, in full and as changes since the last query', async () => {
    t.clock.advance(2000);
    const full = (await (await fetch(`${t.baseUrl}/syrecord/${deviceId}?lastQueryTime=0`)).json()) as any;
    expect(full.serviceResponse.lastQueryTime).toEqual(expect.any(Number));
    expect(full.serviceResponse.list).toEqual([
      expect.objectContaining({ operation: 'save', userId: person, userName: '王五', userType: '1', userImageUrl: expect.stringMatching(/^http:\/\/.*\.jpg\?expires=\d+&sig=[0-9a-f]{64}$/) }),
    ]);
    expect((await fetch(full.serviceResponse.list[0].userImageUrl)).status).toBe(200);
    const later = (await (await fetch(`${t.baseUrl}/syrecord/${deviceId}?lastQueryTime=${full.serviceResponse.lastQueryTime}`)).json()) as any;
    expect(later.serviceResponse.list).toEqual([]);
  });

  it('opens the door only for a person with a current grant, and stores every face posted', async () => {
    const img = (await jpegPhoto(30, 30)).toString('base64');
    const granted = await post(`/syface/${deviceId}`, { userId: person, userName: '王五', deviceid: deviceId, temperature: '36.59', mask: true, screenTime: 1763798400, similarity: 91, img });
    expect(granted).toEqual({ ret: '0', desc: 'Success', openDoor: 1, unlockDelay: 20 });
    const stranger = await post(`/syface/${deviceId}`, { userId: 'NOBODY', userName: '?', temperature: '36.5°C', mask: false, screenTime: 1763798401, similarity: 40 });
    expect(stranger).toMatchObject({ ret: '0', openDoor: 0 });
    const faces = await records('face');
    expect(faces).toHaveLength(2);
    expect(faces.find((r: any) => r.userId === person)).toMatchObject({
      doorOpened: true,
      temperature: 36.59,
      wearMask: true,
      similarity: 91,
      name: '王五',
      signedAt: new Date(1763798400 * 1000).toISOString(),
      source: 'callback',
      avatarUrl: expect.any(String),
      extra: { deviceid: deviceId },
    });
    expect(faces.find((r: any) => r.userId === 'NOBODY')).toMatchObject({ doorOpened: false, temperature: 36.5, wearMask: false });
  });

  it('opens for a visitor only inside the visit window', async () => {
    const now = t.clock.now().getTime();
    await t.app.get(UnitOfWork).run((manager) =>
      t.app.get(ProvisioningPlanner).grant(manager, {
        personId: 'VS1',
        source: 'visitor',
        sourceId: '1',
        userType: 2,
        name: 'Visitor',
        phone: '13500000000',
        cardNumber: '',
        photoUrl: `${t.baseUrl}/files/none.jpg`,
        startTime: new Date(now - 60_000),
        endTime: new Date(now + 60_000),
      }),
    );
    expect((await post(`/syface/${deviceId}`, { userId: 'VS1', mask: true, temperature: 36.4, screenTime: 1 })).openDoor).toBe(1);
    t.clock.advance(2 * 60_000);
    expect((await post(`/syface/${deviceId}`, { userId: 'VS1', mask: true, temperature: 36.4, screenTime: 2 })).openDoor).toBe(0);
  });

  it('stores wrapped attribute, result and heartbeat posts', async () => {
    expect(await post(`/syattribute/${deviceId}`, { Info: { deviceid: deviceId, uuid: 'SY001', temperature: '36.3', mask: true, openCode: 100, openMsg: '开门成功', screenTime: 1763798500 } })).toEqual({ ret: '0', desc: 'Success' });
    expect((await records('attribute'))[0]).toMatchObject({ temperature: 36.3, wearMask: true, extra: { uuid: 'SY001', openCode: 100, openMsg: '开门成功', deviceid: deviceId } });

    expect(await post(`/syresult/${deviceId}`, { resultList: { userID: ' 111222', status: ' 100', msg: '操作成功' } })).toEqual({ ret: '0', desc: 'Success' });
    expect((await records('result'))[0]).toMatchObject({ userId: '111222', extra: { status: ' 100', msg: '操作成功' } });

    const seenBefore = (await api(`/api/admin/devices/${terminalId}`)).body.lastSeenAt;
    t.clock.advance(1000);
    expect(await post(`/syheartbeat/${deviceId}`, { Heartinfo: { deviceid: deviceId, ServerURL: 'www.example.com' } }, 'text/plain')).toEqual({ ret: '0', desc: 'Success' });
    expect((await records('heartbeat'))[0]).toMatchObject({ extra: { deviceid: deviceId, ServerURL: 'www.example.com' } });
    expect((await api(`/api/admin/devices/${terminalId}`)).body.lastSeenAt).not.toBe(seenBefore);
  });

  it('refuses unknown terminals and malformed posts in its own envelope', async () => {
    expect(await post('/syface/NOT-A-DEVICE', { userId: person })).toEqual({ ret: '403', desc: 'unknown device NOT-A-DEVICE' });
    expect((await (await fetch(`${t.baseUrl}/syrecord/NOT-A-DEVICE`)).json())).toMatchObject({ ret: '403' });
    expect(await post(`/syattribute/${deviceId}`, { temperature: 36 })).toMatchObject({ ret: '400', desc: 'Info must be a JSON object' });
    expect(await post(`/syface/${deviceId}`, '{"userId": ', 'text/plain')).toMatchObject({ ret: '400' });
    expect(await post(`/syface/${deviceId}`, [1, 2])).toMatchObject({ ret: '400' });
    expect((await (await fetch(`${t.baseUrl}/syrecord/${deviceId}?lastQueryTime=yesterday`)).json())).toMatchObject({ ret: '400' });
    const tooBig = await post(`/syface/${deviceId}`, { img: 'A'.repeat(3 * 1024 * 1024) });
    expect(tooBig).toMatchObject({ ret: '400' });
  });

  it('keeps the time of arrival for a capture time no clock could show, instead of failing or storing the year 5138', async () => {
    for (const screenTime of [1e20, -1e20, 2 ** 53 + 1, 99_999_999_999_999, '1e20', 'NaN']) {
      const arrived = t.clock.now().getTime();
      expect(await post(`/syface/${deviceId}`, { userId: 'NOBODY', userName: String(screenTime), mask: false, temperature: 1e20, screenTime })).toEqual({ ret: '0', desc: 'Success', openDoor: 0, unlockDelay: 20 });
      const stored = (await records('face')).find((r: { name: string }) => r.name === String(screenTime));
      expect(stored.temperature).toBeNull();
      expect(Math.abs(Date.parse(stored.signedAt) - arrived)).toBeLessThan(5000);
      t.clock.advance(1000);
    }
  });
});
