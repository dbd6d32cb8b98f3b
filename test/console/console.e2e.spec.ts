import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { TerminalSimulator } from '../fakes/terminal-simulator';
import { launchBrowser } from '../support/browser';
import { adminLogin, register, startTestAppWithWechat, WechatTestApp, wechatLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { AdminApi, addTerminal, adminApi, eventually } from '../support/gateway-flows';
import { jpegPhoto } from '../support/images';
import { ADMIN } from '../support/test-app';

const SHOTS = join(__dirname, '../../bench/.work/console-e2e');

/** The console as a person uses it, in headless Chromium against the real app and a simulated door. */
describe('the admin console in a browser (e2e)', () => {
  let t: WechatTestApp;
  let client: FormClient;
  let api: AdminApi;
  let sim: TerminalSimulator;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const logIn = async (on: Page, userName: string, password: string) => {
    await on.goto(`${t.baseUrl}/console/`);
    await on.getByLabel(/用户名|User name/).fill(userName);
    await on.getByLabel(/密码|Password/).fill(password);
    await on.getByRole('button', { name: /登\s*录|Log in/ }).click();
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    t = await startTestAppWithWechat({ RECORD_HEARTBEAT_MS: '100', RECORD_DEAD_AFTER_MS: '400', RECORD_RECONNECT_MAX_MS: '200' });
    client = new FormClient(t.baseUrl);
    api = adminApi(t, await adminLogin(client));
    sim = await new TerminalSimulator({ password: 'pw-console', now: () => t.clock.now().getTime() }).start();
    await addTerminal(api, sim, '正门');
    for (const [openId, name, telNo] of [['o-c1', '王小明', '13900000101'], ['o-c2', '李小红', '13900000102']]) {
      await register(client, await wechatLogin(client, t.wechat, { openId }), { name, telNo }, await jpegPhoto(300, 400));
    }
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t.close();
    await sim.stop();
  });

  it('an expired or missing session goes to the login page, and a wrong password says why', async () => {
    await page.goto(`${t.baseUrl}/console/#/review`);
    await page.waitForURL(/#\/login\?next=%2Freview/);
    await logIn(page, ADMIN.userName, 'wrong-password');
    await page.getByTestId('login-error').waitFor();
    expect(await page.getByTestId('login-error').textContent()).toContain('登录失败');
  });

  it('reviews two registrations in bulk, and they reach the door', async () => {
    await logIn(page, ADMIN.userName, ADMIN.password);
    await page.getByRole('menuitem', { name: '审核队列' }).click();
    await page.getByText('王小明').waitFor();
    await page.screenshot({ path: join(SHOTS, 'review.png') });
    await page.getByRole('checkbox').first().check();
    expect(await page.getByRole('checkbox').count()).toBe(3);
    await page.getByTestId('approve-selected').click();
    await page.getByText('已通过 2 条').waitFor();
    await eventually(async () => {
      const { body } = await api('/api/admin/registrations?state=2');
      expect(body.items.map((r: { name: string }) => r.name).sort()).toEqual(['李小红', '王小明']);
    }, 10_000);
    expect(sim.users.size).toBe(2);
  });

  it('shows a record pushed by the door without a reload, and the door online', async () => {
    await page.getByRole('menuitem', { name: '实时概览' }).click();
    await page.getByText('在线').waitFor();
    sim.pushRecord({ userId: 'FR1', name: '王小明', similarity: 93 });
    sim.pushRecord({ userId: '', name: '', type: -1 });
    await page.getByTestId('records').getByText('王小明').waitFor();
    await page.getByTestId('records').getByText('陌生人').waitFor();
    expect(await page.getByTestId('records').getByText('未通过').count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'dashboard.png') });
  });

  it('switches to English and stays there', async () => {
    await page.getByTestId('language').click();
    await page.getByRole('menuitem', { name: 'Review queue' }).waitFor();
    await page.reload();
    await page.getByText('Latest access records').waitFor();
  });

  it('an auditor sees the queue without review buttons, and the API refuses the review', async () => {
    await api('/api/admin/accounts', { method: 'POST', body: { username: 'auditor-c', password: 'auditor-pw-1', role: 'auditor' } });
    await api('/api/admin/accounts', { method: 'POST', body: { username: 'reviewer-c', password: 'reviewer-pw-1', role: 'reviewer' } });
    const auditorPage = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await logIn(auditorPage, 'auditor-c', 'auditor-pw-1');
    await auditorPage.getByTestId('account').getByText('auditor').waitFor();
    await auditorPage.getByRole('menuitem', { name: 'Review queue' }).click();
    await auditorPage.getByText('Keyboard').waitFor();
    expect(await auditorPage.getByTestId('approve-selected').count()).toBe(0);
    expect(await auditorPage.getByRole('checkbox').count()).toBe(0);
    const refused = await client.post('/SkyFaceRegister/approve.do', { accessToken: await adminLogin(client, { userName: 'auditor-c', password: 'auditor-pw-1' }), ids: '1', isPass: 0 });
    expect(refused.result_msg).toContain('auditor role may not change people');
    const reviewerPage = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await logIn(reviewerPage, 'reviewer-c', 'reviewer-pw-1');
    await reviewerPage.getByRole('menuitem', { name: 'Review queue' }).click();
    await reviewerPage.getByTestId('approve-selected').waitFor();
  });
});
