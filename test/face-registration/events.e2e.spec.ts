import { EventEmitter2 } from '@nestjs/event-emitter';
import {
  FaceRegistrationApproved,
  FaceRegistrationProvisioned,
  FaceRegistrationRejected,
  FaceRegistrationSubmitted,
} from '../../src/events';
import { WechatTestApp, adminLogin, register, startTestAppWithWechat, wechatLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';

describe('face-registration events (e2e)', () => {
  const heard: { name: string; payload: any }[] = [];
  let t: WechatTestApp;
  let client: FormClient;
  let admin: string;

  const heardOf = (name: string) => heard.filter((e) => e.name === name).map((e) => e.payload);
  const state = async (id: number) => {
    const list = await client.post<any>('/SkyFaceRegister/getfaces.do', { accessToken: admin, pageSize: 100 });
    return list.result_data.dataList.find((row: { id: number }) => row.id === id).state;
  };

  beforeAll(async () => {
    t = await startTestAppWithWechat();
    client = new FormClient(t.baseUrl);
    admin = await adminLogin(client);
    t.app.get(EventEmitter2).onAny((name, payload) => {
      heard.push({ name: String(name), payload });
    });
  });

  afterAll(() => t.close());

  it('emits submitted, approved with all a terminal needs, rejected; and handles provisioned', async () => {
    const token = await wechatLogin(client, t.wechat, { openId: 'o-ev' });
    const { result_data } = await register(client, token, { name: 'Event Person', telNo: '15800000001', cardId: '4242' });
    await t.flushEvents();

    const [submitted] = heardOf(FaceRegistrationSubmitted.eventName);
    expect(submitted).toBeInstanceOf(FaceRegistrationSubmitted);
    expect(submitted).toMatchObject({ openId: 'o-ev', name: 'Event Person', phone: '15800000001', state: 0 });
    const id = submitted.registrationId;

    await client.post('/SkyFaceRegister/approve.do', { accessToken: admin, ids: String(id), isPass: 1 });
    await t.flushEvents();
    const [approved] = heardOf(FaceRegistrationApproved.eventName);
    expect(approved).toBeInstanceOf(FaceRegistrationApproved);
    expect(approved).toEqual(
      expect.objectContaining({
        registrationId: id,
        personId: `FR${id}`,
        name: 'Event Person',
        phone: '15800000001',
        cardNumber: '4242',
        // The event keeps the lasting URL; links handed out carry a signature on top of it.
        photoUrl: result_data!.imgUrl.split('?')[0],
        approvedAt: expect.any(String),
      }),
    );
    expect((await fetch(approved.photoUrl)).status).toBe(403);
    expect((await fetch(result_data!.imgUrl)).status).toBe(200);

    await t.app.get(EventEmitter2).emitAsync(
      FaceRegistrationProvisioned.eventName,
      new FaceRegistrationProvisioned({ registrationId: id, personId: `FR${id}`, provisionedAt: new Date().toISOString() }),
    );
    expect(await state(id)).toBe(2);

    const token2 = await wechatLogin(client, t.wechat, { openId: 'o-ev2' });
    await register(client, token2, { name: 'Rejected Person', telNo: '15800000002' });
    await t.flushEvents();
    const second = heardOf(FaceRegistrationSubmitted.eventName)[1].registrationId;
    await client.post('/SkyFaceRegister/approve.do', { accessToken: admin, ids: String(second), isPass: 0 });
    await t.flushEvents();
    const [rejected] = heardOf(FaceRegistrationRejected.eventName);
    expect(rejected).toMatchObject({ registrationId: second, personId: `FR${second}`, rejectedAt: expect.any(String) });

    await t.app.get(EventEmitter2).emitAsync(
      FaceRegistrationProvisioned.eventName,
      new FaceRegistrationProvisioned({ registrationId: second, personId: `FR${second}`, provisionedAt: new Date().toISOString() }),
    );
    expect(await state(second)).toBe(3);
  });

  it('emits approved at once when review is not required', async () => {
    await fetch(`${t.baseUrl}/api/admin/settings/review`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reviewRequired: false }),
    });
    const before = heardOf(FaceRegistrationApproved.eventName).length;
    const token = await wechatLogin(client, t.wechat, { openId: 'o-ev3' });
    await register(client, token, { name: 'Auto Person', telNo: '15800000003' });
    await t.flushEvents();
    const approved = heardOf(FaceRegistrationApproved.eventName);
    expect(approved).toHaveLength(before + 1);
    expect(approved[before]).toMatchObject({ name: 'Auto Person', phone: '15800000003', cardNumber: '800000003' });
  });
});
