import { FAKE_AMAP_KEY } from '../fakes/fake-amap';
import { HotelTestApp, startHotelTestApp } from '../support/hotel-flows';

describe('district look-up through AMap (e2e)', () => {
  let t: HotelTestApp;

  const lookUp = async (query: string) => {
    const response = await fetch(`${t.baseUrl}/api/map/district/?${query}`);
    expect(response.status).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    t = await startHotelTestApp();
  });

  afterAll(() => t.close());

  it("slims AMap's answer to names and sub-districts, in the hotel envelope", async () => {
    expect(await lookUp('keywords=浙江&subdistrict=1')).toEqual({
      id: null,
      status: 0,
      message: 'OK',
      data: { districts: [{ name: '浙江省', districts: ['杭州市', '宁波市', '温州市'].map((name) => ({ name, districts: [] })) }] },
    });
  });

  it("forwards only AMap's own parameters, with FaceGate's key and JSON output", async () => {
    await lookUp('keywords=浙&subdistrict=0&page=2&offset=10&extensions=base&filter=330000&key=stolen&output=XML&callback=steal&token=x');
    const query = t.amap.queries.at(-1)!;
    expect(Object.fromEntries(query)).toEqual({ keywords: '浙', subdistrict: '0', page: '2', offset: '10', extensions: 'base', filter: '330000', key: FAKE_AMAP_KEY, output: 'JSON' });
  });

  it('keeps answers for an hour', async () => {
    const before = t.amap.queries.length;
    await lookUp('keywords=杭州&subdistrict=2');
    await lookUp('keywords=杭州&subdistrict=2');
    expect(t.amap.queries.length).toBe(before + 1);
    t.clock.advance(3_600_001);
    await lookUp('keywords=杭州&subdistrict=2');
    expect(t.amap.queries.length).toBe(before + 2);
  });

  it('refuses values AMap does not take, and answers 100 when AMap is down or answers nonsense', async () => {
    expect(await lookUp('subdistrict=9')).toMatchObject({ status: -204, message: expect.stringContaining('subdistrict') });
    expect(await lookUp('extensions=everything')).toMatchObject({ status: -204 });
    t.amap.fail('down');
    expect(await lookUp('keywords=宁波')).toMatchObject({ id: null, status: 100, message: expect.stringContaining('Get Json Error') });
    t.amap.fail('not json');
    expect(await lookUp('keywords=温州')).toMatchObject({ status: 100 });
  });
});

describe('district look-up with a wrong AMap key (e2e)', () => {
  let t: HotelTestApp;

  beforeAll(async () => {
    t = await startHotelTestApp({ AMAP_KEY: 'wrong-key' });
  });

  afterAll(() => t.close());

  it("answers AMap's infocode as the status, and its info as the message", async () => {
    const answer = await (await fetch(`${t.baseUrl}/api/map/district/?keywords=浙江`)).json();
    expect(answer).toEqual({ id: null, status: 10001, message: 'INVALID_USER_KEY', data: {} });
  });
});
