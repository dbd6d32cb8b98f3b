import { performance } from 'node:perf_hooks';
import { Browser, Page } from 'playwright-core';
import { TerminalSimulator } from '../../test/fakes/terminal-simulator';
import { launchBrowser } from '../../test/support/browser';
import { seedPendingRegistrations } from '../../test/support/seed-registrations';
import { waitFor } from '../../test/support/wait-for';
import { AppUnderTest, startApp, workDir } from '../lib/app-under-test';
import { runScenarios } from '../lib/run-scenarios';
import { median, percentile } from '../lib/stats';

/** A page of the console with the app's token already in the tab (as after a login). */
async function consolePage(browser: Browser, app: AppUnderTest): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
  await context.addInitScript(`sessionStorage.setItem('facegate.token', ${JSON.stringify(app.token)})`);
  return context.newPage();
}

interface Transfer {
  jsCss: number;
  fonts: number;
  images: number;
  requests: number;
}

/** Counts the bytes of each kind a page receives over the network (bodies as transferred, compressed). */
function countTransfers(page: Page): Transfer {
  const totals: Transfer = { jsCss: 0, fonts: 0, images: 0, requests: 0 };
  page.on('requestfinished', (request) => {
    void request.sizes().then(({ responseBodySize }) => {
      const url = request.url().split('?')[0];
      totals.requests += 1;
      if (/\.(js|css|html)$|\/console\/$/.test(url)) totals.jsCss += responseBodySize;
      else if (/\.woff2?$/.test(url)) totals.fonts += responseBodySize;
      else if (request.resourceType() === 'image') totals.images += responseBodySize;
    });
  });
  return totals;
}

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

// Scripts run inside the page (plain JavaScript: this project compiles without the DOM's types).
/** Resolves with the page's clock when 20 rows can be reviewed (their buttons are there), and when every photo is decoded too. */
const READY_WITH_20_PHOTOS = `new Promise((resolve) => {
  let interactive = 0;
  const check = () => {
    if (!interactive && document.querySelectorAll('[data-testid="queue"] .ant-table-row button').length === 40) interactive = performance.now();
    const photos = [...document.querySelectorAll('[data-testid="queue"] img')];
    if (interactive && photos.length === 20 && photos.every((img) => img.complete && img.naturalWidth > 0)) resolve({ interactive, photos: performance.now() });
    else requestAnimationFrame(check);
  };
  check();
})`;
/** Notes when each record name (P<n>) first shows on the page, and every long task of its main thread. */
const WATCH_RECORDS = `(() => {
  const seen = {};
  const longTasks = [];
  window.bench = { seen, longTasks };
  new PerformanceObserver((list) => list.getEntries().forEach((entry) => longTasks.push(entry.duration))).observe({ type: 'longtask' });
  new MutationObserver(() => {
    const now = Date.now();
    document.querySelectorAll('[data-testid="records"] td').forEach((cell) => {
      const text = cell.textContent || '';
      if (/^P\\d+$/.test(text) && !(text in seen)) seen[text] = now;
    });
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
})()`;

/** What the first load of the login page, and then of the review page, transfer (gzip). Target ≤ 400 KB of JS + CSS for the first load. */
async function bundle() {
  const { dir, dbPath, storageDir } = workDir('console-bundle');
  await seedPendingRegistrations(dbPath, storageDir, 20);
  const app = await startApp(dir);
  const browser = await launchBrowser();
  try {
    const login = await (await browser.newContext()).newPage();
    const loginPage = countTransfers(login);
    await login.goto(`${app.base}/console/#/login`, { waitUntil: 'networkidle' });
    const review = await consolePage(browser, app);
    const reviewPage = countTransfers(review);
    await review.goto(`${app.base}/console/#/review`, { waitUntil: 'networkidle' });
    await review.getByText('Person 19').waitFor();
    await review.waitForLoadState('networkidle');
    return {
      loginPage: { jsCssKb: kb(loginPage.jsCss), fontsKb: kb(loginPage.fonts), requests: loginPage.requests },
      reviewPageFirstLoad: { jsCssKb: kb(reviewPage.jsCss), fontsKb: kb(reviewPage.fonts), imagesKb: kb(reviewPage.images), requests: reviewPage.requests },
    };
  } finally {
    await browser.close();
    await app.stop();
  }
}

/** The review page with 20 photos, warm (the browser cache holds the code): navigation to 20 rows with every photo decoded. Target ≤ 1 s. */
async function reviewPage() {
  const ROUNDS = 15;
  const { dir, dbPath, storageDir } = workDir('console-review');
  await seedPendingRegistrations(dbPath, storageDir, 20);
  const app = await startApp(dir);
  const browser = await launchBrowser();
  try {
    const page = await consolePage(browser, app);
    await page.goto(`${app.base}/console/#/review`);
    await page.getByText('Person 19').waitFor();
    const interactive: number[] = [];
    const withPhotos: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await page.goto('about:blank');
      await page.goto(`${app.base}/console/#/review`);
      const ready = await page.evaluate<{ interactive: number; photos: number }>(READY_WITH_20_PHOTOS);
      interactive.push(ready.interactive);
      withPhotos.push(ready.photos);
    }
    const summary = (times: number[]) => {
      const sorted = [...times].sort((a, b) => a - b);
      return { medianMs: Math.round(median(sorted)), p95Ms: Math.round(percentile(sorted, 95)), maxMs: Math.round(sorted[sorted.length - 1]) };
    };
    return { rounds: ROUNDS, interactive: summary(interactive), everyPhotoDecoded: summary(withPhotos) };
  } finally {
    await browser.close();
    await app.stop();
  }
}

/** 50 terminals push 2,000 records/s for 20 s while the live overview is open: push to appearance on the page. Target p95 ≤ 500 ms. */
async function liveRecords() {
  const TERMINALS = 50;
  const PER_SECOND = 2000;
  const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
  const { dir } = workDir('console-live');
  const sims = await Promise.all(Array.from({ length: TERMINALS }, (_, i) => new TerminalSimulator({ password: `l${i}` }).start()));
  const app = await startApp(dir);
  const browser = await launchBrowser();
  try {
    for (const [i, sim] of sims.entries()) {
      await app.admin('/api/admin/devices', { method: 'POST', body: { name: `Door ${i}`, host: '127.0.0.1', port: sim.httpPort, wsPort: sim.wsPort, password: sim.password } });
    }
    await waitFor('record links', () => sims.every((sim) => sim.recordLinks === 1), 30_000);
    const page = await consolePage(browser, app);
    await page.goto(`${app.base}/console/#/`);
    await page.getByTestId('records').waitFor();
    // The page notes when each record's name first shows, and how long its main thread was ever blocked.
    await page.evaluate(WATCH_RECORDS);
    const pushedAt = new Map<string, number>();
    let sequence = 0;
    const started = performance.now();
    for (let tick = 0; tick < SECONDS * 10; tick++) {
      const wait = started + tick * 100 - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      for (let k = 0; k < PER_SECOND / 10; k++) {
        const name = `P${++sequence}`;
        pushedAt.set(name, Date.now());
        sims[sequence % TERMINALS].pushRecord({ userId: `FR${sequence}`, name, similarity: 90 });
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const { seen, longTasks } = await page.evaluate<{ seen: Record<string, number>; longTasks: number[] }>('window.bench');
    const latencies = Object.entries(seen)
      .map(([name, at]) => at - (pushedAt.get(name) ?? at))
      .sort((a, b) => a - b);
    const skippedText = await page.locator('.ant-card-extra').first().textContent();
    return {
      terminals: TERMINALS,
      offeredPerSecond: PER_SECOND,
      seconds: SECONDS,
      pushed: sequence,
      shownOnPage: latencies.length,
      notShownCounter: skippedText,
      pushToPageMs: { p50: Math.round(percentile(latencies, 50)), p95: Math.round(percentile(latencies, 95)), max: latencies.at(-1) },
      longestMainThreadTaskMs: Math.round(Math.max(0, ...longTasks)),
      longTasks: longTasks.length,
    };
  } finally {
    await browser.close();
    await app.stop();
    await Promise.all(sims.map((sim) => sim.stop()));
  }
}

runScenarios('console', { bundle, reviewPage, liveRecords });
