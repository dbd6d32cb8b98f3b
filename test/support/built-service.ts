import { ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort, startProcess, stopProcess } from './service-process';
import { databaseEnv } from './test-database-server';

const root = resolve(__dirname, '..', '..');

export const SERVICE_ADMIN = { userName: 'operator', password: 'operator-password' };
export const SERVICE_DATA_KEY = 'a'.repeat(64);

/**
 * The built service (dist/main.js) as a child process, the way it runs in production, on a
 * database and storage directory of its own. It can be killed (SIGKILL, as a power cut would)
 * and started again on the same directory and port.
 */
export class BuiltService {
  process?: ChildProcess;
  base = '';
  private port = 0;
  private starts = 0;
  readonly dbPath: string;
  readonly storageDir: string;

  constructor(
    readonly dir: string,
    private readonly env: Record<string, string> = {},
    private readonly args: string[] = [join(root, 'dist', 'main.js')],
    /** Its logs are `<name>-<n>.log`: the instances of a cluster share one directory. */
    readonly name = 'app',
  ) {
    mkdirSync(dir, { recursive: true });
    this.dbPath = join(dir, 'facegate.sqlite');
    this.storageDir = join(dir, 'storage');
  }

  /** Starts the service and resolves once it answers HTTP. Its log goes to `app-<n>.log` in the directory. */
  async start(): Promise<void> {
    this.port ||= await freePort();
    this.base = `http://127.0.0.1:${this.port}`;
    this.starts += 1;
    this.process = await startProcess(
      'node',
      this.args,
      {
        NODE_ENV: 'production',
        PORT: String(this.port),
        PUBLIC_BASE_URL: this.base,
        LOG_LEVEL: 'info',
        ...(await databaseEnv(this.dir, this.dbPath)),
        STORAGE_DIR: this.storageDir,
        JWT_SECRET: 'built-service-secret-0123456789-0123456789',
        DATA_SECRET_KEY: SERVICE_DATA_KEY,
        ADMIN_USERNAME: SERVICE_ADMIN.userName,
        ADMIN_PASSWORD: SERVICE_ADMIN.password,
        FACE_ENGINE: 'off',
        // The simulated terminals listen on loopback, which production refuses by default.
        TERMINAL_ALLOWED_NETWORKS: '127.0.0.0/8, ::1',
        ...this.env,
      },
      `${this.base}/docs/openapi.json`,
      openSync(this.logPath(this.starts), 'w'),
    );
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed. */
  async kill(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM: an orderly shutdown. */
  async stop(): Promise<void> {
    if (this.process) await stopProcess(this.process);
  }

  logPath(start = this.starts): string {
    return join(this.dir, `${this.name}-${start}.log`);
  }

  /** The last lines each run of the service logged (to explain a failed test). */
  logTail(lines = 20): string {
    return Array.from({ length: this.starts }, (_, i) => {
      const text = readFileSync(this.logPath(i + 1), 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
      return `--- run ${i + 1} ---\n${text}`;
    }).join('\n');
  }

  /** A form call to a `.do` endpoint. */
  async doCall(path: string, fields: Record<string, string | number>): Promise<any> {
    const response = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(Object.entries(fields).map(([k, v]): [string, string] => [k, String(v)])),
    });
    return response.json();
  }

  async adminToken(): Promise<string> {
    const answer = await this.doCall('/SkyFaceRegister/login.do', SERVICE_ADMIN);
    if (answer.result_code !== 0) throw new Error(`login.do: ${answer.result_msg}`);
    return answer.result_data.accessToken;
  }

  /** A JSON call to the admin REST with `token`; throws on an HTTP error status. */
  async admin(token: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<any> {
    const response = await fetch(`${this.base}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    if (response.status >= 400) throw new Error(`${path}: HTTP ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }
}
