import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SERVICE_ADMIN, SERVICE_DATA_KEY } from '../../test/support/built-service';
import { freePort } from '../../test/support/service-process';
import { appMain } from '../lib/app-under-test';
import { send } from '../lib/http-client';

const root = resolve(__dirname, '..', '..');
const WARM_REQUESTS = 1000;
const MEASURED_REQUESTS = 300;
const CONCURRENCY = 8;

export interface InstructionCount {
  /** Thousands of instructions the server ran per getfaces.do, counted by valgrind (callgrind). */
  kiloInstructionsPerRequest: number;
  measuredRequests: number;
}

async function answering(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10 * 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server under valgrind exited with ${child.exitCode}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((done) => setTimeout(done, 500));
    }
  }
  throw new Error(`${url} did not answer under valgrind within 10 minutes`);
}

/**
 * The instructions one server runs per request of the first page, under valgrind: the same count
 * for the same code whatever else the machine does (CPU time varies ±15 % here), so a change can
 * be judged by one run. Instrumentation is off until the server is warm (JIT), then on for
 * MEASURED_REQUESTS requests. Kernel time (the answer's write) is not counted.
 */
export async function countInstructions(which: 'app' | 'nestMinimal', dir: string, token?: string): Promise<InstructionCount & { token: string }> {
  const port = await freePort();
  const out = join(dir, `callgrind-${which}.out`);
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'info',
    DB_PATH: join(dir, 'facegate.sqlite'),
    STORAGE_DIR: join(dir, 'storage'),
    JWT_SECRET: 'built-service-secret-0123456789-0123456789',
    DATA_SECRET_KEY: SERVICE_DATA_KEY,
    ADMIN_USERNAME: SERVICE_ADMIN.userName,
    ADMIN_PASSWORD: SERVICE_ADMIN.password,
    FACE_ENGINE: 'off',
    TS_NODE_PROJECT: join(root, 'tsconfig.json'),
  };
  const server = which === 'app' ? [appMain()] : ['-r', 'ts-node/register/transpile-only', join(__dirname, 'nest-minimal.ts')];
  const child = spawn('valgrind', ['--tool=callgrind', '--instr-atstart=no', `--callgrind-out-file=${out}`, 'node', ...server], { env, stdio: 'ignore', cwd: root });
  try {
    const base = `http://127.0.0.1:${port}`;
    await answering(`${base}/`, child);
    if (!token) {
      const login = await send(`${base}/SkyFaceRegister/login.do`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ userName: SERVICE_ADMIN.userName, password: SERVICE_ADMIN.password }).toString(),
      });
      token = JSON.parse(login.body).result_data.accessToken as string;
    }
    const body = new URLSearchParams({ accessToken: token, state: '-1', pageSize: '20', pageNum: '1' }).toString();
    const requests = async (count: number) => {
      let sent = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (sent++ < count) {
            const answer = await send(`${base}/SkyFaceRegister/getfaces.do`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
            if (!answer.body.includes('"result_code":0')) throw new Error(`getfaces.do answered ${answer.body.slice(0, 200)}`);
          }
        }),
      );
    };
    await requests(WARM_REQUESTS);
    execFileSync('callgrind_control', ['-i', 'on', String(child.pid)], { stdio: 'ignore' });
    await requests(MEASURED_REQUESTS);
    execFileSync('callgrind_control', ['-i', 'off', String(child.pid)], { stdio: 'ignore' });
    execFileSync('callgrind_control', ['-d', String(child.pid)], { stdio: 'ignore' });
  } finally {
    child.kill('SIGKILL');
    await new Promise((done) => child.once('exit', done));
  }
  const total = readdirSync(dir)
    .filter((name) => name.startsWith(`callgrind-${which}.out`))
    .map((name) => Number(/^totals: (\d+)$/m.exec(readFileSync(join(dir, name), 'utf8'))?.[1] ?? 0))
    .reduce((sum, count) => sum + count, 0);
  return { kiloInstructionsPerRequest: Math.round(total / MEASURED_REQUESTS / 1000), measuredRequests: MEASURED_REQUESTS, token };
}
