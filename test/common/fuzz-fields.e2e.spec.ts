import { TerminalSimulator } from '../fakes/terminal-simulator';
import { adminLogin, register, wechatLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { answerOf, documentedRoutes, internalError, refused, Route, UnexpectedErrors } from '../support/fuzz-routes';
import { addTerminal, adminApi, eventually, settle } from '../support/gateway-flows';
import { HotelTestApp, hotelClient, registeredAccount, startHotelTestApp } from '../support/hotel-flows';
import { applicationBody, seedEmployeeAndVisitor, v1Client } from '../support/visitor-flows';

/**
 * The values a field gets, one at a time, in an otherwise valid request: the edges where a value a
 * validator lets through can still break what stores or computes with it (times, ids, lengths,
 * nullability, numbers a column or a Date cannot hold).
 */
const EDGES: unknown[] = [
  null,
  -1,
  0,
  1.5,
  1e20,
  -1e20,
  2 ** 53 + 1,
  99_999_999_999_999,
  2_147_483_648,
  '',
  '1e20',
  '99999999999999',
  'NaN',
  'x'.repeat(5000),
  true,
  [],
  {},
  ['a', 'b'],
];

/** Where a field sits in a request: the query string, the path, or a path of keys into the body. */
type Target = { in: 'query' | 'path'; name: string } | { in: 'body'; keys: string[] };

/** Every leaf of a body (arrays by their first element), as paths of keys. */
function leaves(value: unknown, keys: string[] = []): string[][] {
  if (Array.isArray(value)) return value.length ? leaves(value[0], [...keys, '0']) : [keys];
  if (value !== null && typeof value === 'object' && Object.keys(value).length > 0) {
    return Object.entries(value).flatMap(([key, child]) => leaves(child, [...keys, key]));
  }
  return [keys];
}

function withValue(body: unknown, keys: string[], value: unknown): unknown {
  if (keys.length === 0) return value;
  const copy: any = Array.isArray(body) ? [...body] : { ...(body as object) };
  copy[keys[0]] = withValue(copy[keys[0]], keys.slice(1), value);
  return copy;
}

/** Fields whose valid value is the same wherever they appear: the ones this test seeded. */
const SEEDED: Record<string, unknown> = {
  username: '13612345670',
  weixinUserId: 'emp-lisi',
  proposer: '13922222222',
  interviewee_phone: '13811111111',
  id_type: 'sfz',
};

/** The example with every seeded field set, everywhere in it. */
function seeded(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(seeded);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, key in SEEDED && typeof child !== 'object' ? SEEDED[key] : seeded(child)]));
}

/** A real-name record needs an ID number whose check digit holds. */
function realAuth(body: any): unknown {
  return body?.type === 'realauth' && body.subtype === 'create' ? { ...body, data: { ...body.data, id: '11010519491231002X', name: '张三' } } : body;
}

/** Destructive routes last, so that the others still find what they work on. */
const ORDER = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

describe('every field of every route at its edges, in an otherwise valid request (e2e)', () => {
  let t: HotelTestApp;
  let sim: TerminalSimulator;
  let all: Route[];
  let unexpected: UnexpectedErrors;
  const tokens = { admin: '', wechat: '', hotel: '' };
  /** A value each path parameter may take that names something that exists. */
  const ids: Record<string, (path: string) => string> = {};

  beforeAll(async () => {
    t = await startHotelTestApp({
      TRUST_PROXY: 'true',
      VISITOR_REQUESTS_PER_ADDRESS_PER_MINUTE: '100000',
      VISITOR_REQUESTS_PER_TARGET_PER_HOUR: '100000',
      VISITOR_BINDINGS_PER_ADDRESS_PER_HOUR: '100000',
      VISITOR_GATE_CHECKS_PER_ADDRESS_PER_MINUTE: '100000',
      CAPTCHA_SMS_PER_ADDRESS_PER_HOUR: '100000',
      CAPTCHA_IMAGE_PER_ADDRESS_PER_MINUTE: '100000',
      FACE_REQUESTS_PER_ACCOUNT_PER_MINUTE: '100000',
    });
    sim = await new TerminalSimulator().start();
    const client = new FormClient(t.baseUrl);
    tokens.admin = await adminLogin(client);
    const admin = adminApi(t, tokens.admin);
    tokens.wechat = await wechatLogin(client, t.wechat, { openId: 'edge-openid' });
    await register(client, tokens.wechat, { name: '边界', telNo: '13912345670' });
    const terminalId = await addTerminal(admin, sim, 'Edge door');
    await eventually(async () => expect((await admin(`/api/admin/devices/${terminalId}`)).body.deviceId).toBe(sim.deviceId));
    const v1 = v1Client(t);
    const employeeId = await seedEmployeeAndVisitor(v1, admin);
    const application = await v1('POST', '/subject', { body: applicationBody(t) });
    await v1('PUT', `/auth/${application.data.id}`, { query: { weixinUserId: 'emp-lisi' } });
    const visit = await v1('POST', '/visit/signin', { body: { phone: '13922222222' } });
    tokens.hotel = await registeredAccount(t, hotelClient(t), '13612345670');
    await admin('/api/admin/hotel-accounts/13612345670/role', { method: 'PUT', body: { role: 'admin' } });
    const staff = await admin('/api/admin/accounts', { method: 'POST', body: { username: 'edge-staff', password: 'edge-password-1', role: 'auditor' } });
    const registrations = await admin('/api/admin/registrations');
    const registration = registrations.body.items[0];
    await client.post('/SkyFaceRegister/approve.do', { accessToken: tokens.admin, ids: String(registration.id), isPass: 1 });
    await settle(t);
    const bindings = await admin('/api/admin/bindings');
    const notifications = await admin('/api/admin/notifications');
    const records = await admin('/api/admin/access-records');
    const byPath = (path: string, pairs: [RegExp, unknown][], fallback: unknown) => String(pairs.find(([pattern]) => pattern.test(path))?.[1] ?? fallback);
    Object.assign(ids, {
      deviceId: () => sim.deviceId,
      terminalId: () => String(terminalId),
      personId: () => registration.personId,
      weixinUserId: () => 'emp-lisi',
      username: () => '13612345670',
      kind: () => 'network',
      id: (path: string) =>
        byPath(
          path,
          [
            [/devices/, terminalId],
            [/registrations/, registration.id],
            [/employees/, employeeId],
            [/accounts/, staff.body.id],
            [/bindings/, bindings.body.items?.[0]?.id],
            [/notifications/, notifications.body.items?.[0]?.id],
            [/access-records/, records.body.items?.[0]?.id],
            [/^\/v1\//, application.data.id],
          ],
          1,
        ),
    });
    /** Requests whose examples need what only this test knows. */
    const bodies: Record<string, unknown> = {
      'POST /v1/subject': applicationBody(t),
      'POST /v1/visit/signin': { phone: '13922222222' },
      'POST /v1/visit/qrcode': { qrcode: JSON.parse(visit.data.qrcode).qrcode },
    };
    all = (await documentedRoutes(t.baseUrl)).map((route) => ({
      ...route,
      examples: route.examples.map((example) => ({
        query: seeded(example.query) as Record<string, unknown>,
        body: bodies[`${route.method} ${route.path}`] ?? realAuth(seeded(example.body)),
      })),
    }));
    all.sort((a, b) => ORDER.indexOf(a.method) - ORDER.indexOf(b.method) || Number(/^\/sy/.test(b.path)) - Number(/^\/sy/.test(a.path)));
    unexpected = new UnexpectedErrors();
  }, 60_000);

  afterAll(async () => {
    unexpected?.restore();
    await t?.close();
    await sim?.stop();
  });

  /** Sends one request as the route's own client would, with every credential it needs. */
  const send = async (route: Route, path: Record<string, string>, query: Record<string, unknown>, body: unknown) => {
    const url = new URL(route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(path[name])), t.baseUrl);
    for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, typeof value === 'string' ? value : JSON.stringify(value));
    if (/^\/api\/(?!admin)/.test(route.path) && !url.searchParams.has('token')) url.searchParams.set('token', tokens.hotel);
    let payload = body;
    if (/^\/SkyFaceRegister\//i.test(route.path)) payload = { ...(body as object), accessToken: /register\.do|wxlogin/i.test(route.path) ? tokens.wechat : tokens.admin };
    const response = await fetch(url, {
      method: route.method,
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '127.0.0.1', ...(/^\/(api\/admin|v1)\//.test(route.path) ? { authorization: `Bearer ${tokens.admin}` } : {}) },
      body: route.method === 'GET' || payload === undefined ? undefined : JSON.stringify(payload),
    });
    return answerOf(response).then((answer) => ({ ...answer, status: response.status }));
  };

  it('answers each edge in its envelope, never with a server fault', async () => {
    const faults: string[] = [];
    const refusedBases: string[] = [];
    let requests = 0;
    const check = async (route: Route, params: Record<string, string>, query: Record<string, unknown>, body: unknown, where: string) => {
      const answer = await send(route, params, query, body);
      requests++;
      // A filter may log its fault just after the answer has left.
      await new Promise((resolve) => setImmediate(resolve));
      const logged = unexpected.take();
      const fault = internalError(route.path, answer.status, answer.parsed) ?? logged[0];
      if (fault) faults.push(`${route.method} ${route.path} ${where}: ${fault} ${answer.raw.slice(0, 160)}`);
      return answer;
    };
    for (const route of all) {
      const path = Object.fromEntries(route.params.map((name) => [name, ids[name]?.(route.path) ?? '1']));
      for (const example of route.examples) {
        const targets: Target[] = [
          ...route.query.map((name): Target => ({ in: 'query', name })),
          ...route.params.map((name): Target => ({ in: 'path', name })),
          ...(example.body === undefined ? [] : leaves(example.body).map((keys): Target => ({ in: 'body', keys }))),
        ];
        for (const target of targets) {
          for (const edge of EDGES) {
            const query = target.in === 'query' ? { ...example.query, [target.name]: edge } : example.query;
            const params = target.in === 'path' ? { ...path, [target.name]: typeof edge === 'string' ? edge : JSON.stringify(edge) } : path;
            const body = target.in === 'body' ? withValue(example.body, target.keys, edge) : example.body;
            const where = target.in === 'body' ? target.keys.join('.') : `${target.in} ${target.name}`;
            await check(route, params, query, body, `${where} = ${JSON.stringify(edge)?.slice(0, 40)}`);
          }
        }
        const base = await check(route, path, example.query, example.body, 'as documented');
        if (refused(route.path, base.status, base.parsed)) refusedBases.push(`${route.method} ${route.path}: ${base.raw.slice(0, 200)}`);
      }
    }
    if (process.env.FUZZ_REPORT) console.log(`${requests} requests; documented requests refused:\n${refusedBases.join('\n')}`);
    expect(requests).toBeGreaterThan(3000);
    expect(faults).toEqual([]);
  }, 300_000);
});
