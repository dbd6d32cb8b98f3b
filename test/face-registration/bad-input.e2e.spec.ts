import { JwtService } from '@nestjs/jwt';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { WechatTestApp, adminLogin, register, startTestAppWithWechat, wechatLogin } from '../support/face-flows';
import { Fields, FormClient } from '../support/form-client';
import { gifImage, jpegPhoto } from '../support/images';
import { sql } from '../support/test-sql';

const PHOTO_MAX_BYTES = 200_000;

async function countFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).length;
}

describe('bad input to the face-registration protocol (e2e)', () => {
  let t: WechatTestApp;
  let client: FormClient;
  let mini: string;
  let admin: string;
  let registrationId: number;

  /** What must not change when a request is refused. */
  const snapshot = async () => {
    const db = t.app.get(DataSource);
    return {
      registrations: await sql(db, 'SELECT id, name, tel_no, state, photo_key, card_no FROM face_registration ORDER BY id'),
      tallies: await sql(db, 'SELECT state, total FROM face_registration_tally ORDER BY state'),
      events: (await sql(db, 'SELECT COUNT(*) AS n FROM event_outbox'))[0].n,
      files: await countFiles(join(t.dir, 'storage')),
    };
  };

  let before: Awaited<ReturnType<typeof snapshot>>;

  beforeAll(async () => {
    t = await startTestAppWithWechat({ PHOTO_MAX_BYTES: String(PHOTO_MAX_BYTES) });
    client = new FormClient(t.baseUrl);
    mini = await wechatLogin(client, t.wechat, { openId: 'o-bad' });
    admin = await adminLogin(client);
    await register(client, mini, { name: 'Existing', telNo: '13100000000' });
    registrationId = (await client.post<any>('/SkyFaceRegister/getfaces.do', { accessToken: mini })).result_data.dataList[0].id;
    await t.flushEvents();
  });

  beforeEach(async () => {
    before = await snapshot();
  });

  afterEach(async () => {
    expect(await snapshot()).toEqual(before);
  });

  afterAll(() => t.close());

  const photo = async (content?: Buffer) => [{ field: 'fileStream', content: content ?? (await jpegPhoto()) }];
  const registerWith = async (fields: Fields, files?: { field: string; content: Buffer }[]) =>
    client.multipart('/SkyFaceRegister/register.do', { accessToken: mini, name: 'New Person', telNo: '13100000001', ...fields }, files ?? (await photo()));

  describe('register.do', () => {
    it.each([
      ['a missing name', { name: undefined }, 'name'],
      ['a blank name', { name: '   ' }, 'name'],
      ['a name over 30 characters', { name: 'x'.repeat(31) }, 'name'],
      ['a name with control characters', { name: 'a\u0000b' }, 'name'],
      ['a missing phone', { telNo: undefined }, 'telNo'],
      ['a short phone', { telNo: '1380013800' }, 'telNo'],
      ['a phone with letters', { telNo: '1380013800a' }, 'telNo'],
      ['a landline', { telNo: '02388888888' }, 'telNo'],
      ['a card number with letters', { cardId: '12ab' }, 'cardId'],
      ['a card number over 15 digits', { cardId: '1234567890123456' }, 'cardId'],
    ])('answers -3 for %s', async (_, fields, field) => {
      const answer = await registerWith(fields as Fields);
      expect(answer).toMatchObject({ result_code: -3, httpStatus: 200 });
      expect(answer.result_msg).toContain(field);
      expect(answer).not.toHaveProperty('result_data');
    });

    it('answers -3 without a photo, for an empty file, a text file, a GIF and a truncated JPEG', async () => {
      expect((await registerWith({}, [])).result_msg).toContain('photo is required');
      expect((await registerWith({}, await photo(Buffer.alloc(0)))).result_code).toBe(-3);
      expect((await registerWith({}, await photo(Buffer.from('<html>not an image</html>')))).result_msg).toContain('JPEG or PNG');
      expect((await registerWith({}, await photo(await gifImage()))).result_msg).toContain('got gif');
      const jpeg = await jpegPhoto(400, 400);
      expect((await registerWith({}, await photo(jpeg.subarray(0, jpeg.length / 2)))).result_msg).toContain('could not be decoded');
    });

    it('answers -3 for a photo over PHOTO_MAX_BYTES', async () => {
      const big = Buffer.concat([await jpegPhoto(), Buffer.alloc(PHOTO_MAX_BYTES)]);
      const answer = await registerWith({}, await photo(big));
      expect(answer).toMatchObject({ result_code: -3, result_msg: expect.stringContaining(`larger than ${PHOTO_MAX_BYTES} bytes`) });
    });

    it('answers -3 for an unparsable multipart body', async () => {
      const response = await fetch(`${t.baseUrl}/SkyFaceRegister/register.do`, {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
        body: '--xyz\r\nContent-Disposition: form-data; name="name"\r\n\r\nunterminated',
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ result_code: -3 });
    });

    it('answers -1 to an administrator token (registrations belong to a WeChat user)', async () => {
      expect((await registerWith({ accessToken: admin })).result_code).toBe(-1);
    });
  });

  describe('tokens', () => {
    const getFaces = (accessToken?: string) => client.post('/SkyFaceRegister/getfaces.do', { accessToken });

    it('answers -1 without a token and for a forged one', async () => {
      expect((await getFaces()).result_code).toBe(-1);
      expect((await getFaces('not-a-jwt')).result_code).toBe(-1);
      const forged = new JwtService({ secret: 'another-secret-that-is-long-enough-000000' }).sign({ sub: 'o-bad', role: 'wechat', jti: 'x' });
      expect((await getFaces(forged)).result_code).toBe(-1);
    });

    it('answers -1 for a validly signed token of no session, and one whose JWT has expired', async () => {
      const jwt = new JwtService({ secret: t.configuration.auth.jwtSecret });
      expect((await getFaces(jwt.sign({ sub: 'o-bad', role: 'admin', jti: '00000000-0000-0000-0000-000000000000' }))).result_code).toBe(-1);
      const expired = jwt.sign({ sub: 'o-bad', role: 'wechat', jti: 'x', exp: Math.floor(Date.now() / 1000) - 10 });
      expect((await getFaces(expired)).result_msg).toContain('jwt expired');
    });

    it('answers -1 once the session is over an hour old', async () => {
      const token = await wechatLogin(client, t.wechat, { openId: 'o-bad' });
      before = await snapshot();
      expect((await getFaces(token)).result_code).toBe(0);
      t.clock.advance(3601_000);
      expect((await getFaces(token)).result_code).toBe(-1);
      t.clock.advance(-3601_000);
    });

    it('answers -1 after logout', async () => {
      const token = await wechatLogin(client, t.wechat, { openId: 'o-bad' });
      await client.post('/SkyFaceRegister/logout.do', { accessToken: token });
      before = await snapshot();
      expect((await getFaces(token)).result_code).toBe(-1);
      expect((await client.post('/SkyFaceRegister/logout.do', { accessToken: token })).result_code).toBe(-1);
    });

    it('answers -1 to a mini-program token on administrator operations', async () => {
      expect((await client.post('/SkyFaceRegister/approve.do', { accessToken: mini, ids: String(registrationId), isPass: 1 })).result_code).toBe(-1);
      expect((await client.post('/SkyFaceRegister/editPassword.do', { accessToken: mini, oldPassword: 'a', newPassword: 'bbbbbbbb' })).result_code).toBe(-1);
    });
  });

  describe('getfaces.do', () => {
    it.each(["' OR 1=1 --", '%', '_', '"', '[', '\\', "'); DROP TABLE face_registration; --", '%%%"', '" OR ""="'])(
      'treats %j in fields as plain text',
      async (fields) => {
        const answer = await client.post<any>('/SkyFaceRegister/getfaces.do', { accessToken: admin, fields });
        expect(answer.result_code).toBe(0);
        expect(answer.result_data).toMatchObject({ totalRecord: 0, dataList: [] });
      },
    );

    it.each([
      ['an unknown state', { state: 7 }],
      ['a non-numeric state', { state: 'all' }],
      ['a zero page size', { pageSize: 0 }],
      ['a negative page', { pageNum: -1 }],
      ['a non-numeric page size', { pageSize: '20abc' }],
      ['an over-long search', { fields: 'x'.repeat(51) }],
    ])('answers -3 for %s', async (_, fields) => {
      const answer = await client.post('/SkyFaceRegister/getfaces.do', { accessToken: admin, ...(fields as Fields) });
      expect(answer.result_code).toBe(-3);
    });

    it('answers -3 when a parameter is repeated', async () => {
      const response = await fetch(`${t.baseUrl}/SkyFaceRegister/getfaces.do?accessToken=${admin}&state=1&state=2`);
      expect(await response.json()).toMatchObject({ result_code: -3 });
    });
  });

  describe('approve.do', () => {
    it('answers -9 for unknown ids', async () => {
      const answer = await client.post('/SkyFaceRegister/approve.do', { accessToken: admin, ids: '999998,999999', isPass: 1 });
      expect(answer).toMatchObject({ result_code: -9, result_msg: expect.stringContaining('unknown ids 999998,999999') });
    });

    it.each([
      ['SQL in ids', { ids: '1;DROP TABLE face_registration' }],
      ['letters in ids', { ids: 'abc' }],
      ['empty ids', { ids: '' }],
      ['a trailing comma', { ids: '1,' }],
      ['an unknown isPass', { isPass: 5 }],
      ['a missing isPass', { isPass: undefined }],
      ['more than 1000 ids', { ids: Array.from({ length: 1001 }, (_, i) => i + 1).join(',') }],
    ])('answers -3 for %s', async (_, fields) => {
      const answer = await client.post('/SkyFaceRegister/approve.do', { accessToken: admin, ids: String(registrationId), isPass: 1, ...(fields as Fields) });
      expect(answer.result_code).toBe(-3);
    });
  });

  describe('the protocol edge', () => {
    it('answers -3 for missing wxlogin.do fields and an over-long encryptedData', async () => {
      expect((await client.post('/SkyFaceRegister/wxlogin.do', { code: 'abc' })).result_msg).toContain('encryptedData: is required');
      expect((await client.post('/SkyFaceRegister/wxlogin.do', { code: 'abc', iv: 'x', encryptedData: 'A'.repeat(20000) })).result_code).toBe(-3);
    });

    it('answers -3 for an unknown endpoint and for an unparsable JSON body, in the envelope', async () => {
      expect(await client.post('/SkyFaceRegister/nothing.do', {})).toMatchObject({ result_code: -3, httpStatus: 200 });
      const response = await fetch(`${t.baseUrl}/SkyFaceRegister/login.do`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"userName": ',
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ result_code: -3 });
    });

    it('answers -3 for a form body over the size limit', async () => {
      expect(await client.post('/SkyFaceRegister/login.do', { userName: 'admin', password: 'x'.repeat(200_000) })).toMatchObject({
        result_code: -3,
        httpStatus: 200,
      });
    });

    it('answers -4 for wrong credentials and -3 for missing ones', async () => {
      expect((await client.post('/SkyFaceRegister/login.do', { userName: 'nobody', password: 'x' })).result_code).toBe(-4);
      expect((await client.post('/SkyFaceRegister/login.do', { userName: 'admin' })).result_code).toBe(-3);
    });
  });
});
