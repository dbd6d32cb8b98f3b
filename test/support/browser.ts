import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Browser, chromium } from 'playwright-core';

/** @sparticuz/chromium is an ES module, which jest's CommonJS cannot load: a child Node asks it. */
const ASK = `import chromium from '@sparticuz/chromium';
process.stdout.write(JSON.stringify({ path: await chromium.executablePath(), args: chromium.args }));`;

/**
 * Headless Chromium from the npm package @sparticuz/chromium (no system browser, no download;
 * it unpacks into the temp directory on first use). Its `--single-process` flag kills a second
 * browser context, so it is dropped.
 */
export async function launchBrowser(): Promise<Browser> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', ASK], { cwd: __dirname });
  const { path, args } = JSON.parse(stdout) as { path: string; args: string[] };
  return chromium.launch({ executablePath: path, args: [...args.filter((arg) => arg !== '--single-process'), '--no-sandbox'], headless: true });
}
