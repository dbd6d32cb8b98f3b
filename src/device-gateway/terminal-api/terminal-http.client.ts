import { isIP } from 'node:net';
import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { elsewhere } from '../../common/cluster/on-every-instance.decorator';
import { TerminalChanged } from '../terminals/terminal-changed.event';
import { bulkhead, ExponentialBackoff, handleWhen, IPolicy, retry } from 'cockatiel';
import { createHash } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { Clock } from '../../common/clock/clock';
import { DeviceGatewayConfig } from '../../config/device-gateway.config';
import { TerminalBackoff } from './terminal-backoff';
import { TerminalClock } from './terminal-clock';
import { TerminalAddressPolicy } from './terminal-address.policy';
import { REQUEST_EXPIRED, TerminalRejectedError, TerminalUnreachableError } from './terminal-errors';
import {
  DeviceObject,
  RecordQuery,
  SignObject,
  TERMINAL_OK,
  TerminalAnswer,
  TerminalPage,
  TerminalSettings,
  UserListQuery,
  UserObject,
} from './terminal-api.types';

/** Where a terminal is and how to sign for it. */
export interface TerminalEndpoint {
  id: number;
  host: string;
  port: number;
  wsPort: number;
  password: string;
}

type Query = Record<string, string | number | undefined>;

interface Call {
  method: 'GET' | 'POST';
  path: string;
  query?: Query;
  /** JSON content; POSTs without one send an empty form, as the spec's "form-data" asks. */
  json?: unknown;
  /** The user's `photo`: base64 text, added to the JSON as it is (base64 needs no escaping). */
  photo?: Buffer;
  /** Sign with service time plus this, instead of with the terminal's time as measured. */
  clockOffsetMs?: number;
}

interface Exchanged {
  status: number;
  text: string;
  /** The answer's Date header: the terminal's clock, to a second. */
  date?: string;
}

/** syncTime may move a terminal's clock by less than the signature window at a time. */
const SYNC_STEP_MS = 4 * 60_000;

/** `sign = md5("<timestamp>#<password>")`, lowercase hex, timestamp in milliseconds. */
export function signature(timestamp: number, password: string): string {
  return createHash('md5').update(`${timestamp}#${password}`).digest('hex');
}

function query(parameters: Query): string {
  return new URLSearchParams(
    Object.entries(parameters)
      .filter(([, value]) => value !== undefined && value !== '')
      .map(([key, value]): [string, string] => [key, String(value)]),
  ).toString();
}

/**
 * The terminal OpenAPI port (8.1.7 to 8.3.2). Every request is signed; answers other than 200
 * become TerminalRejectedError. Per terminal, at most TERMINAL_MAX_IN_FLIGHT requests are in
 * flight (the rest queue), and network failures are retried with backoff; answers never are.
 */
@Injectable()
export class TerminalHttpClient {
  private readonly lanes = new Map<number, IPolicy>();
  private readonly agent = new Agent({ keepAlive: true, keepAliveMsecs: 10_000 });
  /** A dropped connection is tried again at once, a few times, before the terminal counts as unreachable. */
  private readonly retrying: IPolicy;

  constructor(
    private readonly config: DeviceGatewayConfig,
    private readonly clock: Clock,
    private readonly terminalClock: TerminalClock,
    private readonly addresses: TerminalAddressPolicy,
    private readonly backoff: TerminalBackoff,
  ) {
    this.retrying = retry(handleWhen((error) => error instanceof TerminalUnreachableError && error.retryable), {
      maxAttempts: config.retries,
      backoff: new ExponentialBackoff({ initialDelay: 200, maxDelay: 5000 }),
    });
  }

  openDoor(terminal: TerminalEndpoint, remark?: string): Promise<void> {
    return this.call(terminal, { method: 'POST', path: '/api/device/open', query: { remark } }).then(() => undefined);
  }

  /**
   * The terminal sets its clock to the request's timestamp, which it accepts only within the
   * signature window of its own clock: a clock further off is brought to ours in steps.
   */
  async syncTime(terminal: TerminalEndpoint): Promise<void> {
    for (;;) {
      const offset = this.terminalClock.offsetMs(terminal.id) ?? 0;
      const next = offset - Math.sign(offset) * Math.min(Math.abs(offset), SYNC_STEP_MS);
      await this.call(terminal, { method: 'POST', path: '/api/device/syncTime', clockOffsetMs: next });
      this.terminalClock.set(terminal.id, next);
      if (next === 0) return;
    }
  }

  reboot(terminal: TerminalEndpoint): Promise<void> {
    return this.call(terminal, { method: 'POST', path: '/api/device/reboot' }).then(() => undefined);
  }

  /** Returns the answer's `json` member. */
  async jsonCommand(terminal: TerminalEndpoint, command: unknown): Promise<unknown> {
    const answer = await this.call(terminal, { method: 'POST', path: '/api/device/jsonCmd', json: command });
    return answer.json ?? answer.data ?? null;
  }

  async information(terminal: TerminalEndpoint): Promise<DeviceObject> {
    return (await this.call<DeviceObject>(terminal, { method: 'POST', path: '/api/device/information' })).data!;
  }

  async settings(terminal: TerminalEndpoint, kind: TerminalSettingsKind): Promise<TerminalSettings> {
    return (await this.call<TerminalSettings>(terminal, { method: 'POST', path: SETTINGS_PATHS[kind].read })).data ?? {};
  }

  async changeSettings(terminal: TerminalEndpoint, kind: TerminalSettingsKind, settings: TerminalSettings): Promise<void> {
    await this.call(terminal, { method: 'POST', path: SETTINGS_PATHS[kind].write, json: settings });
  }

  /** `photo`: the base64 JPEG as the bytes of its text (see TerminalPhotoSource), or in `user.photo`. */
  async addUser(terminal: TerminalEndpoint, user: UserObject, photo?: Buffer): Promise<void> {
    await this.call(terminal, { method: 'POST', path: '/api/user', json: user, photo });
  }

  async updateUser(terminal: TerminalEndpoint, user: UserObject, photo?: Buffer): Promise<void> {
    await this.call(terminal, { method: 'POST', path: `/api/user/update/${encodeURIComponent(user.userId)}`, json: user, photo });
  }

  async deleteUser(terminal: TerminalEndpoint, userId: string): Promise<void> {
    await this.call(terminal, { method: 'GET', path: `/api/user/delete/${encodeURIComponent(userId)}`, query: { id: userId } });
  }

  async listUsers(terminal: TerminalEndpoint, filter: UserListQuery): Promise<TerminalPage<UserObject>> {
    return pageOf((await this.call<TerminalPage<UserObject>>(terminal, { method: 'GET', path: '/api/user/list', query: { ...filter } })).data);
  }

  async records(terminal: TerminalEndpoint, filter: RecordQuery): Promise<TerminalPage<SignObject>> {
    return pageOf((await this.call<TerminalPage<SignObject>>(terminal, { method: 'GET', path: '/api/record', query: { ...filter } })).data);
  }

  /** The signed URL of the terminal's record push (8.3.3). */
  recordStreamUrl(terminal: TerminalEndpoint): string {
    this.addresses.assertDialable(terminal.host);
    const timestamp = this.terminalClock.now(terminal.id);
    const host = isIP(terminal.host) === 6 ? `[${terminal.host}]` : terminal.host;
    return `ws://${host}:${terminal.wsPort}/api/record?${query({ timestamp, sign: signature(timestamp, terminal.password) })}`;
  }

  /** A terminal changed through another instance of the cluster (this one forgets at once when the change is its own). */
  @OnEvent(elsewhere(TerminalChanged.eventName))
  onChangedElsewhere(event: TerminalChanged): void {
    this.forget(event.terminalId);
  }

  /** Drops what is known of a terminal that was deleted or changed (its lane, clock and backoff). */
  forget(terminalId: number): void {
    this.lanes.delete(terminalId);
    this.terminalClock.forget(terminalId);
    this.backoff.reset(terminalId);
  }

  /** Queued in the terminal's lane; the backoff is asked when the request's turn comes, not when it queued. */
  private async call<T>(terminal: TerminalEndpoint, call: Call): Promise<TerminalAnswer<T>> {
    return this.lane(terminal.id).execute(async () => {
      const attempt = this.backoff.enter(terminal.id);
      try {
        const answer = await this.retrying.execute(() => this.attempt<T>(terminal, call));
        this.backoff.succeeded(attempt);
        return answer;
      } catch (error) {
        this.backoff.failed(attempt, error);
        throw error;
      }
    });
  }

  private lane(terminalId: number): IPolicy {
    let lane = this.lanes.get(terminalId);
    if (!lane) {
      lane = bulkhead(this.config.maxInFlight, 100_000);
      this.lanes.set(terminalId, lane);
    }
    return lane;
  }

  /** One request; a refused timestamp (10003) measures the terminal's clock and is tried once more. */
  private async attempt<T>(terminal: TerminalEndpoint, call: Call, retried = false): Promise<TerminalAnswer<T>> {
    const timestamp = call.clockOffsetMs === undefined ? this.terminalClock.now(terminal.id) : this.clock.now().getTime() + call.clockOffsetMs;
    const { answer, date } = await this.send<T>(terminal, call, timestamp);
    const code = Number(answer.code);
    if (code === REQUEST_EXPIRED && !retried && call.clockOffsetMs === undefined) {
      const hint = date ? Date.parse(date) + 500 - this.clock.now().getTime() : undefined;
      const offset = await this.terminalClock.measure(terminal.id, (candidate) => this.accepts(terminal, candidate), Number.isFinite(hint) ? hint : undefined);
      if (offset !== null) return this.attempt(terminal, call, true);
    }
    if (code !== TERMINAL_OK) throw new TerminalRejectedError(code, answer.message ?? '', answer.desc ?? '');
    return answer;
  }

  /** Whether the terminal takes a request signed at service time + `offsetMs` (any answer but 10003). */
  private async accepts(terminal: TerminalEndpoint, offsetMs: number): Promise<boolean> {
    const probe: Call = { method: 'POST', path: '/api/device/information' };
    const { answer } = await this.send(terminal, probe, this.clock.now().getTime() + offsetMs);
    return Number(answer.code) !== REQUEST_EXPIRED;
  }

  /** Signs and sends a call; resolves with the terminal's answer, whatever its code. */
  private async send<T>(terminal: TerminalEndpoint, call: Call, timestamp: number): Promise<{ answer: TerminalAnswer<T>; date?: string }> {
    const path = `${call.path}?${query({ ...call.query, timestamp, sign: signature(timestamp, terminal.password) })}`;
    const { status, text, date } = await this.exchange(terminal, call.method, path, ...requestBody(call)).catch((error: Error) => {
      throw new TerminalUnreachableError(`${call.path}: ${error.message}`, true);
    });
    if (status < 200 || status >= 300) throw new TerminalUnreachableError(`${call.path}: HTTP ${status}`, status >= 500);
    let answer: TerminalAnswer<T>;
    try {
      answer = JSON.parse(text) as TerminalAnswer<T>;
    } catch {
      throw new TerminalUnreachableError(`${call.path}: the answer is not JSON`, false);
    }
    if (!Number.isFinite(Number(answer?.code))) throw new TerminalUnreachableError(`${call.path}: the answer has no code`, false);
    return { answer, date };
  }

  /** One HTTP exchange over a kept-alive connection (node:http: far less work per request than fetch). */
  private exchange(terminal: TerminalEndpoint, method: string, path: string, body: Buffer[], contentType?: string): Promise<Exchanged> {
    this.addresses.assertDialable(terminal.host);
    return new Promise((resolve, reject) => {
      const request = httpRequest(
        {
          host: terminal.host,
          port: terminal.port,
          lookup: this.addresses.lookup,
          method,
          path,
          agent: this.agent,
          headers: contentType ? { 'content-type': contentType, 'content-length': body.reduce((sum, part) => sum + part.length, 0) } : undefined,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), date: response.headers.date }));
          response.on('error', reject);
        },
      );
      request.setTimeout(this.config.timeoutMs, () => request.destroy(new Error(`no answer within ${this.config.timeoutMs} ms`)));
      request.on('error', (error: NodeJS.ErrnoException) => reject(new Error(error.code && !error.message.includes(error.code) ? `${error.code} ${error.message}` : error.message)));
      request.cork();
      for (const part of body) request.write(part);
      request.end();
    });
  }
}

/** The body of a call in parts (the photo is sent as it is), and its content type. */
function requestBody(call: Call): [Buffer[], string?] {
  if (call.method === 'GET') return [[]];
  if (call.json === undefined) return [[EMPTY_FORM], EMPTY_FORM_TYPE];
  const json = JSON.stringify(call.json);
  if (!call.photo) return [[Buffer.from(json, 'utf8')], 'application/json'];
  return [[Buffer.from(`${json.slice(0, -1)},"photo":"`, 'utf8'), call.photo, CLOSE_PHOTO], 'application/json'];
}

const CLOSE_PHOTO = Buffer.from('"}');

/** "POST : form-data" without fields: an empty multipart body. */
const EMPTY_FORM_BOUNDARY = 'facegate';
const EMPTY_FORM = Buffer.from(`--${EMPTY_FORM_BOUNDARY}--\r\n`);
const EMPTY_FORM_TYPE = `multipart/form-data; boundary=${EMPTY_FORM_BOUNDARY}`;

export type TerminalSettingsKind = 'network' | 'smartFace' | 'peripheral';

const SETTINGS_PATHS: Record<TerminalSettingsKind, { read: string; write: string }> = {
  network: { read: '/api/device/network', write: '/api/device/networkcfg' },
  smartFace: { read: '/api/device/smartface', write: '/api/device/smartfacecfg' },
  peripheral: { read: '/api/device/perpara', write: '/api/device/perparacfg' },
};

function pageOf<T>(page: TerminalPage<T> | undefined): TerminalPage<T> {
  return {
    total: Number(page?.total ?? 0),
    pageNum: Number(page?.pageNum ?? 1),
    size: Number(page?.size ?? page?.data?.length ?? 0),
    pageSize: Number(page?.pageSize ?? 0),
    totalPage: Number(page?.totalPage ?? 0),
    data: Array.isArray(page?.data) ? page!.data : [],
  };
}

