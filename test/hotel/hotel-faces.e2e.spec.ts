import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { checkCharacter } from '../../src/wechat-auth/real-name/resident-id';
import { adminLogin } from '../support/face-flows';
import { engineReady, FACE_ENGINE_ON } from '../support/face-engine-env';
import { alteredFacePhoto, facePhoto, groupPhoto, Person, twoFacePhoto, wallPhoto } from '../support/face-photos';
import { FormClient } from '../support/form-client';
import { adminApi } from '../support/gateway-flows';
import { HotelClient, hotelClient, HotelTestApp, registeredAccount, startHotelTestApp } from '../support/hotel-flows';
import { sql } from '../support/test-sql';

/** A valid resident ID number born on 1990-01-<day>. */
const residentId = (day: number, serial: string) => {
  const first17 = `330106199001${day}${serial}`;
  return first17 + checkCharacter(first17);
};

describe('hotel face groups and faces (e2e)', () => {
  let t: HotelTestApp;
  let hotel: HotelClient;
  const tokens: Record<string, string> = {};

  const group = (token: string, subtype: string, data: Record<string, unknown> = {}) => hotel('/api/face/group/', { token, type: 'group', subtype, data });
  const face = (token: string, subtype: string, data: Record<string, unknown>) => hotel('/api/face/', { token, type: 'face', subtype, data });
  const b64 = async (photo: Promise<Buffer> | Buffer) => (await photo).toString('base64');
  const certify = async (token: string, day: number, name: string) => {
    const answer = await hotel('/api/realauth/', { token, type: 'realauth', subtype: 'create', data: { id_type: 'sfz', id: residentId(day, '123'), name, gender: 'male', birthday: Date.UTC(1990, 0, day) / 1000 } });
    if (answer.status !== 0) throw new Error(JSON.stringify(answer));
  };
  const registerFace = async (token: string, person: Person, db?: number) => face(token, 'register', { base64: await b64(facePhoto(person)), ...(db === undefined ? {} : { db }) });

  beforeAll(async () => {
    t = await startHotelTestApp({ ...FACE_ENGINE_ON, CAPTCHA_SMS_PER_ADDRESS_PER_HOUR: '1000', FACE_REQUESTS_PER_ACCOUNT_PER_MINUTE: '200' });
    hotel = hotelClient(t);
    for (const [name, phone] of [['boss', '13600000001'], ['alice', '13600000002'], ['bob', '13600000003'], ['carol', '13600000004']]) {
      tokens[name] = await registeredAccount(t, hotel, phone);
    }
    const admin = adminApi(t, await adminLogin(new FormClient(t.baseUrl)));
    expect((await admin('/api/admin/hotel-accounts/13600000001/role', { method: 'PUT', body: { role: 'admin' } })).status).toBe(200);
    await certify(tokens.alice, 11, '爱丽丝');
    await certify(tokens.carol, 12, '卡罗尔');
    await engineReady(t);
  });
  afterAll(() => t.close());

  describe('groups', () => {
    it('lists the default group, and lets only a hotel administrator create, update and delete', async () => {
      expect(await group(tokens.alice, 'list')).toMatchObject({ status: 0, data: { num: 1, list: [{ group_id: 1, group_name: '默认人员库', group_content: '' }] } });
      for (const [subtype, data] of [['create', { group_name: 'x' }], ['update', { group_id: 1, group_content: 'y' }], ['delete', { group_id: 1 }]] as const) {
        expect(await group(tokens.alice, subtype, data)).toMatchObject({ status: -103, data: {} });
      }
      const created = await group(tokens.boss, 'create', { group_name: '西和5幢人员库', group_content: '浙江科技学院西和公寓5幢人脸数据库' });
      expect(created).toMatchObject({ status: 0, message: 'Successful', data: { group_id: 2 } });
      expect(await group(tokens.boss, 'create', { group_name: '西和5幢人员库' })).toMatchObject({ status: 100, message: expect.stringContaining('FaceGroup name has existed') });
      expect(await group(tokens.boss, 'update', { group_name: '西和5幢人员库', group_content: '改过' })).toMatchObject({ status: 0 });
      expect(await group(tokens.alice, 'get', { group_id: '2' })).toMatchObject({ status: 0, data: { group_id: 2, group_name: '西和5幢人员库', group_content: '改过' } });
      expect(await group(tokens.alice, 'get', { group_id: 2, group_name: '别的库' })).toMatchObject({ status: 0, data: { group_id: 2 } });
    });

    it('answers each status of the spec', async () => {
      expect(await group(tokens.alice, 'get', { group_id: 'five' })).toMatchObject({ status: 100, message: expect.stringContaining('Error Group ID') });
      expect(await group(tokens.alice, 'get', { group_id: 2.5 })).toMatchObject({ status: 100 });
      expect(await group(tokens.alice, 'get', {})).toMatchObject({ status: 101, message: expect.stringContaining('Need Group ID or Group name') });
      expect(await group(tokens.alice, 'get', { group_name: 'nobody' })).toMatchObject({ status: 102, message: expect.stringContaining('No such Group') });
      expect(await group(tokens.boss, 'update', { group_id: 99, group_content: 'x' })).toMatchObject({ status: 102 });
      expect(await group(tokens.boss, 'delete', { group_id: 99 })).toMatchObject({ status: 102 });
      expect(await group(tokens.boss, 'delete', {})).toMatchObject({ status: 101 });
      expect(await group(tokens.boss, 'delete', { group_id: 1 })).toMatchObject({ status: 103, message: expect.stringContaining('Delete Group Failed') });
      expect(await group(tokens.boss, 'create', { group_name: 'n'.repeat(21) })).toMatchObject({ status: -204 });
      expect(await group(tokens.boss, 'create', { group_name: 'x', extra: 1 })).toMatchObject({ status: -3 });
      expect(await group(tokens.boss, 'update', { group_id: 2 })).toMatchObject({ status: -202 });
      expect(await hotel('/api/face/group/', { type: 'group', subtype: 'list', data: {} })).toMatchObject({ status: -100 });
    });

    it('stops at 1,000 groups (101), so a list stays one answer', async () => {
      const db = t.app.get(DataSource);
      const existing = Number((await sql(db, 'SELECT COUNT(*) AS n FROM face_group'))[0].n);
      for (let n = existing; n < 1000; n++) {
        await sql(db, `INSERT INTO face_group (name, content, created_at, updated_at) VALUES (?, '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`, [`g${n}`]);
      }
      expect(await group(tokens.boss, 'create', { group_name: 'one too many' })).toMatchObject({ status: 101, message: expect.stringContaining('Create FaceGroup Failed') });
      await sql(db, `DELETE FROM face_group WHERE name LIKE 'g%'`);
      expect(await group(tokens.alice, 'list')).toMatchObject({ data: { num: existing } });
    });
  });

  describe('faces', () => {
    it('registers only for an account with a real-name record, in an existing group, and answers the masked ID number', async () => {
      expect(await registerFace(tokens.bob, 's1a')).toMatchObject({ status: 100, message: expect.stringContaining('No Permission Operate') });
      expect(await registerFace(tokens.alice, 's1a', 77)).toMatchObject({ status: 100, message: expect.stringContaining('Faces group not exist') });
      expect(await registerFace(tokens.alice, 's1a')).toMatchObject({ status: 0, data: { face_id: '330106********' + residentId(11, '123').slice(-4) } });
      expect(await hotel('/api/user/info/', { token: tokens.alice, type: 'info', subtype: 'get', data: {} })).toMatchObject({ status: 0 });
      await t.flushEvents();
      const [account] = await sql(t.app.get(DataSource), `SELECT face_bound FROM hotel_account WHERE username = '13600000002'`);
      expect(account.face_bound).toBe(1);
    });

    it('refuses an image with no face (102), several faces (103) or a tiny face (101), keeping the registered one', async () => {
      const cases: [Promise<Buffer>, number, string][] = [
        [wallPhoto(), 102, 'No face data in base64'],
        [twoFacePhoto('s3a', 's4a'), 103, 'Too much face data in base64'],
        [facePhoto('s3a', 150), 101, 'Register face failed'],
      ];
      for (const [photo, status, message] of cases) {
        expect(await face(tokens.carol, 'register', { base64: await b64(photo) })).toMatchObject({ status, message: expect.stringContaining(message), data: {} });
      }
      expect(await face(tokens.carol, 'register', { base64: 'not base64 at all!' })).toMatchObject({ status: -204 });
      expect(await face(tokens.carol, 'register', { base64: await b64(wallPhoto()), db: null })).toMatchObject({ status: -201 });
      const count = await sql(t.app.get(DataSource), `SELECT COUNT(*) AS n FROM hotel_face`);
      expect(Number(count[0].n)).toBe(1);
    });

    it('finds every face of an image with its best match or empty, in one group or all, short and full', async () => {
      await registerFace(tokens.carol, 's4b', 2);
      const image = await b64(twoFacePhoto('s1a', 's6c'));
      const short = await face(tokens.bob, 'find', { base64: image });
      expect(short).toMatchObject({ status: 0, data: { num: 2 } });
      const [first, second] = short.data.list;
      const aliceMasked = '330106********' + residentId(11, '123').slice(-4);
      expect(first.ID === aliceMasked ? [first, second] : [second, first]).toEqual([
        { ID: aliceMasked, name: '爱丽丝', liveness: true, threshold: expect.any(Number) },
        { ID: '', name: '', liveness: true, threshold: 0 },
      ]);
      expect(Math.max(first.threshold, second.threshold)).toBeGreaterThanOrEqual(0.8);

      const full = await face(tokens.bob, 'find', { base64: await b64(alteredFacePhoto('s4b')), db: 2, ret_type: 1 });
      expect(full.data.list).toEqual([
        {
          ID: expect.stringMatching(/^330106\*{8}\d{3}[\dX]$/),
          name: '卡罗尔',
          age: null,
          gender: '',
          liveness: true,
          threshold: expect.any(Number),
          top_left: [expect.any(Number), expect.any(Number)],
          top_right: [expect.any(Number), expect.any(Number)],
          bottom_left: [expect.any(Number), expect.any(Number)],
          bottom_right: [expect.any(Number), expect.any(Number)],
        },
      ]);
      const { top_left: [x1, y1], bottom_right: [x2, y2] } = full.data.list[0];
      expect(x2 - x1).toBeGreaterThan(50);
      expect(y2 - y1).toBeGreaterThan(50);
      expect((await face(tokens.bob, 'find', { base64: await b64(facePhoto('s4b')), db: 1 })).data.list[0]).toMatchObject({ ID: '', threshold: 0 });

      expect(await face(tokens.bob, 'find', { base64: await b64(wallPhoto()) })).toMatchObject({ status: 100, message: expect.stringContaining('No face data in base64') });
      expect(await face(tokens.bob, 'find', { base64: image, db: 42 })).toMatchObject({ status: -204 });
      expect(await face(tokens.bob, 'find', { base64: image, ret_type: 2 })).toMatchObject({ status: -204 });
      const crowd = await face(tokens.bob, 'find', { base64: await b64(groupPhoto(5)) });
      expect(crowd.data.num).toBe(5);
    });

    it('verifies a face against the account\'s own, with each status of the spec', async () => {
      expect(await face(tokens.alice, 'verify', { base64: await b64(alteredFacePhoto('s1a')) })).toEqual({
        id: 1,
        status: 0,
        message: 'Successful',
        data: { result: true, liveness: true, threshold: expect.any(Number) },
      });
      const other = await face(tokens.alice, 'verify', { base64: await b64(facePhoto('s6c')), ret_type: 1 });
      expect(other.data).toMatchObject({ result: false, threshold: 0, ID: '', age: null, gender: '', top_left: [expect.any(Number), expect.any(Number)] });
      const same = await face(tokens.alice, 'verify', { base64: await b64(facePhoto('s1a')), ret_type: 1 });
      expect(same.data).toMatchObject({ result: true, ID: expect.stringMatching(/^330106\*+/) });
      expect(same.data.threshold).toBeGreaterThanOrEqual(0.8);

      expect(await face(tokens.bob, 'verify', { base64: await b64(facePhoto('s1a')) })).toMatchObject({ status: 100, message: expect.stringContaining('No face authentication') });
      expect(await face(tokens.alice, 'verify', { base64: await b64(wallPhoto()) })).toMatchObject({ status: 101 });
      expect(await face(tokens.alice, 'verify', { base64: await b64(twoFacePhoto('s1a', 's6c')) })).toMatchObject({ status: 102 });
    });

    it('unbinding the face in user info makes verify answer 100', async () => {
      expect(await face(tokens.carol, 'verify', { base64: await b64(facePhoto('s4b')) })).toMatchObject({ status: 0, data: { result: true } });
      const unbound = await hotel('/api/user/info/', { token: tokens.carol, type: 'info', subtype: 'update', data: { face_id: null } });
      expect(unbound).toMatchObject({ status: 0 });
      expect(await face(tokens.carol, 'verify', { base64: await b64(facePhoto('s4b')) })).toMatchObject({ status: 100 });
    });

    it('deleting a group deletes its faces: find no longer knows them, and an account left without faces is unbound', async () => {
      expect(await group(tokens.boss, 'delete', { group_name: '西和5幢人员库' })).toMatchObject({ status: 0 });
      await t.flushEvents();
      expect((await face(tokens.bob, 'find', { base64: await b64(facePhoto('s4b')) })).data.list[0]).toMatchObject({ ID: '', name: '' });
      expect(await group(tokens.alice, 'list')).toMatchObject({ data: { num: 1 } });
      const rows = await sql(t.app.get(DataSource), `SELECT COUNT(*) AS n FROM hotel_face`);
      expect(Number(rows[0].n)).toBe(1);
    });

    it('refuses absurd images and answers a flood with "try again" rather than queueing it', async () => {
      const oversized = Buffer.alloc(6 * 1024 * 1024, 0xff).toString('base64');
      expect(await face(tokens.bob, 'find', { base64: oversized })).toMatchObject({ status: -204, message: expect.stringMatching(/too large|larger than/) });
      const bomb = await sharp({ create: { width: 8000, height: 6000, channels: 3, background: '#777' } }).png({ compressionLevel: 1 }).toBuffer();
      expect(await face(tokens.bob, 'find', { base64: bomb.toString('base64') })).toMatchObject({ status: -204, message: expect.stringContaining('could not be decoded') });
      const image = await b64(groupPhoto(5));
      const answers = await Promise.all(Array.from({ length: 16 }, () => face(tokens.bob, 'find', { base64: image })));
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 0).length).toBeGreaterThan(0);
      expect(statuses.every((s) => s === 0 || s === -404)).toBe(true);
      expect(answers.find((a) => a.status === -404)?.message).toMatch(/busy; try again/);
    });

    it('limits face calls per account, and reserves find to administrators when the site says so', async () => {
      const limited = await startHotelTestApp({ ...FACE_ENGINE_ON, FACE_REQUESTS_PER_ACCOUNT_PER_MINUTE: '2', FACE_FIND_ADMIN_ONLY: 'true' });
      try {
        const client = hotelClient(limited);
        const token = await registeredAccount(limited, client, '13600000009');
        await engineReady(limited);
        const call = () => client('/api/face/', { token, type: 'face', subtype: 'verify', data: { base64: 'AAAA' } });
        expect((await call()).status).toBe(100);
        expect((await call()).status).toBe(100);
        expect(await call()).toMatchObject({ status: -204, message: expect.stringContaining('too many face requests') });
        expect(await client('/api/face/', { token, type: 'face', subtype: 'find', data: { base64: 'AAAA' } })).toMatchObject({ status: -103 });
      } finally {
        await limited.close();
      }
    });
  });
});
