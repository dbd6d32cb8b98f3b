import { startTestApp, TestApp } from '../support/test-app';

describe('request lines and headers beyond the HTTP parser limit (e2e)', () => {
  let t: TestApp;
  const long = 'x'.repeat(20_000);
  const get = async (path: string) => {
    const response = await fetch(`${t.baseUrl}${path}?junk=${long}`);
    return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as Record<string, any> };
  };

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("answer in each protocol's envelope, not with a bare 431", async () => {
    const visitor = await get('/v1/visit/records');
    expect(visitor).toMatchObject({ status: 200, body: { code: 400 } });
    expect(visitor.body.err_msg).toContain('larger than 16 KB');
    expect(await get('/SkyFaceRegister/getfaces.do')).toMatchObject({ status: 200, body: { result_code: -3 } });
    const admin = await get('/api/admin/accounts');
    expect(admin).toMatchObject({ status: 431, type: 'application/problem+json; charset=utf-8', body: { status: 431, detail: 'the request line and headers are larger than 16 KB' } });
    expect((await get('/api/ping')).status).toBe(200);
  });

  it('an oversized header gets the same answer, and the server keeps serving', async () => {
    const response = await fetch(`${t.baseUrl}/v1/visit/records?type=mobile`, { headers: { 'x-junk': long } });
    expect([response.status, ((await response.json()) as { code: number }).code]).toEqual([200, 400]);
    expect((await fetch(`${t.baseUrl}/health/live`)).status).toBe(200);
  });
});
