import { ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BuiltService, SERVICE_DATA_KEY } from '../../test/support/built-service';
import { send } from './http-client';

const root = resolve(__dirname, '..', '..');

// DB_TYPE=postgres runs a bench on PostgreSQL: a database of its own on the machine's server
// (PGHOST, PGPORT, PGUSER), as the tests use it.
if (process.env.DB_TYPE === 'postgres') process.env.FACEGATE_TEST_DB = 'postgres';

export const BENCH_DATA_KEY = SERVICE_DATA_KEY;

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

/**
 * The built app as in production, on the database and storage of `dir`, logging to a file there:
 * dist/main.js, or BENCH_APP_MAIN (the build of another commit, to compare two builds in one run).
 */
export function appMain(): string {
  return process.env.BENCH_APP_MAIN ? resolve(process.env.BENCH_APP_MAIN) : join(root, 'dist', 'main.js');
}

export function benchService(dir: string, env: Record<string, string> = {}): BuiltService {
  const main = appMain();
  // BENCH_CPU_PROFILE=1 writes a V8 CPU profile of the app into the work directory; the no-op
  // SIGTERM listener lets the process end normally after Nest's shutdown, so the profile is written.
  const args = process.env.BENCH_CPU_PROFILE
    ? ['--cpu-prof', '--cpu-prof-dir', dir, '-e', `process.on('SIGTERM', () => {}); require(${JSON.stringify(main)});`]
    : [main];
  return new BuiltService(dir, env, args);
}

/** Starts the built app on `dir` (see workDir) and logs in as its administrator. */
export async function startApp(dir: string, env: Record<string, string> = {}): Promise<AppUnderTest> {
  const service = benchService(dir, env);
  await service.start();
  const token = await service.adminToken();
  return {
    base: service.base,
    token,
    process: service.process!,
    dbPath: service.dbPath,
    storageDir: service.storageDir,
    doCall: (path, fields) => service.doCall(path, { accessToken: token, ...fields }),
    admin: async (path, init = {}) => {
      const answer = await send(`${service.base}${path}`, {
        method: init.method ?? 'GET',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      if (answer.status >= 400) throw new Error(`${path}: HTTP ${answer.status} ${answer.body}`);
      return answer.body ? JSON.parse(answer.body) : null;
    },
    stop: () => service.stop(),
  };
}
