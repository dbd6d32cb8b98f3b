import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { RecordIngestor } from '../../src/device-gateway/records/record-ingestor.service';
import { SnapshotRetentionJob } from '../../src/device-gateway/records/snapshot-retention.job';
import { VisitorPhotoRetentionJob } from '../../src/visitor-appointment/visits/visitor-photo-retention.job';
import { TerminalSimulator } from '../fakes/terminal-simulator';
import { adminLogin, register, startTestAppWithWechat, WechatTestApp, wechatLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { AdminApi, addTerminal, adminApi, eventually, settle } from '../support/gateway-flows';
import { jpegPhoto } from '../support/images';
import { applicationBody, seedEmployeeAndVisitor, TEST_TEMPLATES, v1Client } from '../support/visitor-flows';
import { sql } from '../support/test-sql';

/** PIPL: deleting a person removes every copy of their face and personal data FaceGate kept. */
describe('erasing a person (e2e)', () => {
  let t: WechatTestApp;
  let api: AdminApi;
  let adminToken: string;
  let sim: TerminalSimulator;
  let db: DataSource;

  const file = (area: string, key: string) => join(t.dir, 'storage', area, key);
  const rows = async (text: string, params: unknown[] = []) => sql(db, text, params);
  const everywhere = async (text: string) => {
    const tables = ['event_outbox', 'notification', 'access_record', 'face_registration', 'visit_application', 'visit_person', 'face_embedding'];
    const found: string[] = [];
    for (const table of tables) if (JSON.stringify(await rows(`SELECT * FROM ${table}`)).includes(text)) found.push(table);
    return found;
  };
  const snapshotOf = async (userId: string, avatar: string) => {
    sim.pushRecord({ userId, name: 'x', signAvatar: avatar });
    await eventually(async () => expect((await rows('SELECT avatar_key FROM access_record WHERE user_id = ?', [userId])).length).toBe(1));
    await t.app.get(RecordIngestor).drained();
    return (await rows('SELECT avatar_key FROM access_record WHERE user_id = ?', [userId]))[0].avatar_key as string;
  };

  beforeAll(async () => {
    t = await startTestAppWithWechat();
    db = t.app.get(DataSource);
    adminToken = await adminLogin(new FormClient(t.baseUrl));
    api = adminApi(t, adminToken);
    sim = await new TerminalSimulator({ now: () => t.clock.now().getTime() }).start();
    const terminalId = await addTerminal(api, sim, 'Gate');
    await eventually(async () => expect((await api(`/api/admin/devices/${terminalId}`)).body.linkState).toBe('connected'));
  });
  afterAll(async () => {
    await t.close();
    await sim.stop();
  });

  it('a deleted registration leaves no photo, embedding, captured face or event payload behind, and leaves the doors', async () => {
    const client = new FormClient(t.baseUrl);
    const token = await wechatLogin(client, t.wechat, { openId: 'o-erase' });
    await register(client, token, { name: '待删除', telNo: '13911112222' });
    const [registration] = await rows(`SELECT id, photo_key FROM face_registration WHERE tel_no = '13911112222'`);
    await client.post('/SkyFaceRegister/approve.do', { accessToken: adminToken, ids: String(registration.id), isPass: 1 });
    await settle(t);
    expect(sim.users.has(`FR${registration.id}`)).toBe(true);
    const snapshot = await snapshotOf(`FR${registration.id}`, (await jpegPhoto()).toString('base64'));
    expect([existsSync(file('public', registration.photo_key)), existsSync(file('private', snapshot))]).toEqual([true, true]);
    expect(await everywhere('13911112222')).toEqual(expect.arrayContaining(['event_outbox', 'face_registration']));
    expect((await rows('SELECT * FROM face_embedding WHERE photo_key = ?', [registration.photo_key])).length).toBe(1);

    expect((await api(`/api/admin/registrations/${registration.id}`, { method: 'DELETE' })).status).toBe(204);
    await settle(t);

    expect(sim.users.has(`FR${registration.id}`)).toBe(false);
    expect([existsSync(file('public', registration.photo_key)), existsSync(file('private', snapshot))]).toEqual([false, false]);
    expect(await rows('SELECT * FROM face_embedding WHERE photo_key = ?', [registration.photo_key])).toEqual([]);
    expect(await rows('SELECT avatar_key FROM access_record WHERE user_id = ?', [`FR${registration.id}`])).toEqual([{ avatar_key: null }]);
    expect(await everywhere('13911112222')).toEqual([]);
    expect(await everywhere('待删除')).toEqual([]);
  });

  it('a deleted visit leaves no photo, embedding, message, captured face or event payload behind', async () => {
    const v1 = v1Client(t);
    await seedEmployeeAndVisitor(v1, api);
    expect((await v1('PUT', '/config/templates', { body: TEST_TEMPLATES, token: adminToken })).code).toBe(0);
    const photo = (await jpegPhoto()).toString('base64');
    const visit = await v1('POST', '/subject', { body: applicationBody(t, { name: '访客删', phone: '13933334444', photo, proposer: '13811111111', weixinUserId: 'emp-lisi' }) });
    expect(visit.code).toBe(0);
    const signedIn = await v1('POST', '/visit/signin', { body: { phone: '13933334444' } });
    expect(signedIn.code).toBe(0);
    await settle(t);
    const [person] = await rows('SELECT id, photo_key FROM visit_person WHERE application_id = ?', [visit.data.id]);
    const snapshot = await snapshotOf(`VS${person.id}`, photo);
    expect((await rows('SELECT COUNT(*) AS n FROM notification WHERE application_id = ?', [visit.data.id]))[0].n).toBeGreaterThan(0);
    expect(await everywhere('13933334444')).toEqual(expect.arrayContaining(['event_outbox', 'notification', 'visit_application']));

    expect((await v1('DELETE', `/visit/records/${visit.data.id}`, { token: adminToken })).code).toBe(0);
    await settle(t);

    expect([existsSync(file('public', person.photo_key)), existsSync(file('private', snapshot))]).toEqual([false, false]);
    expect(await rows('SELECT * FROM face_embedding WHERE photo_key = ?', [person.photo_key])).toEqual([]);
    expect(await everywhere('13933334444')).toEqual([]);
    expect(await everywhere('访客删')).toEqual([]);
  });

  it("erases captured faces after RECORD_SNAPSHOT_RETENTION_DAYS and visitors' photos VISITOR_PHOTO_RETENTION_DAYS after the visit", async () => {
    const v1 = v1Client(t);
    const photo = (await jpegPhoto()).toString('base64');
    const visit = await v1('POST', '/subject', { body: applicationBody(t, { name: '旧访客', phone: '13955556666', photo }) });
    const [person] = await rows('SELECT photo_key FROM visit_person WHERE application_id = ?', [visit.data.id]);
    const snapshot = await snapshotOf('FR999', photo);

    t.clock.advance(8 * 86400_000);
    await t.app.get(VisitorPhotoRetentionJob).run();
    await t.app.get(SnapshotRetentionJob).run();
    expect(existsSync(file('public', person.photo_key))).toBe(false);
    expect(await rows('SELECT photo_key FROM visit_person WHERE application_id = ?', [visit.data.id])).toEqual([{ photo_key: null }]);
    expect((await v1('GET', '/visit/records', { query: { proposer: '13922222222', name: '旧访客' } })).data[0].photo).toBe('');
    expect(existsSync(file('private', snapshot))).toBe(true);

    t.clock.advance(83 * 86400_000);
    await t.app.get(SnapshotRetentionJob).run();
    expect(existsSync(file('private', snapshot))).toBe(false);
    expect(await rows('SELECT avatar_key FROM access_record WHERE user_id = ?', ['FR999'])).toEqual([{ avatar_key: null }]);
    t.clock.advance(-91 * 86400_000);
  });
});
