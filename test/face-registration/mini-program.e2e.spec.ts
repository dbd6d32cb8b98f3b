import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { WechatTestApp, register, startTestAppWithWechat, wechatLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { jpegPhoto, pngPhoto } from '../support/images';
import { sql } from '../support/test-sql';

describe('mini-program face registration (e2e)', () => {
  let t: WechatTestApp;
  let client: FormClient;

  beforeAll(async () => {
    t = await startTestAppWithWechat();
    client = new FormClient(t.baseUrl);
  });

  afterAll(() => t.close());

  it('logs in, registers a photo, lists its own registration, and logs out', async () => {
    const login = await client.post<{ accessToken: string }>('/SkyFaceRegister/wxlogin.do', t.wechat.login({ openId: 'o-alice', nickName: 'Alice' }));
    expect(login).toMatchObject({ result_code: 0, httpStatus: 200, result_data: { accessToken: expect.any(String) } });
    expect(typeof login.result_time).toBe('number');
    const token = login.result_data!.accessToken;

    const registered = await register(client, token, { name: '张三', telNo: '13800138000' });
    expect(registered.result_code).toBe(0);
    const imgUrl = registered.result_data!.imgUrl;
    expect(imgUrl.startsWith(`${t.baseUrl}/files/faces/`)).toBe(true);

    const photo = await fetch(imgUrl);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect((await sharp(Buffer.from(await photo.arrayBuffer())).metadata()).format).toBe('jpeg');

    const faces = await client.post<any>('/SkyFaceRegister/getfaces.do', { accessToken: token, state: -1 });
    expect(faces.result_code).toBe(0);
    expect(faces.result_data).toMatchObject({ currentPage: 1, pageSize: 20, totalPage: 1, totalRecord: 1 });
    expect(faces.result_data.dataList[0]).toMatchObject({
      id: expect.any(Number),
      name: '张三',
      telNo: '13800138000',
      imgUrl,
      cardNo: 800138000,
      state: 0,
      applyTime: { time: expect.any(Number), timezoneOffset: -480 },
    });

    expect(await client.post('/SkyFaceRegister/logout.do', { accessToken: token })).toMatchObject({ result_code: 0, result_data: {} });
    expect(await client.post('/SkyFaceRegister/getfaces.do', { accessToken: token })).toMatchObject({ result_code: -1 });
  });

  it('stores the WeChat user and accepts the wxLogin.do casing of the original server', async () => {
    const answer = await client.get('/SkyFaceRegister/wxLogin.do', t.wechat.login({ openId: 'o-bob', unionId: 'u-bob', nickName: 'Bob' }));
    expect(answer.result_code).toBe(0);
    const rows = await sql(t.app.get(DataSource), 'SELECT open_id, union_id, nickname FROM wechat_user WHERE open_id = ?', ['o-bob']);
    expect(rows).toEqual([{ open_id: 'o-bob', union_id: 'u-bob', nickname: 'Bob' }]);
  });

  it('sees only its own registrations', async () => {
    const carol = await wechatLogin(client, t.wechat, { openId: 'o-carol' });
    const dave = await wechatLogin(client, t.wechat, { openId: 'o-dave' });
    await register(client, carol, { name: 'Carol', telNo: '13900000001' });
    await register(client, dave, { name: 'Dave', telNo: '13900000002' }, await pngPhoto());
    const seen = await client.post<any>('/SkyFaceRegister/getfaces.do', { accessToken: carol });
    expect(seen.result_data.dataList.map((row: { name: string }) => row.name)).toEqual(['Carol']);
    expect(seen.result_data.totalRecord).toBe(1);
  });

  it('takes the photo from a part named "file" and a card number from cardId', async () => {
    const token = await wechatLogin(client, t.wechat, { openId: 'o-erin' });
    const answer = await client.multipart('/SkyFaceRegister/register.do', { accessToken: token, name: 'Erin', telNo: '13700000003', cardId: '12345678' }, [
      { field: 'file', content: await jpegPhoto() },
    ]);
    expect(answer.result_code).toBe(0);
    const list = await client.post<any>('/SkyFaceRegister/getfaces.do', { accessToken: token });
    expect(list.result_data.dataList[0].cardNo).toBe(12345678);
  });

  it('replaces a pending registration of the same phone and keeps one row', async () => {
    const token = await wechatLogin(client, t.wechat, { openId: 'o-frank' });
    const first = await register(client, token, { name: 'Frank', telNo: '13600000004' });
    const second = await register(client, token, { name: 'Frank Li', telNo: '13600000004' }, await jpegPhoto(200, 200));
    expect(second.result_code).toBe(0);
    expect(second.result_data!.imgUrl).not.toBe(first.result_data!.imgUrl);
    expect((await fetch(first.result_data!.imgUrl)).status).toBe(404);
    const list = await client.post<any>('/SkyFaceRegister/getfaces.do', { accessToken: token });
    expect(list.result_data.dataList).toHaveLength(1);
    expect(list.result_data.dataList[0].name).toBe('Frank Li');
  });

  it('answers -6 when WeChat refuses the code and -7 for data it cannot decrypt', async () => {
    const refused = await client.post('/SkyFaceRegister/wxlogin.do', { ...t.wechat.login({ openId: 'o-x' }), code: 'unknown-code' });
    expect(refused).toMatchObject({ result_code: -6, httpStatus: 200 });
    expect(refused).not.toHaveProperty('result_data');

    const otherApp = await client.post('/SkyFaceRegister/wxlogin.do', t.wechat.login({ openId: 'o-y' }, 'wx-another-app'));
    expect(otherApp.result_code).toBe(-7);

    const garbled = t.wechat.login({ openId: 'o-z' });
    const flipped = Buffer.from(garbled.encryptedData, 'base64');
    flipped[flipped.length - 1] ^= 0xff;
    expect((await client.post('/SkyFaceRegister/wxlogin.do', { ...garbled, encryptedData: flipped.toString('base64') })).result_code).toBe(-7);

    const notBase64 = t.wechat.login({ openId: 'o-w' });
    expect((await client.post('/SkyFaceRegister/wxlogin.do', { ...notBase64, iv: '!!!' })).result_code).toBe(-7);
  });
});
