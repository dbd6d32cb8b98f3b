import { ClientRequest, request } from 'node:http';
import { startTestApp, TestApp } from '../support/test-app';

const SIZE = 2 * 1024 * 1024;
const PREFIX = '{"id":1,"type":"x","subtype":"y","data":{"base64":"';
const BODY = `${PREFIX}${'A'.repeat(SIZE - PREFIX.length - 3)}"}}`;

/** Starts a 2 MB upload and sends only its first bytes, holding a large-body slot; `finish` sends the rest. */
function slowUpload(t: TestApp, path: string): { finish: () => void; answer: Promise<{ status: number; body: string }> } {
  const url = new URL(path, t.baseUrl);
  let req!: ClientRequest;
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': SIZE } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
  });
  req.write(BODY.slice(0, PREFIX.length));
  return { finish: () => req.end(BODY.slice(PREFIX.length)), answer };
}

describe('large request bodies (e2e)', () => {
  it('reads a few at a time, queues some more, and tells the rest to try again in their own envelope', async () => {
    const t = await startTestApp({ LARGE_UPLOADS_AT_ONCE: '1' });
    try {
      const held = Array.from({ length: 5 }, () => slowUpload(t, '/api/user/login/'));
      await new Promise((resolve) => setTimeout(resolve, 200));
      const refused = await fetch(`${t.baseUrl}/api/user/login/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(1.5 * 1024 * 1024) });
      expect(refused.status).toBe(200);
      expect(await refused.json()).toMatchObject({ status: -404, message: expect.stringContaining('too many large uploads at once; try again') });
      const v1 = await fetch(`${t.baseUrl}/v1/subject`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(1.5 * 1024 * 1024) });
      expect(await v1.json()).toMatchObject({ code: 503 });
      const small = await fetch(`${t.baseUrl}/api/ping`);
      expect(small.status).toBe(200);
      for (const { finish } of held) finish();
      const answers = await Promise.all(held.map((h) => h.answer));
      expect(answers.every((a) => a.status === 200 && JSON.parse(a.body).status !== undefined)).toBe(true);
    } finally {
      await t.close();
    }
  });
});
