import sharp from 'sharp';
import { HotelClient, hotelClient, HotelTestApp, md5, smsCaptcha, startHotelTestApp } from '../support/hotel-flows';

describe('hotel captchas (e2e)', () => {
  let t: HotelTestApp;
  let hotel: HotelClient;

  const captcha = (type: string, subtype: string, data: Record<string, unknown> = {}) => hotel('/api/captcha/', { type, subtype, data });
  const smsLogin = (username: string, hash: string) => hotel('/api/user/login/', { type: 'login', subtype: 'sms', data: { username, hash } });

  beforeAll(async () => {
    t = await startHotelTestApp({ CAPTCHA_SMS_PER_ADDRESS_PER_HOUR: '1000', CAPTCHA_IMAGE_PER_ADDRESS_PER_MINUTE: '1000' });
    hotel = hotelClient(t);
  });

  afterAll(() => t.close());

  it('draws a real PNG of five characters and validates md5(lowercase code + rand) once', async () => {
    const answer = await captcha('img', 'generate');
    expect(answer).toMatchObject({ status: 0, data: { imgdata: expect.any(String), rand: expect.stringMatching(/^[A-Z2-9]{5}$/) } });
    const png = Buffer.from(answer.data.imgdata, 'base64');
    expect(await sharp(png).metadata()).toMatchObject({ format: 'png', width: 150, height: 50 });
    const code = t.renderer.codes.at(-1)!;
    expect(code).toMatch(/^[A-Za-z2-9]{5}$/);
    // The code is not case sensitive: the page lowercases what the person typed.
    const hash = md5(`${code.toLowerCase()}${answer.data.rand}`);
    expect(await captcha('img', 'validate', { hash: md5(`xxxxx${answer.data.rand}`) })).toMatchObject({ status: 100 });
    expect(await captcha('img', 'validate', { hash: hash.toUpperCase() })).toMatchObject({ status: 0 });
    expect(await captcha('img', 'validate', { hash })).toMatchObject({ status: 100 });
  });

  it('expires a captcha after 180 s', async () => {
    const hash = await smsCaptcha(t, hotel, '13600000001', 3);
    t.clock.advance(181_000);
    expect(await smsLogin('13600000001', hash)).toMatchObject({ status: -4, message: expect.stringContaining('expired') });
  });

  it('spends an SMS captcha on its first use', async () => {
    const hash = await smsCaptcha(t, hotel, '13600000002', 3);
    expect(await smsLogin('13600000002', hash)).toMatchObject({ status: 0 });
    expect(await smsLogin('13600000002', hash)).toMatchObject({ status: -4 });
  });

  it('burns an SMS captcha after five wrong guesses', async () => {
    const before = t.sms.sent.length;
    const right = await smsCaptcha(t, hotel, '13600000003', 3);
    for (let i = 0; i < 5; i++) expect(await smsLogin('13600000003', md5(`wrong guess ${i}`))).toMatchObject({ status: -4 });
    expect(await smsLogin('13600000003', right)).toMatchObject({ status: -4 });
    expect(t.sms.sent.length).toBe(before + 1);
  });

  it('validates an SMS captcha only for its phone and its purpose', async () => {
    const forRegister = await smsCaptcha(t, hotel, '13600000004', 1);
    expect(await smsLogin('13600000004', forRegister)).toMatchObject({ status: -4 });
    expect(await smsLogin('13600000005', forRegister)).toMatchObject({ status: -4 });
    expect(await hotel('/api/user/register/', { type: 'register', subtype: 'phone', data: { username: '13600000004', hash: forRegister, pass: 'p' } })).toMatchObject({ status: 0 });
  });

  it('refuses a bad phone (1016) or command type (-204), and sends one SMS a minute (1023) and ten an hour (1024) to a phone', async () => {
    expect(await captcha('sms', 'generate', { phone: '+8613600000006', command_type: 1 })).toMatchObject({ status: 1016, message: expect.stringContaining('手机号格式错误') });
    expect(await captcha('sms', 'generate', { phone: '13600000006', command_type: 9 })).toMatchObject({ status: -204 });
    await smsCaptcha(t, hotel, '13600000006', 1);
    expect(await captcha('sms', 'generate', { phone: '13600000006', command_type: 2 })).toMatchObject({ status: 1023, message: expect.stringContaining('try again in') });
    for (let i = 1; i < 10; i++) {
      t.clock.advance(61_000);
      await smsCaptcha(t, hotel, '13600000006', 1);
    }
    t.clock.advance(61_000);
    expect(await captcha('sms', 'generate', { phone: '13600000006', command_type: 1 })).toMatchObject({ status: 1024 });
  });

  it('says so when the SMS provider fails', async () => {
    t.sms.fail({ code: 'isv.BUSINESS_LIMIT_CONTROL' });
    expect(await captcha('sms', 'generate', { phone: '13600000007', command_type: 3 })).toMatchObject({ status: -404, message: expect.stringContaining('SMS could not be sent') });
  });
});

describe('hotel captcha limits per address (e2e)', () => {
  let t: HotelTestApp;
  let hotel: HotelClient;

  beforeAll(async () => {
    t = await startHotelTestApp({ CAPTCHA_SMS_PER_ADDRESS_PER_HOUR: '3', CAPTCHA_IMAGE_PER_ADDRESS_PER_MINUTE: '5' });
    hotel = hotelClient(t);
  });

  afterAll(() => t.close());

  it('limits image captchas per address and minute', async () => {
    for (let i = 0; i < 5; i++) expect(await hotel('/api/captcha/', { type: 'img', subtype: 'generate' })).toMatchObject({ status: 0 });
    expect(await hotel('/api/captcha/', { type: 'img', subtype: 'generate' })).toMatchObject({ status: -204, message: expect.stringContaining('too many image captchas') });
    t.clock.advance(60_000);
    expect(await hotel('/api/captcha/', { type: 'img', subtype: 'generate' })).toMatchObject({ status: 0 });
  });

  it('limits SMS per address and hour, across phones', async () => {
    for (let i = 0; i < 3; i++) await smsCaptcha(t, hotel, `1350000000${i}`, 1);
    const sent = t.sms.sent.length;
    expect(await hotel('/api/captcha/', { type: 'sms', subtype: 'generate', data: { phone: '13500000009', command_type: 1 } })).toMatchObject({
      status: 1024,
      message: expect.stringContaining('IP'),
    });
    expect(t.sms.sent.length).toBe(sent);
  });
});
