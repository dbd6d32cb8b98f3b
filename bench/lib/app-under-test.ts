import { ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort, startProcess, stopProcess } from '../../test/support/service-process';
import { send } from './http-client';

const root = resolve(__dirname, '..', '..');

export const BENCH_ADMIN = { userName: 'bench', password: 'bench-password' };
export const BENCH_DATA_KEY = 'a'.repeat(64);

export interface AppUnderTest {
  base: string;
  /** The administrator's access token. */
  token: string;
  process: ChildProcess;
  dbPath: string;
  storageDir: string;
  /** A JSON call to the admin REST or a form call to a .do endpoint. */
  admin(path: string, init?: { method?: string; body?: unknown }): Promise<any>;
  doCall(path: string, fields: Record<string, string | number>): Promise<any>;
  stop(): Promise<void>;
}

/** A scratch directory for one benchmark scenario (database, storage, log). */
export function workDir(name: string): { dir: string; dbPath: string; storageDir: string } {
  const dir = resolve(__dirname, '..', '.work', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return { dir, dbPath: join(dir, 'facegate.sqlite'), storageDir: join(dir, 'storage') };
}

/** Starts the built app (dist/main.js) as in production, logging to a file in `dir`. */
export async function startApp(dir: string, dbPath: string, storageDir: string, env: Record<string, string> = {}): Promise<AppUnderTest> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const main = join(root, 'dist', 'main.js');
  // BENCH_CPU_PROFILE=1 writes a V8 CPU profile of the app into the work directory; the no-op
  // SIGTERM listener lets the process end normally after Nest's shutdown, so the profile is written.
  const args = process.env.BENCH_CPU_PROFILE
    ? ['--cpu-prof', '--cpu-prof-dir', dir, '-e', `process.on('SIGTERM', () => {}); require(${JSON.stringify(main)});`]
    : [main];
  const child = await startProcess(
    'node',
    args,
    {
      NODE_ENV: 'production',
      PORT: String(port),
      PUBLIC_BASE_URL: base,
      LOG_LEVEL: 'info',
      DB_PATH: dbPath,
      STORAGE_DIR: storageDir,
      JWT_SECRET: 'bench-secret-0123456789-0123456789-0123456789',
      DATA_SECRET_KEY: BENCH_DATA_KEY,
      ADMIN_USERNAME: BENCH_ADMIN.userName,
      ADMIN_PASSWORD: BENCH_ADMIN.password,
      ...env,
    },
    `${base}/docs/openapi.json`,
    openSync(join(dir, 'app.log'), 'w'),
  );
  const doCall = async (path: string, fields: Record<string, string | number>) => {
    const answer = await send(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(Object.entries(fields).map(([k, v]): [string, string] => [k, String(v)])).toString(),
    });
    return JSON.parse(answer.body);
  };
  const token = (await doCall('/SkyFaceRegister/login.do', BENCH_ADMIN)).result_data.accessToken as string;
  return {
    base,
    token,
    process: child,
    dbPath,
    storageDir,
    doCall: (path, fields) => doCall(path, { accessToken: token, ...fields }),
    admin: async (path, init = {}) => {
      const answer = await send(`${base}${path}`, {
        method: init.method ?? 'GET',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      if (answer.status >= 400) throw new Error(`${path}: HTTP ${answer.status} ${answer.body}`);
      return answer.body ? JSON.parse(answer.body) : null;
    },
    stop: () => stopProcess(child),
  };
}

export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 120_000, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
