import { startTestApp, TestApp } from './support/test-app';

const H5 = 'https://h5.example.cn';

const preflight = (t: TestApp, origin: string) =>
  fetch(`${t.baseUrl}/v1/visit/signin`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });

describe('browser access from other origins (CORS)', () => {
  it('allows only the origins of CORS_ORIGINS', async () => {
    const t = await startTestApp({ CORS_ORIGINS: H5 });
    try {
      const allowed = await preflight(t, H5);
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(H5);
      expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
      const call = await fetch(`${t.baseUrl}/v1/wechat/is_binding?weixinUserId=o1`, { headers: { origin: H5 } });
      expect(call.headers.get('access-control-allow-origin')).toBe(H5);
      expect(((await call.json()) as { code: number }).code).toBe(404);

      expect((await preflight(t, 'https://evil.example.com')).headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await t.close();
    }
  });

  it('sends no CORS headers when CORS_ORIGINS is not set', async () => {
    const t = await startTestApp();
    try {
      const call = await fetch(`${t.baseUrl}/v1/wechat/is_binding?weixinUserId=o1`, { headers: { origin: H5 } });
      expect(call.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await t.close();
    }
  });
});
