import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { startTestApp, TestApp } from '../support/test-app';

describe('security headers (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('sends helmet headers and no-store on every API answer, of every family', async () => {
    for (const [method, path] of [
      ['GET', '/api/ping'],
      ['POST', '/SkyFaceRegister/login.do'],
      ['GET', '/v1/wechat/is_binding?weixinUserId=x'],
      ['GET', '/api/admin/employees'],
      ['GET', '/health/live'],
      ['GET', '/nowhere'],
    ]) {
      const response = await fetch(`${t.baseUrl}${path}`, { method });
      const headers = Object.fromEntries(response.headers);
      expect({ path, cache: headers['cache-control'], nosniff: headers['x-content-type-options'], frame: headers['x-frame-options'] }).toEqual({
        path,
        cache: 'no-store',
        nosniff: 'nosniff',
        frame: 'SAMEORIGIN',
      });
      expect(headers['content-security-policy']).toContain("script-src 'self';");
      expect(headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect(headers['x-powered-by']).toBeUndefined();
    }
  });

  it('lets static files be cached, and allows inline scripts under /docs only', async () => {
    await mkdir(join(t.dir, 'storage', 'public', 'qrcodes'), { recursive: true });
    await writeFile(join(t.dir, 'storage', 'public', 'qrcodes', 'x.png'), Buffer.from('png'));
    const file = await fetch(`${t.baseUrl}/files/qrcodes/x.png`);
    expect(file.headers.get('cache-control')).toContain('max-age');
    const docs = await fetch(`${t.baseUrl}/docs`);
    expect(docs.headers.get('content-security-policy')).toContain("script-src 'self' 'unsafe-inline'");
  });

  describe('in a browser', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    }, 60_000);
    afterAll(() => browser?.close());

    it('Swagger UI still works under the CSP: it lists the operations and reports no violation', async () => {
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
      });
      await page.goto(`${t.baseUrl}/docs`);
      await page.waitForSelector('.opblock', { timeout: 20_000 });
      expect(await page.locator('.opblock').count()).toBeGreaterThan(50);
      await page.screenshot({ path: process.env.SCREENSHOT_DIR ? join(process.env.SCREENSHOT_DIR, 'docs.png') : join(t.dir, 'docs.png') });
      expect(violations).toEqual([]);
    }, 60_000);
  });
});
