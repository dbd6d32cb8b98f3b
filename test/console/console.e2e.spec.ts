import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { WebSocket } from 'ws';
import { LiveGateway } from '../../src/admin-review/live/live.gateway';
import { TerminalSimulator } from '../fakes/terminal-simulator';
import { launchBrowser } from '../support/browser';
import { adminLogin, register, startTestAppWithWechat, WechatTestApp, wechatLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { AdminApi, addTerminal, adminApi, eventually } from '../support/gateway-flows';
import { facePhoto } from '../support/face-photos';
import { jpegPhoto } from '../support/images';
import { ADMIN } from '../support/test-app';
import { applicationBody, seedEmployeeAndVisitor, v1Client } from '../support/visitor-flows';

/** `npm run screenshots` writes them into docs/console for the README; a test run keeps them out of the tree. */
const SHOTS = process.env.CONSOLE_SCREENSHOTS ?? join(__dirname, '../../bench/.work/console-e2e');

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
    await fillLogin(on, userName, password);
  };
  const fillLogin = async (on: Page, userName: string, password: string) => {
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
    for (const [openId, name, telNo] of [['o-c0', '键盘驳', '13900000100'], ['o-c1', '王小明', '13900000101'], ['o-c2', '李小红', '13900000102']]) {
      await register(client, await wechatLogin(client, t.wechat, { openId }), { name, telNo }, await jpegPhoto(300, 400));
    }
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    // A step that cannot happen fails on its own line, well inside the test's time.
    context.setDefaultTimeout(8000);
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
    const queue = page.getByTestId('queue');
    expect(await queue.getByRole('checkbox').count()).toBe(4);
    await queue.locator('.ant-table-row', { hasText: '王小明' }).getByRole('checkbox').check();
    await queue.locator('.ant-table-row', { hasText: '李小红' }).getByRole('checkbox').check();
    await page.getByTestId('approve-selected').click();
    await page.getByText('已通过 2 条').waitFor();
    // The keyboard: the cursor is on the first row of what is left; r rejects it.
    await queue.locator('.ant-table-row', { hasText: '键盘驳' }).waitFor();
    await page.keyboard.press('r');
    await page.getByText('已驳回 1 条').waitFor();
    await queue.locator('.ant-table-row', { hasText: '键盘驳' }).waitFor({ state: 'detached' });
    await eventually(async () => {
      const { body } = await api('/api/admin/registrations?state=2');
      expect(body.items.map((r: { name: string }) => r.name).sort()).toEqual(['李小红', '王小明']);
    }, 10_000);
    expect(sim.users.size).toBe(2);
  });

  it('shows a record pushed by the door without a reload, and the door online', async () => {
    await page.getByRole('menuitem', { name: '实时概览' }).click();
    await page.getByText('所有终端在线').waitFor();
    sim.pushRecord({ userId: 'FR1', name: '王小明', similarity: 93 });
    const stranger = sim.pushRecord({ userId: '', name: '', type: -1, signAvatar: (await facePhoto('s1a', 160)).toString('base64') });
    await page.getByTestId('records').getByText('王小明').waitFor();
    await page.getByTestId('records').getByText('陌生人').waitFor();
    expect(await page.getByTestId('records').getByText('未通过').count()).toBe(1);
    // The day at a glance follows: the chart (its chunk fetched on demand) and the figures count both, the refusal shows with the door.
    const chart = page.getByTestId('entries-chart');
    await eventually(async () => expect([await chart.getAttribute('data-passed'), await chart.getAttribute('data-denied')]).toEqual(['1', '1']));
    expect(await page.getByTestId('figure-entries').textContent()).toMatch(/通过1.*未通过1/);
    await page.getByTestId('refusals').getByText('陌生人').waitFor();
    expect(await page.getByTestId('refusals').textContent()).toContain('正门');
    // The captured face is shown, and times are on the site's clock (the browser here runs on UTC).
    await eventually(async () => expect(await page.getByTestId('captured-face').evaluate((element) => {
      const img = element as unknown as { complete: boolean; naturalWidth: number };
      return img.complete && img.naturalWidth;
    })).toBe(160));
    const onSiteClock = new Date(stranger.signTime * 1000).toLocaleTimeString('en-GB', { timeZone: 'Asia/Shanghai' });
    expect(await page.getByTestId('records').textContent()).toContain(onSiteClock);
    expect(await page.getByTestId('figure-doors').textContent()).toMatch(/在线1\/ 1/);
    await page.getByText('所有终端在线').waitFor();
    expect(await page.getByTestId('figure-review').textContent()).toMatch(/待审核0/);
    await page.screenshot({ path: join(SHOTS, 'dashboard.png') });
    // Each figure is a click away from its page.
    await page.getByTestId('refusals').getByText('陌生人').click();
    await page.waitForURL(/#\/records\?result=denied/);
    await page.getByTestId('result-filter').waitFor();
    await page.getByTestId('records').getByText('陌生人').waitFor();
    expect(await page.getByTestId('records').getByText('王小明').count()).toBe(0);
    await page.getByRole('menuitem', { name: '实时概览' }).click();
    await page.getByTestId('figure-review').click();
    await page.waitForURL(/#\/review/);
    await page.getByRole('menuitem', { name: '实时概览' }).click();
    await page.getByTestId('entries-chart').waitFor();

    // The server drops every live socket: the page says so, reconnects by itself, and gets records again.
    (t.app.get(LiveGateway) as unknown as { clients: Map<WebSocket, { socket: WebSocket }> }).clients.forEach((client) => client.socket.terminate());
    await page.getByTestId('live-lost').waitFor();
    await page.getByTestId('live-lost').waitFor({ state: 'detached' });
    sim.pushRecord({ userId: 'FR2', name: '李小红', similarity: 95 });
    await page.getByTestId('records').getByText('李小红').waitFor();
  });

  it('shows each person on each door, opens a door, filters records and exports them as CSV', async () => {
    await page.getByRole('menuitem', { name: '人员' }).click();
    await page.getByTestId('people').getByText('王小明').waitFor();
    await page.getByTestId('people').locator('.ant-table-row', { hasText: '王小明' }).getByRole('button', { name: /展开|Expand/ }).click();
    await page.getByText('各终端下发情况').waitFor();
    await page.getByText('已在终端').waitFor();
    await page.screenshot({ path: join(SHOTS, 'people.png') });

    await page.getByRole('menuitem', { name: '门禁终端' }).click();
    await page.getByTestId('doors').getByText('在线').waitFor();
    const opens = sim.count('/api/device/open');
    await page.getByRole('button', { name: /开\s*门/ }).click();
    await page.getByText('已开门').waitFor();
    expect(sim.count('/api/device/open')).toBe(opens + 1);
    await page.screenshot({ path: join(SHOTS, 'doors.png') });

    await page.getByRole('button', { name: /参\s*数/ }).click();
    const parameters = page.getByRole('dialog');
    await parameters.locator('textarea').waitFor();
    // Read from the test's side: a string evaluated in the page breaks the console's CSP (no 'unsafe-eval').
    await eventually(async () => expect(await parameters.locator('textarea').inputValue()).toContain('"'));
    await page.keyboard.press('Escape');
    await parameters.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '立即对账' }).click();
    await page.getByText(/对账完成：终端 2 人/).waitFor();
    await page.getByRole('button', { name: /知\s*道\s*了|OK/ }).click();
    await page.getByRole('button', { name: /编\s*辑/ }).click();
    const form = page.getByRole('dialog');
    await form.getByLabel('名称').fill('');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await form.getByText('必填').waitFor();
    await form.getByLabel('名称').fill('北门');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByTestId('doors').getByText('北门').waitFor();
    expect((await api('/api/admin/devices')).body.items[0].name).toBe('北门');

    await page.getByRole('menuitem', { name: '通行记录' }).click();
    await page.getByTestId('records').getByText('王小明').waitFor();
    await page.getByTestId('result-filter').getByText('未通过').click();
    await page.getByTestId('records').getByText('王小明').waitFor({ state: 'detached' });
    await page.getByTestId('records').getByText('陌生人').waitFor();
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
    const csv = (await readFile(await file.path())).toString('utf8');
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/,denied$/);
    await page.screenshot({ path: join(SHOTS, 'records.png') });
  });

  it('an ended session goes back to the login page at once, and after the login to the page the user was on', async () => {
    await page.getByRole('menuitem', { name: '通行记录' }).click();
    await page.getByTestId('records').waitFor();
    await client.post('/SkyFaceRegister/logout.do', { accessToken: await page.evaluate<string>("sessionStorage.getItem('facegate.token')") });
    // The logout closes the page's live socket: the console leaves without waiting for a request.
    await page.waitForURL(/#\/login\?next=%2Frecords&expired=1/);
    await page.getByText('登录已过期，请重新登录').waitFor();
    await fillLogin(page, ADMIN.userName, ADMIN.password);
    await page.waitForURL(/#\/records$/);
    await page.getByTestId('records').waitFor();
  });

  it('switches to English and stays there', async () => {
    await page.getByTestId('language').click();
    await page.getByRole('menuitem', { name: 'Review queue' }).waitFor();
    await page.reload();
    await page.getByRole('menuitem', { name: 'Access records' }).waitFor();
  });

  it("lists today's visit with its state, and imports employees showing the refused line", async () => {
    const v1 = v1Client(t);
    await seedEmployeeAndVisitor(v1, api);
    expect((await v1('POST', '/subject', { body: applicationBody(t, { name: '赵访客', phone: '13922220001', proposer: '13922220001' }) })).code).toBe(0);
    await page.getByRole('menuitem', { name: 'Visitors' }).click();
    await page.getByTestId('visits').getByText('赵访客').waitFor();
    await page.getByTestId('visits').getByText('waiting for authorisation').waitFor();

    await page.getByRole('tab', { name: 'Employees' }).click();
    const csv = 'name,phone,department\n王五,13800000201,研发部\n坏行,12345,研发部\n赵六,13800000202,市场部\n';
    await page.locator('input[type=file]').setInputFiles({ name: 'employees.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('import-report').getByText('Imported: 2 created, 0 updated, 1 refused').waitFor();
    const refusedRow = page.getByTestId('import-report').locator('.ant-table-row');
    expect(await refusedRow.count()).toBe(1);
    expect(await refusedRow.textContent()).toMatch(/^3坏行12345/);
    await page.getByTestId('employees').getByText('赵六').waitFor();
    await page.screenshot({ path: join(SHOTS, 'visitors.png') });
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
    expect(await auditorPage.getByTestId('queue').getByRole('checkbox').count()).toBe(0);
    expect(await auditorPage.getByTestId('review-required').isDisabled()).toBe(true);
    const refused = await client.post('/SkyFaceRegister/approve.do', { accessToken: await adminLogin(client, { userName: 'auditor-c', password: 'auditor-pw-1' }), ids: '1', isPass: 0 });
    expect(refused.result_msg).toContain('auditor role may not change people');
    await auditorPage.getByRole('menuitem', { name: 'Audit log' }).click();
    await auditorPage.getByTestId('audit').getByText('POST /SkyFaceRegister/approve.do').first().waitFor();
    expect(await auditorPage.getByRole('menuitem', { name: 'Accounts and roles' }).count()).toBe(0);
    const reviewerPage = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await logIn(reviewerPage, 'reviewer-c', 'reviewer-pw-1');
    await reviewerPage.getByRole('menuitem', { name: 'Review queue' }).click();
    await reviewerPage.getByTestId('approve-selected').waitFor();
    await reviewerPage.getByRole('menuitem', { name: 'Doors' }).click();
    await reviewerPage.getByTestId('doors').getByText('online').waitFor();
    expect(await reviewerPage.getByRole('button', { name: 'Open door' }).count()).toBe(0);
    expect(await reviewerPage.getByTestId('add-door').count()).toBe(0);
    expect(await reviewerPage.getByRole('menuitem', { name: 'Accounts and roles' }).count()).toBe(0);
    const reviewerApi = adminApi(t, await adminLogin(client, { userName: 'reviewer-c', password: 'reviewer-pw-1' }));
    expect((await reviewerApi('/api/admin/devices/1/door/open', { method: 'POST', body: {} })).status).toBe(403);
  });

  it('an administrator creates an account with a role in the console', async () => {
    await page.getByRole('menuitem', { name: 'Accounts and roles' }).click();
    await page.getByTestId('create-account').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Account').fill('operator-c');
    await dialog.getByLabel('Password', { exact: true }).fill('short');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('6 to 64 characters').waitFor();
    await dialog.getByLabel('Password', { exact: true }).fill('operator-pw-1');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('accounts').getByText('operator-c').waitFor();
    const { body } = await api('/api/admin/accounts?q=operator-c');
    expect(body.items).toEqual([expect.objectContaining({ username: 'operator-c', role: 'reviewer' })]);
    await page.screenshot({ path: join(SHOTS, 'accounts.png') });
  });

  it("syncs a door's clock, and removes the door once confirmed", async () => {
    await page.getByRole('menuitem', { name: 'Doors' }).click();
    const syncs = sim.count('/api/device/syncTime');
    await page.getByRole('button', { name: 'Sync clock' }).click();
    await page.getByText('Clock set').waitFor();
    expect(sim.count('/api/device/syncTime')).toBeGreaterThan(syncs);
    await page.getByRole('button', { name: 'Remove' }).click();
    await page.locator('.ant-modal-confirm-title', { hasText: 'Remove the door 北门?' }).waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await page.getByTestId('doors').getByText('北门').waitFor({ state: 'detached' });
    expect((await api('/api/admin/devices')).body.items).toEqual([]);
  });
});
