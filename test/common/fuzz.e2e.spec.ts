import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { ENTITIES } from '../../src/app.entities';
import { adminLogin, register, wechatLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { adminApi } from '../support/gateway-flows';
import { HotelTestApp, hotelClient, registeredAccount, startHotelTestApp } from '../support/hotel-flows';
import { answerOf, documentedRoutes, internalError, refused, Route, UnexpectedErrors } from '../support/fuzz-routes';
import { seedEmployeeAndVisitor, v1Client } from '../support/visitor-flows';
import { sql } from '../support/test-sql';

const RUNS = 600;

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

describe('fuzzing every route with hostile input (e2e)', () => {
  let t: HotelTestApp;
  let tokens: { admin: string; wechat: string; hotel: string };
  let all: Route[];
  let unexpected: UnexpectedErrors;

  /** Every table's rows (rate counters aside): a refused request must leave them as they were. */
  const snapshot = async () => {
    const db = t.app.get(DataSource);
    const tables = ENTITIES.map((entity) => db.getMetadata(entity).tableName).filter((name) => name !== 'rate_counter' && name !== 'audit_log');
    const parts: string[] = [];
    for (const table of tables) parts.push(JSON.stringify(await sql(db, `SELECT * FROM "${table}"`)));
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
    all = await documentedRoutes(t.baseUrl);
    unexpected = new UnexpectedErrors();
  });
  afterAll(async () => {
    unexpected.restore();
    await t.close();
  });

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
        const { raw, parsed } = await answerOf(response);
        const fault = internalError(route.path, response.status, parsed) ?? unexpected.take()[0];
        if (fault) throw new Error(`${route.method} ${route.path} answered ${fault}: ${raw.slice(0, 300)}`);
        if (refused(route.path, response.status, parsed) && (await snapshot()) !== before) {
          throw new Error(`${route.method} ${route.path} was refused but changed stored data: ${raw.slice(0, 300)}`);
        }
      }),
      { numRuns: RUNS, seed: 20261129, endOnFailure: true },
    );
  }, 240_000);
});
