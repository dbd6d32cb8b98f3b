import { DataSource } from 'typeorm';
import { HotelClient, hotelClient, HotelTestApp, startHotelTestApp } from '../support/hotel-flows';
import { sql } from '../support/test-sql';

/** The hotel envelope: every answer, failures included, is HTTP 200 `{id, status, message, data}`. */
describe('hotel API envelope (e2e)', () => {
  let t: HotelTestApp;
  let hotel: HotelClient;

  beforeAll(async () => {
    t = await startHotelTestApp();
    hotel = hotelClient(t);
  });

  afterAll(() => t.close());

  const login = (data: unknown, extra: Record<string, unknown> = {}) =>
    hotel('/api/user/login/', { body: JSON.stringify({ id: 77, type: 'login', subtype: 'pass', data, ...extra }) });

  it('answers ping: text to GET, the envelope to POST', async () => {
    const get = await fetch(`${t.baseUrl}/api/ping`);
    expect(get.headers.get('content-type')).toContain('text/plain');
    expect(await get.text()).toBe('pong');
    expect(await hotel('/api/ping', { body: JSON.stringify({ id: 5 }) })).toEqual({ id: 5, status: 0, message: 'pong', data: {} });
    expect(await hotel('/api/ping', { body: '' })).toMatchObject({ id: null, status: 0 });
  });

  it('reads the body as JSON whatever its content type says', async () => {
    const answer = await hotel('/api/user/login/', {
      contentType: 'text/plain',
      body: JSON.stringify({ id: 9, type: 'login', subtype: 'pass', data: { username: '13900000009', pass: 'x' } }),
    });
    expect(answer).toMatchObject({ id: 9, status: 100, message: expect.stringContaining('No such user') });
  });

  it.each([
    ['a body that is not JSON', '{"id": 3, "type": ', -1, null],
    ['a body that is not an object', '[1, 2]', -1, null],
    ['no type', JSON.stringify({ id: 3, subtype: 'pass', data: {} }), -1, 3],
    ['no data', JSON.stringify({ id: 3, type: 'login', subtype: 'pass' }), -1, 3],
    ['a subtype the path does not serve', JSON.stringify({ id: 3, type: 'login', subtype: 'qr', data: {} }), -2, 3],
    ['data that is not an object', JSON.stringify({ id: 3, type: 'login', subtype: 'pass', data: 'x' }), -2, 3],
  ])('answers %s with %s, echoing the id', async (_, body, status, id) => {
    expect(await hotel('/api/user/login/', { body })).toEqual({ id, status, message: expect.any(String), data: {} });
  });

  it('refuses keys of data it does not expect (-3), missing ones (-202), empty ones (-201), wrong types (-203), values out of bounds (-204)', async () => {
    expect(await login({ username: '13900000001', pass: 'p', role: 'admin' })).toMatchObject({ id: 77, status: -3, message: expect.stringContaining('"role"') });
    expect(await login({ username: '13900000001' })).toMatchObject({ status: -202, message: expect.stringContaining('"pass"') });
    expect(await login({ username: '13900000001', pass: '' })).toMatchObject({ status: -201 });
    expect(await login({ username: '13900000001', pass: null })).toMatchObject({ status: -201 });
    expect(await login({ username: 13900000001, pass: 'p' })).toMatchObject({ status: -203 });
    expect(await login({ username: '1390000000', pass: 'p' })).toMatchObject({ status: -204, message: expect.stringContaining('mainland mobile') });
    expect(await login({ username: '13900000001', pass: 'p'.repeat(129) })).toMatchObject({ status: -204 });
  });

  it('reads enduring that is not an integer as 0, as the spec says', async () => {
    expect(await login({ username: '13900000002', pass: 'p', enduring: 'yes' })).toMatchObject({ status: 100 });
  });

  it('answers unknown paths and methods in the envelope', async () => {
    expect(await hotel('/api/user/nothing-here', { body: JSON.stringify({ id: 4 }) })).toEqual({ id: 4, status: -404, message: expect.stringContaining('no API'), data: {} });
    const get = await fetch(`${t.baseUrl}/api/user/login/`);
    expect(get.status).toBe(200);
    expect(await get.json()).toMatchObject({ id: null, status: -404 });
  });

  it('refuses an oversized body in the envelope', async () => {
    const huge = JSON.stringify({ id: 6, type: 'portrait', subtype: 'upload', data: { base64: 'A'.repeat(8 * 1024 * 1024) } });
    expect(await hotel('/api/user/portrait/?token=x', { body: huge })).toMatchObject({ status: -204, message: expect.stringContaining('too large') });
  });

  it('wants a token in the URL: -100 without, -101 with a wrong one', async () => {
    expect(await hotel('/api/user/info/', { type: 'info', subtype: 'get' })).toMatchObject({ status: -100 });
    expect(await hotel('/api/user/info/', { type: 'info', subtype: 'get', token: 'debc454ea24827b67178482fd73f37c3' })).toMatchObject({ status: -101 });
    expect(await hotel('/api/user/doki/', { token: "' OR 1=1 --" })).toMatchObject({ status: -101 });
    const doki = await fetch(`${t.baseUrl}/api/user/doki/`);
    expect(await doki.json()).toMatchObject({ id: null, status: -100 });
  });

  // Last: it breaks the database of this app on purpose.
  it('answers a database failure with -200, not an error page', async () => {
    await sql(t.app.get(DataSource), 'DROP TABLE hotel_token');
    expect(await hotel('/api/user/doki/', { token: 'debc454ea24827b67178482fd73f37c3', body: JSON.stringify({ id: 8 }) })).toEqual({
      id: 8,
      status: -200,
      message: 'Failure to operate database',
      data: {},
    });
  });
});
