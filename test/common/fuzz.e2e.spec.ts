import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { ENTITIES } from '../../src/database/entities';
import { adminLogin, register, wechatLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { adminApi } from '../support/gateway-flows';
import { HotelTestApp, hotelClient, registeredAccount, startHotelTestApp } from '../support/hotel-flows';
import { seedEmployeeAndVisitor, v1Client } from '../support/visitor-flows';

/** Routes whose success would end the fuzz's own sessions. */
const SKIPPED = [/logout/i, /\/password/i, /editPassword/i];
const RUNS = 600;

interface Route {
  method: string;
  path: string;
  params: string[];
  query: string[];
  fields: string[];
}

/**
 * Nesting is generated as a marker and written out only in the request, so that fast-check never
 * has to print a structure thousands of levels deep.
 */
const DEEP = /"deep:(\d+)"/g;
const deepText = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

/** Input that no honest client sends: edges of numbers, hostile text, depth, prototype keys, wrong types. */
const hostile = fc.oneof(
  fc.constantFrom(1e20, -1e20, 2 ** 53 + 1, -0, 1.5, -1, 0, Number.MAX_VALUE, 5e-324, 2147483648),
  fc.constantFrom('', ' ', 'a'.repeat(70_000), 'x\u0000y', 'x\ud800y', '\udc00', '𝕏'.repeat(300), "'; DROP TABLE face_registration;--", '../../../etc/passwd', '%00', '1e20', 'NaN', '-1', '0x10', '__proto__', '١٢٣', '\u202eabc', 'null', '[]', '{}'),
  fc.integer({ min: 33, max: 3000 }).map((depth) => `deep:${depth}`),
  fc.constant(JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}')),
  fc.oneof(fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.object({ maxDepth: 2 })),
  fc.string({ maxLength: 40 }),
  fc.fullUnicodeString({ maxLength: 20 }),
  fc.integer(),
  fc.double(),
);

const json = (value: unknown) => (JSON.stringify(value) ?? String(value)).replace(DEEP, (_, depth: string) => deepText(Number(depth)));
const text = (value: unknown) => (typeof value === 'string' ? value.replace(/^deep:(\d+)$/, (_, depth: string) => deepText(Number(depth))) : json(value));

/** Every documented route, from the OpenAPI document. */
async function routes(base: string): Promise<Route[]> {
  const spec = (await (await fetch(`${base}/docs/openapi.json`)).json()) as { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, any> } };
  const found: Route[] = [];
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      if (SKIPPED.some((pattern) => pattern.test(path))) continue;
      const parameters = (operation.parameters ?? []) as { in: string; name: string }[];
      const schema = operation.requestBody?.content?.['application/json']?.schema ?? operation.requestBody?.content?.['application/x-www-form-urlencoded']?.schema;
      const resolved = schema?.$ref ? spec.components.schemas[schema.$ref.split('/').pop()] : schema;
      const fields = Object.keys(resolved?.properties ?? resolved?.oneOf?.[0]?.properties?.data?.properties ?? {});
      found.push({
        method: method.toUpperCase(),
        path,
        params: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters.filter((p) => p.in === 'query').map((p) => p.name),
        fields,
      });
    }
  }
  return found;
}

/** What each family answers for a server fault: a fuzzed input must never get it. */
function internalError(path: string, status: number, body: any): string | null {
  if (typeof body === 'object' && body !== null && 'statusCode' in body && 'error' in body) return "Nest's default error body";
  if (/^\/SkyFaceRegister\//i.test(path)) return body?.result_code === -5 && body?.result_msg === '数据异常错误' ? 'result_code -5 without a reason' : status !== 200 ? `HTTP ${status}` : null;
  if (/^\/v1\//.test(path)) return body?.code === 500 ? 'code 500' : status !== 200 ? `HTTP ${status}` : null;
  if (/^\/sy/i.test(path)) return body?.ret === '500' ? 'ret 500' : null;
  if (/^\/api\/face-identity/.test(path)) return body?.ec === 500 ? 'ec 500' : null;
  if (/^\/api\/(?!admin)/.test(path)) return body?.status === -200 || (body?.status === -404 && body?.message === 'Unknown Error') ? `status ${body.status}` : status !== 200 ? `HTTP ${status}` : null;
  return status === 500 ? 'HTTP 500' : null;
}

/** Whether the answer says the request was refused (so nothing may have changed). */
function refused(path: string, status: number, body: any): boolean {
  if (/^\/SkyFaceRegister\//i.test(path)) return body?.result_code !== 0;
  if (/^\/v1\//.test(path)) return body?.code !== 0;
  if (/^\/sy/i.test(path)) return body?.ret !== '0' && body?.code !== 0;
  if (/^\/api\/face-identity/.test(path)) return body?.ec !== 200;
  if (/^\/api\/(?!admin)/.test(path)) return body?.status !== 0;
  return status >= 400;
}

describe('fuzzing every route with hostile input (e2e)', () => {
  let t: HotelTestApp;
  let tokens: { admin: string; wechat: string; hotel: string };
  let all: Route[];

  /** Every table's rows (rate counters aside): a refused request must leave them as they were. */
  const snapshot = async () => {
    const db = t.app.get(DataSource);
    const tables = ENTITIES.map((entity) => db.getMetadata(entity).tableName).filter((name) => name !== 'rate_counter' && name !== 'audit_log');
    const parts: string[] = [];
    for (const table of tables) parts.push(JSON.stringify(await db.query(`SELECT * FROM "${table}"`)));
    return parts.join('\n');
  };

  beforeAll(async () => {
    t = await startHotelTestApp({
      VISITOR_REQUESTS_PER_ADDRESS_PER_MINUTE: '100000',
      VISITOR_REQUESTS_PER_TARGET_PER_HOUR: '100000',
      VISITOR_BINDINGS_PER_ADDRESS_PER_HOUR: '100000',
      CAPTCHA_SMS_PER_ADDRESS_PER_HOUR: '100000',
      CAPTCHA_IMAGE_PER_ADDRESS_PER_MINUTE: '100000',
    });
    const client = new FormClient(t.baseUrl);
    const admin = await adminLogin(client);
    const wechat = await wechatLogin(client, t.wechat, { openId: 'fuzz-openid' });
    await register(client, wechat, { name: '模糊', telNo: '13912345678' });
    await seedEmployeeAndVisitor(v1Client(t), adminApi(t, admin));
    tokens = { admin, wechat, hotel: await registeredAccount(t, hotelClient(t), '13612345678') };
    all = await routes(t.baseUrl);
  });
  afterAll(() => t.close());

  it('finds the documented routes', () => {
    expect(all.length).toBeGreaterThan(80);
  });

  it('never answers a server fault or a default body, and a refused request changes nothing', async () => {
    const cases = fc.record({
      route: fc.integer({ min: 0, max: 10_000 }),
      values: fc.array(hostile, { minLength: 8, maxLength: 8 }),
      wholeBody: fc.oneof(fc.constant(undefined), hostile),
      withToken: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(cases, async ({ route: pick, values, wholeBody, withToken }) => {
        const route = all[pick % all.length];
        let i = 0;
        const next = () => values[i++ % values.length];
        const path = route.path.replace(/\{(\w+)\}/g, () => encodeURIComponent(Buffer.from(text(next())).toString()).slice(0, 2000));
        const url = new URL(path, t.baseUrl);
        for (const name of route.query) url.searchParams.set(name, text(next()).slice(0, 2000));
        if (/^\/api\/(?!admin|face-identity)/.test(route.path) && withToken) url.searchParams.set('token', tokens.hotel);
        const form = /^\/SkyFaceRegister\//i.test(route.path);
        const fields = Object.fromEntries(route.fields.map((field) => [field, next()]));
        if (form && withToken) fields.accessToken = /login\.do|getfaces|approve/.test(route.path) ? tokens.admin : tokens.wechat;
        const payload = wholeBody !== undefined && !form ? wholeBody : fields;
        const body =
          route.method === 'GET' ? undefined : form ? new URLSearchParams(Object.entries(fields).map(([k, v]): [string, string] => [k, text(v)])).toString() : json(payload);
        const before = await snapshot();
        const response = await fetch(url, {
          method: route.method,
          headers: {
            'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json',
            ...(withToken && /^\/(api\/admin|v1)/.test(route.path) ? { authorization: `Bearer ${tokens.admin}` } : {}),
          },
          body,
        });
        const raw = await response.text();
        let parsed: unknown = null;
        try {
          parsed = raw ? JSON.parse(raw) : null;
        } catch {
          parsed = raw;
        }
        const fault = internalError(route.path, response.status, parsed);
        if (fault) throw new Error(`${route.method} ${route.path} answered ${fault}: ${raw.slice(0, 300)}`);
        if (refused(route.path, response.status, parsed) && (await snapshot()) !== before) {
          throw new Error(`${route.method} ${route.path} was refused but changed stored data: ${raw.slice(0, 300)}`);
        }
      }),
      { numRuns: RUNS, seed: 20261129, endOnFailure: true },
    );
  }, 240_000);
});
