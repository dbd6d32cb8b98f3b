import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { startTestApp, TestApp } from '../support/test-app';

/** A raw GET (fetch would decompress, and normalise the path). */
function get(t: TestApp, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${t.baseUrl}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the console files (e2e)', () => {
  let t: TestApp;
  const assets = join(__dirname, '../../console/dist/assets');
  /** The largest script of the build (the entry chunk). */
  const script = readdirSync(assets)
    .filter((name) => name.endsWith('.js'))
    .sort((a, b) => statSync(join(assets, b)).size - statSync(join(assets, a)).size)[0];

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves the page revalidated and the hashed assets cached for a year, gzipped for browsers that take it', async () => {
    expect((await get(t, '/console')).headers.location).toBe('/console/');
    const page = await get(t, '/console/', { 'accept-encoding': 'gzip, deflate' });
    expect(page.headers).toMatchObject({ 'content-encoding': 'gzip', 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', vary: 'accept-encoding' });
    expect(gunzipSync(page.body).toString()).toContain('<div id="root"></div>');
    expect(page.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    const plain = await get(t, `/console/assets/${script}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const zipped = await get(t, `/console/assets/${script}`, { 'accept-encoding': 'gzip' });
    expect(zipped.headers).toMatchObject({ 'content-encoding': 'gzip', 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable' });
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    expect(zipped.body.length).toBeLessThan(plain.body.length / 2);
  });

  it('answers a missing file or a path out of the build with a 404, and never serves what lies beside it', async () => {
    for (const path of ['/console/nope.js', '/console/../package.json', '/console/%2e%2e/package.json', '/console/..%2f..%2fpackage.json', '/console/.%2e/.%2e/package.json.gz']) {
      const answer = await get(t, path, { 'accept-encoding': 'gzip' });
      expect([path, answer.status]).toEqual([path, 404]);
      expect(answer.body.toString()).not.toContain('"name": "facegate"');
    }
  });

  it('says how to build the console when it is not built', async () => {
    const unbuilt = await startTestApp({ CONSOLE_DIR: join(__dirname, 'no-such-build') });
    try {
      const answer = await get(unbuilt, '/console/');
      expect(answer.status).toBe(404);
      expect(JSON.parse(answer.body.toString()).detail).toContain('npm run console:build');
    } finally {
      await unbuilt.close();
    }
  });
});
