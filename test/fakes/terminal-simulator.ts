import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

/** A user as the simulated terminal stores it (photo kept only as its size). */
export interface StoredUser {
  userId: string;
  userType: number;
  name: string;
  mobile: string;
  icNumber: string;
  jobNumber: string;
  remark: string;
  startTime?: number;
  endTime?: number;
  photoBytes: number;
  [key: string]: unknown;
}

export interface SimRecord {
  id: number;
  signTime: number;
  type: number;
  inputType: number;
  userId: string;
  name: string;
  similarity?: number;
  signAvatar?: string;
  [key: string]: unknown;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  query: URLSearchParams;
  /** performance.now() when the request arrived and when it was answered. */
  receivedAt: number;
  answeredAt?: number;
}

export interface SimulatorOptions {
  password?: string;
  deviceId?: string;
  /** Delay before every HTTP answer. */
  latencyMs?: number;
  /** The terminal's clock (ms), e.g. a test clock the server shares. */
  now?: () => number;
  /** Its answers carry a Date header from its clock (default); some firmware sends none. */
  sendsDate?: boolean;
  /** The id of its next record (1 on a new terminal; further on once its records were cleared). */
  nextRecordId?: number;
}

interface Fault {
  path: RegExp;
  /** Answer with this terminal code... */
  code?: number;
  /** ...or cut the connection without an answer. */
  drop?: boolean;
  remaining: number;
}

const WINDOW_MS = 5 * 60_000;
const JPEG_BASE64 = /^\/9j\//;

function sign(timestamp: string, password: string): string {
  return createHash('md5').update(`${timestamp}#${password}`).digest('hex');
}

function answer(code: number, message: string, extra: Record<string, unknown> = {}) {
  return { code, message, desc: code === 200 ? '' : message, ...extra };
}

/**
 * A DeepCloud face terminal on loopback: the signed HTTP OpenAPI (8.1 to 8.3.2) and the
 * WebSocket record push (8.3.3), with a user store, the 10-per-page cap, the 5-minute signature
 * window, and faults, latency, disconnects and silence that tests switch on.
 */
export class TerminalSimulator {
  readonly users = new Map<string, StoredUser>();
  readonly records: SimRecord[] = [];
  readonly requests: RequestLogEntry[] = [];
  readonly opened: string[] = [];
  /** Successful adds (POST /api/user) per user id: a person added twice shows here. */
  readonly adds = new Map<string, number>();
  readonly settings: Record<string, Record<string, unknown>> = {
    network: { dhcpEnable: 0, ipAddress: '192.168.1.20', subMask: '255.255.255.0', DNS1: '8.8.8.8', DNS2: '114.114.114.114', defRout: '192.168.1.1' },
    smartface: { faceEnable: 1, faceCmpEnable: 1, faceThre: 6, faceMinsize: 80, faceMaxsize: 400, faceInterval: 6, imgType: 0 },
    perpara: { detecTemMod: 0, voiceProswitch: 1, unlockControl: 1, unlockOuttime: 5 },
  };
  password: string;
  latencyMs: number;
  /** Answer the record link with 20002 Permission Denied. */
  denyRecordLink = false;
  /** Stop answering WebSocket pings (a link that died silently). */
  silent = false;
  /** How far this terminal's clock is from the `now` it was given. */
  clockOffsetMs = 0;
  sendsDate: boolean;
  rebooted = 0;
  /** Record-link connection attempts, accepted or not. */
  linkAttempts = 0;
  /** Most HTTP requests ever handled at the same time. */
  maxConcurrent = 0;
  /** Most record links ever open at the same time (a cluster must never hold two). */
  maxRecordLinks = 0;
  private inFlight = 0;
  readonly deviceId: string;
  httpPort = 0;
  wsPort = 0;
  private readonly faults: Fault[] = [];
  private readonly slowPaths: { path: RegExp; ms: number }[] = [];
  private readonly rejectedUsers = new Map<string, number>();
  private http?: Server;
  private ws?: WebSocketServer;
  private wsHttp?: Server;
  private readonly sockets = new Set<Socket>();
  private readonly linkSockets = new Set<Socket>();
  private nextRecordId = 1;
  private readonly now: () => number;

  constructor(options: SimulatorOptions = {}) {
    this.password = options.password ?? '123456';
    this.deviceId = options.deviceId ?? `SIM${Math.random().toString(36).slice(2, 10).toUpperCase()}`;
    this.latencyMs = options.latencyMs ?? 0;
    this.now = options.now ?? Date.now;
    this.sendsDate = options.sendsDate ?? true;
    this.nextRecordId = options.nextRecordId ?? 1;
  }

  async start(): Promise<this> {
    await this.listen();
    return this;
  }

  /** The terminal loses power: both ports stop answering, connections drop. */
  async goOffline(): Promise<void> {
    for (const client of this.ws?.clients ?? []) client.terminate();
    for (const socket of [...this.sockets, ...this.linkSockets]) socket.destroy();
    await Promise.all([this.http, this.wsHttp].map((server) => new Promise((resolve) => server?.close(resolve))));
    this.ws?.close();
    this.http = this.wsHttp = this.ws = undefined;
  }

  /** The HTTP API refuses connections (its service hung) while the record link stays up. */
  async refuseHttp(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.http?.close(resolve));
    this.http = undefined;
  }

  /** The HTTP API answers again, on the same port. */
  async acceptHttp(): Promise<void> {
    await this.listenHttp();
  }

  /** Back on the same ports. */
  async goOnline(): Promise<void> {
    await this.listen();
  }

  stop(): Promise<void> {
    return this.goOffline();
  }

  /** The next `times` requests whose path matches answer `code` (or are cut off when `drop`). */
  fail(path: RegExp, fault: { code?: number; drop?: boolean }, times = 1): void {
    this.faults.push({ path, ...fault, remaining: times });
  }

  /** Requests whose path matches are answered `ms` after they arrived (a slow query on the device). */
  slow(path: RegExp, ms: number): void {
    this.slowPaths.push({ path, ms });
  }

  /** Adding or updating this user answers `code` (e.g. 30002 no face in the photo). */
  rejectUser(userId: string, code: number): void {
    this.rejectedUsers.set(userId, code);
  }

  /** The user's photo is accepted again (the person sent a better one, or the terminal was fixed). */
  acceptUser(userId: string): void {
    this.rejectedUsers.delete(userId);
  }

  /** A recognition: stored, and pushed to every connected record client (unless `push` is false: a push the firmware dropped). */
  pushRecord(fields: Partial<SimRecord> = {}, push = true): SimRecord {
    const record: SimRecord = {
      id: this.nextRecordId++,
      signTime: Math.floor((this.now() + this.clockOffsetMs) / 1000),
      type: 1,
      inputType: 1,
      userId: '',
      name: '',
      ...fields,
    };
    this.records.push(record);
    if (push) this.repush(record);
    return record;
  }

  /** Factory reset: the records are gone and numbering starts at 1 again. */
  reset(): void {
    this.records.splice(0);
    this.nextRecordId = 1;
  }

  /** The terminal overwrites these records (its memory is full): they are gone from /api/record. */
  overwrite(ids: number[]): void {
    const gone = new Set(ids);
    const kept = this.records.filter((r) => !gone.has(r.id));
    this.records.splice(0, this.records.length, ...kept);
  }

  /** Sends a record (again) to every connected record client. */
  repush(record: SimRecord): void {
    const message = JSON.stringify({ code: 30000, message: 'push record', desc: '', data: record });
    for (const client of this.ws?.clients ?? []) {
      if (client.readyState === WebSocket.OPEN) client.send(message);
    }
  }

  /** Cuts every record link (the terminal keeps recording). */
  dropRecordLinks(): void {
    for (const client of this.ws?.clients ?? []) client.terminate();
  }

  get recordLinks(): number {
    return [...(this.ws?.clients ?? [])].filter((c) => c.readyState === WebSocket.OPEN).length;
  }

  /** Requests whose path starts with `prefix`. */
  count(prefix: string, method?: string): number {
    return this.requests.filter((r) => r.path.startsWith(prefix) && (!method || r.method === method)).length;
  }

  /** Terminal users as UserObjects (without photos), e.g. to seed the store. */
  addUser(user: Partial<StoredUser> & { userId: string; name: string; userType: number }): void {
    this.users.set(user.userId, { mobile: '', icNumber: '', jobNumber: '', remark: '', photoBytes: 1000, ...user });
  }

  private async listen(): Promise<void> {
    await this.listenHttp();
    this.wsHttp = createServer((_, res) => res.writeHead(404).end());
    // A link still in its handshake is no client yet: its socket must be known to be cut too.
    this.track(this.wsHttp, this.linkSockets);
    this.ws = new WebSocketServer({ server: this.wsHttp, path: '/api/record', autoPong: false });
    this.ws.on('connection', (socket, req) => this.acceptRecordLink(socket, req));
    await new Promise<void>((resolve) => this.wsHttp!.listen(this.wsPort, '127.0.0.1', resolve));
    this.wsPort = (this.wsHttp.address() as AddressInfo).port;
  }

  /** Remembers the server's open sockets, so going offline can cut them. */
  private track(server: Server, sockets: Set<Socket>): void {
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
  }

  private async listenHttp(): Promise<void> {
    this.http = createServer((req, res) => void this.handle(req, res));
    this.track(this.http, this.sockets);
    await new Promise<void>((resolve) => this.http!.listen(this.httpPort, '127.0.0.1', resolve));
    this.httpPort = (this.http.address() as AddressInfo).port;
  }

  private acceptRecordLink(socket: WebSocket, req: IncomingMessage): void {
    this.linkAttempts += 1;
    const url = new URL(req.url ?? '/', 'http://terminal');
    const problem = this.checkSignature(url.searchParams);
    if (problem || this.denyRecordLink) {
      socket.send(JSON.stringify({ code: 20002, message: 'Permission Denied!', desc: 'app key not exist' }));
      socket.close();
      return;
    }
    socket.on('ping', (data: Buffer) => {
      if (!this.silent) socket.pong(data);
    });
    socket.send(JSON.stringify({ code: 20000, message: ' Connected!', desc: 'Connected!' }));
    this.maxRecordLinks = Math.max(this.maxRecordLinks, this.recordLinks);
  }

  private checkSignature(query: URLSearchParams): { code: number; message: string } | null {
    const timestamp = query.get('timestamp') ?? '';
    if (!/^\d+$/.test(timestamp) || query.get('sign') !== sign(timestamp, this.password)) {
      return { code: 10005, message: 'Signature Failed' };
    }
    if (Math.abs(this.now() + this.clockOffsetMs - Number(timestamp)) > WINDOW_MS) {
      return { code: 10003, message: 'Request Expired' };
    }
    return null;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight += 1;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.inFlight);
    try {
      await this.serve(req, res);
    } finally {
      this.inFlight -= 1;
    }
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrived = performance.now();
    const url = new URL(req.url ?? '/', 'http://terminal');
    const body = await new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });
    const entry: RequestLogEntry = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, receivedAt: arrived };
    this.requests.push(entry);
    res.on('finish', () => (entry.answeredAt = performance.now()));
    const outcome = this.respond(req.method ?? 'GET', url, body);
    // The answer leaves `latencyMs` after the request arrived, its own work included, as a device's would.
    const latency = Math.max(this.latencyMs, ...this.slowPaths.filter((s) => s.path.test(url.pathname)).map((s) => s.ms));
    const wait = latency - (performance.now() - arrived);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (outcome === 'drop') req.socket.destroy();
    else this.reply(res, outcome);
  }

  private respond(method: string, url: URL, body: string): unknown {
    const fault = this.faults.find((f) => f.remaining > 0 && f.path.test(url.pathname));
    if (fault) {
      fault.remaining -= 1;
      return fault.drop ? 'drop' : answer(fault.code!, 'Injected Fault');
    }
    const problem = this.checkSignature(url.searchParams);
    if (problem) return answer(problem.code, problem.message);
    return this.route(method, url, body);
  }

  private route(method: string, url: URL, body: string) {
    const path = url.pathname;
    const q = url.searchParams;
    const json = (): Record<string, unknown> => (body ? JSON.parse(body) : {});
    if (method === 'POST' && path === '/api/device/open') {
      this.opened.push(q.get('remark') ?? '');
      return answer(200, 'OK');
    }
    if (method === 'POST' && path === '/api/device/syncTime') {
      this.clockOffsetMs = Number(q.get('timestamp')) - this.now();
      return answer(200, 'OK');
    }
    if (method === 'POST' && path === '/api/device/reboot') {
      this.rebooted += 1;
      return answer(200, 'OK');
    }
    if (method === 'POST' && path === '/api/device/jsonCmd') return answer(200, 'OK', { json: { received: json() } });
    if (method === 'POST' && path === '/api/device/information') {
      return answer(200, 'OK', {
        data: { deviceID: this.deviceId, deviceName: 'Sim Gate', appVer: '2.3.1', webVer: '1.0.9', deviceMoel: 'DC-F8' },
      });
    }
    const settings = /^\/api\/device\/(network|smartface|perpara)(cfg)?$/.exec(path);
    if (method === 'POST' && settings) {
      if (!settings[2]) return answer(200, 'OK', { data: this.settings[settings[1]] });
      Object.assign(this.settings[settings[1]], json());
      return answer(200, 'OK');
    }
    if (method === 'POST' && path === '/api/user') return this.saveUser(json(), false);
    const update = /^\/api\/user\/update\/(.+)$/.exec(path);
    if (method === 'POST' && update) {
      const user = json();
      if (user.userId !== undefined && user.userId !== decodeURIComponent(update[1])) return answer(20002, 'User Not Match');
      return this.saveUser({ ...user, userId: decodeURIComponent(update[1]) }, true);
    }
    const remove = /^\/api\/user\/delete\/(.+)$/.exec(path);
    if (method === 'GET' && remove) {
      const userId = decodeURIComponent(remove[1]);
      if (userId === 'all') {
        this.users.clear();
        return answer(200, 'OK');
      }
      const user = this.users.get(userId);
      if (!user) return answer(20001, 'User Not Exists');
      this.users.delete(userId);
      return answer(200, 'OK', { data: user });
    }
    if (method === 'GET' && path === '/api/user/list') return this.listUsers(q);
    if (method === 'GET' && path === '/api/record') return this.listRecords(q);
    return answer(50004, 'Request Method Not Allowed');
  }

  private saveUser(user: Record<string, unknown>, update: boolean) {
    const userId = String(user.userId ?? '');
    if (!userId || userId.length > 40 || typeof user.name !== 'string') return answer(30003, 'Missing Param');
    const rejected = this.rejectedUsers.get(userId);
    if (rejected) return answer(rejected, 'Rejected');
    const photo = typeof user.photo === 'string' ? user.photo : undefined;
    if (photo !== undefined && !JPEG_BASE64.test(photo)) return answer(30004, 'Avatar File Illegal');
    const existing = this.users.get(userId);
    if (update && !existing) return answer(20001, 'User Not Exists');
    if (!update && existing) return answer(30001, 'Param Invalid', { desc: 'userId already exists' });
    const { photo: _photo, ...fields } = user;
    const stored = {
      ...(existing ?? {}),
      ...(fields as Omit<StoredUser, 'photoBytes'>),
      userId,
      photoBytes: photo ? Math.floor((photo.length * 3) / 4) : (existing?.photoBytes ?? 0),
    } as StoredUser;
    this.users.set(userId, stored);
    if (!update) this.adds.set(userId, (this.adds.get(userId) ?? 0) + 1);
    const { photoBytes: _bytes, ...visible } = stored;
    return answer(200, 'OK', { data: visible });
  }

  private listUsers(q: URLSearchParams) {
    const filters = ['userId', 'name', 'mobile', 'icNumber', 'jobNumber'].filter((key) => q.get(key));
    const type = q.get('type');
    const all = [...this.users.values()];
    const matching =
      filters.length === 0 && !type
        ? all
        : all.filter((user) => filters.every((key) => user[key] === q.get(key)) && (!type || String(user.userType) === type));
    const page = this.page(matching, q, 10, 10);
    return answer(200, 'OK', { data: { ...page, data: page.data.map(({ photoBytes: _bytes, ...visible }) => visible) } });
  }

  private listRecords(q: URLSearchParams) {
    const start = Number(q.get('startTime') ?? 0);
    const end = Number(q.get('endTime') ?? Number.MAX_SAFE_INTEGER);
    const type = Number(q.get('type') ?? 0);
    const matching = this.records
      .filter((r) => r.signTime >= start && r.signTime <= end && (!type || r.type === type) && (!q.get('userId') || r.userId === q.get('userId')))
      .sort((a, b) => b.signTime - a.signTime || b.id - a.id);
    return answer(200, 'OK', { data: this.page(matching, q, 20, 1000) });
  }

  private page<T>(items: T[], q: URLSearchParams, defaultSize: number, cap: number) {
    const size = Math.min(Math.max(1, Number(q.get('size') ?? defaultSize)), cap);
    const pageNum = Math.max(1, Number(q.get('page') ?? 1));
    const data = items.slice((pageNum - 1) * size, pageNum * size);
    return { total: items.length, pageNum, size: data.length, pageSize: size, totalPage: Math.ceil(items.length / size), data };
  }

  private reply(res: ServerResponse, body: unknown): void {
    if (this.sendsDate) res.setHeader('date', new Date(this.now() + this.clockOffsetMs).toUTCString());
    else res.sendDate = false;
    res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
    res.end(JSON.stringify(body));
  }
}
