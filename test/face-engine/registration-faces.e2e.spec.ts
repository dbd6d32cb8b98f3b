import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { FaceEmbeddingJob } from '../../src/face-registry/embeddings/face-embedding.job';
import { adminLogin, register, startTestAppWithWechat, WechatTestApp, wechatLogin } from '../support/face-flows';
import { engineReady, FACE_ENGINE_ON } from '../support/face-engine-env';
import { alteredFacePhoto, facePhoto, twoFacePhoto, wallPhoto } from '../support/face-photos';
import { FormClient } from '../support/form-client';
import { AdminApi, adminApi } from '../support/gateway-flows';
import { applicationBody, seedEmployeeAndVisitor, v1Client } from '../support/visitor-flows';
import { sql } from '../support/test-sql';

describe('the face engine on registrations and visitor photos (e2e)', () => {
  let t: WechatTestApp;
  let client: FormClient;
  let admin: AdminApi;
  let token: string;

  const photosOnDisk = async () =>
    (await readdir(join(t.dir, 'storage', 'public'), { recursive: true }).catch(() => [])).filter((f) => f.endsWith('.jpg')).length;
  const count = async (table: string) => Number((await sql(t.app.get(DataSource), `SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const registrationsByPhone = async () => {
    const page = (await admin('/api/admin/registrations?size=200')).body;
    return new Map<string, any>(page.items.map((r: { telNo: string }) => [r.telNo, r]));
  };

  beforeAll(async () => {
    t = await startTestAppWithWechat(FACE_ENGINE_ON);
    client = new FormClient(t.baseUrl);
    admin = adminApi(t, await adminLogin(client));
    token = await wechatLogin(client, t.wechat, { openId: 'open-face' });
    await engineReady(t);
  });
  afterAll(() => t.close());

  it('says it is ready once the models are loaded, and live at any time', async () => {
    const ready = await (await fetch(`${t.baseUrl}/health/ready`)).json();
    expect(ready).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, faceEngine: { status: 'up', state: 'ready' } } });
    expect(await (await fetch(`${t.baseUrl}/health/live`)).json()).toEqual({ status: 'ok' });
  });

  it('register.do refuses a photo without a face, with two faces or with a tiny face, and stores nothing', async () => {
    const before = { rows: await count('face_registration'), files: await photosOnDisk(), embeddings: await count('face_embedding') };
    const cases: [Buffer, RegExp][] = [
      [await wallPhoto(), /no face was found in the photo/],
      [await twoFacePhoto('s1a', 's3a'), /shows 2 faces; it must show only the person/],
      [await facePhoto('s3a', 150), /too small: \d+ px between the eyes .* at least 80 needed/],
    ];
    for (const [photo, message] of cases) {
      const answer = await register(client, token, { name: '王五', telNo: '13900000001' }, photo);
      expect(answer).toMatchObject({ result_code: -3, result_msg: expect.stringMatching(message) });
      expect(answer).not.toHaveProperty('result_data');
    }
    expect({ rows: await count('face_registration'), files: await photosOnDisk(), embeddings: await count('face_embedding') }).toEqual(before);
  });

  it('register.do accepts one clear face and keeps its embedding; the .do answers keep their shape', async () => {
    const answer = await register(client, token, { name: '赵六', telNo: '13900000002' }, await facePhoto('s4a'));
    expect(answer).toMatchObject({ result_code: 0, result_data: { imgUrl: expect.stringMatching(/\/files\/faces\/.+\.jpg\?expires=\d+&sig=[0-9a-f]{64}$/) } });
    const [row] = await sql(t.app.get(DataSource), `SELECT subject, faces, model, vector FROM face_embedding`);
    expect(row).toMatchObject({ subject: 'registration', faces: 1, model: 'faceplugin-fr_feature' });
    expect(Buffer.from(row.vector, 'base64')).toHaveLength(512 * 4);
    const faces = await client.post<{ dataList: object[] }>('/SkyFaceRegister/getfaces.do', { accessToken: token });
    expect(Object.keys(faces.result_data!.dataList[0]).sort()).toEqual(['applyTime', 'cardNo', 'id', 'imgUrl', 'name', 'state', 'telNo']);
  });

  it('warns the reviewer that a pending face is already registered, both ways, and not for someone else', async () => {
    const other = await wechatLogin(client, t.wechat, { openId: 'open-dup' });
    await register(client, token, { name: '张三', telNo: '13900000010' }, await facePhoto('s1a'));
    await register(client, other, { name: '张三丰', telNo: '13900000011' }, await alteredFacePhoto('s1a', 500, 0.3));
    await register(client, other, { name: '李四', telNo: '13900000012' }, await facePhoto('s6c'));
    await t.flushEvents();
    const rows = await registrationsByPhone();
    const first = rows.get('13900000010');
    const second = rows.get('13900000011');
    expect(second.possibleDuplicates).toEqual([{ id: first.id, name: '张三', phone: '13900000010', state: 0, score: expect.any(Number) }]);
    expect(second.possibleDuplicates[0].score).toBeGreaterThanOrEqual(0.8);
    expect(first.possibleDuplicates).toEqual([expect.objectContaining({ id: second.id, name: '张三丰' })]);
    expect(rows.get('13900000012').possibleDuplicates).toEqual([]);
    expect((await admin(`/api/admin/registrations/${second.id}`)).body.possibleDuplicates).toEqual(second.possibleDuplicates);
    expect((await admin('/api/admin/registrations?state=0&fields=张三丰')).body).toMatchObject({ total: 1, items: [{ telNo: '13900000011' }] });
  });

  it('keeps the index current: a deleted registration stops matching, a rejected one too, a new one matches at once', async () => {
    const rows = await registrationsByPhone();
    const [first, second] = [rows.get('13900000010'), rows.get('13900000011')];
    expect((await admin(`/api/admin/registrations/${first.id}`, { method: 'DELETE' })).status).toBe(204);
    await t.flushEvents();
    expect((await admin(`/api/admin/registrations/${second.id}`)).body.possibleDuplicates).toEqual([]);

    const third = await wechatLogin(client, t.wechat, { openId: 'open-again' });
    await register(client, third, { name: '张三', telNo: '13900000013' }, await facePhoto('s1a', 420));
    await t.flushEvents();
    const again = (await registrationsByPhone()).get('13900000013');
    expect((await admin(`/api/admin/registrations/${second.id}`)).body.possibleDuplicates).toEqual([expect.objectContaining({ id: again.id, phone: '13900000013' })]);

    await client.post('/SkyFaceRegister/approve.do', { accessToken: await adminLogin(client), ids: String(again.id), isPass: 0 });
    await t.flushEvents();
    expect((await admin(`/api/admin/registrations/${second.id}`)).body.possibleDuplicates).toEqual([]);
  });

  it('gates the photos of a visitor application the same way', async () => {
    const v1 = v1Client(t);
    await seedEmployeeAndVisitor(v1, admin);
    const wall = (await wallPhoto()).toString('base64');
    const refused = await v1('POST', '/subject', { body: applicationBody(t, { photo: `data:image/jpeg;base64,${wall}` }) });
    expect(refused).toMatchObject({ code: 400, err_msg: expect.stringContaining('no face was found in photo') });
    const twoFaces = (await twoFacePhoto('s1a', 's6c')).toString('base64');
    expect(await v1('POST', '/subject', { body: applicationBody(t, { photo: twoFaces }) })).toMatchObject({ code: 400, err_msg: expect.stringContaining('shows 2 faces') });
    const tiny = (await facePhoto('s5a', 150)).toString('base64');
    expect(await v1('POST', '/subject', { body: applicationBody(t, { photo: tiny }) })).toMatchObject({ code: 400, err_msg: expect.stringContaining('too small') });
    const retinue = await v1('POST', '/subject', {
      body: applicationBody(t, { photo: (await facePhoto('s5a')).toString('base64'), retinues: [{ name: '随行', phone: '13922222223', photo: wall }] }),
    });
    expect(retinue).toMatchObject({ code: 400, err_msg: expect.stringContaining('retinues[0].photo') });
    expect(await count('visit_application')).toBe(0);
  });

  it('runs the embedding job without harm when nothing waits', async () => {
    await t.app.get(FaceEmbeddingJob).run();
    expect(await count('face_embedding')).toBe(await count('face_registration'));
  });
});
