import { startTestApp, TestApp } from '../support/test-app';

describe('/metrics (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'true', VISITOR_REQUESTS_PER_ADDRESS_PER_MINUTE: '2' });
  });
  afterAll(() => t.close());

  it('shows request latency per protocol, backlogs, link states, engine and rate-limit refusals', async () => {
    await fetch(`${t.baseUrl}/api/ping`);
    await fetch(`${t.baseUrl}/SkyFaceRegister/getfaces.do`, { method: 'POST' });
    for (let i = 0; i < 3; i++) await fetch(`${t.baseUrl}/v1/wechat/is_binding?weixinUserId=x`);
    const response = await fetch(`${t.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    for (const line of [
      /facegate_http_request_duration_seconds_bucket\{le="0\.1",family="hotel",method="GET",status="2xx"\} 1/,
      /facegate_http_request_duration_seconds_count\{family="do",method="POST",status="2xx"\} 1/,
      /facegate_rate_limit_refusals_total\{limit="v1-address"\} 1/,
      /facegate_outbox_backlog \d+/,
      /# TYPE facegate_terminal_links gauge/,
      /# TYPE facegate_provisioning_backlog gauge/,
      /# TYPE facegate_notifications gauge/,
      /facegate_face_engine_ready 0/,
    ]) {
      expect(text).toMatch(line);
    }
  });

  it('answers only METRICS_NETWORKS', async () => {
    const outside = await fetch(`${t.baseUrl}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.50' } });
    expect(outside.status).toBe(403);
    expect((await fetch(`${t.baseUrl}/metrics`, { headers: { 'x-forwarded-for': '10.1.2.3' } })).status).toBe(200);
  });
});
