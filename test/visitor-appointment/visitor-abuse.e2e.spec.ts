import { adminLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { adminApi } from '../support/gateway-flows';
import { startTestApp, TestApp } from '../support/test-app';
import { applicationBody, seedEmployeeAndVisitor, V1Client, v1Client } from '../support/visitor-flows';

/** The walk to a door that an attacker tried: guessing a binding, enumerating phones, flooding the kiosk and the gate. */
describe('the visitor protocol under abuse (e2e)', () => {
  let t: TestApp;
  let v1: V1Client;
  let next = 0;
  /** A fresh client address for each scenario (the app trusts X-Forwarded-For here). */
  const address = () => `198.51.100.${++next}`;

  beforeAll(async () => {
    t = await startTestApp({
      TRUST_PROXY: 'true',
      VISITOR_REQUESTS_PER_ADDRESS_PER_MINUTE: '8',
      VISITOR_REQUESTS_PER_TARGET_PER_HOUR: '4',
      VISITOR_BINDINGS_PER_ADDRESS_PER_HOUR: '6',
      VISITOR_GATE_CHECKS_PER_ADDRESS_PER_MINUTE: '3',
      // The scenarios' addresses stand in for kiosks and gates on a public range.
      VISITOR_KIOSK_NETWORKS: '198.51.100.0/24',
      VISITOR_GATE_NETWORKS: '198.51.100.0/24',
    });
    v1 = v1Client(t);
    await seedEmployeeAndVisitor((m, p, o) => v1(m, p, { ...o, from: address() }), adminApi(t, await adminLogin(new FormClient(t.baseUrl))));
  });
  afterAll(() => t.close());

  it('stops guessing an employee binding: a failed guess costs two attempts, then even the right answer waits', async () => {
    const from = address();
    for (const guess of ['张三', '王五', '赵六']) {
      expect((await v1('POST', '/subject/binding', { from, body: { weixinUserId: `guess-${guess}`, name: guess, phone: '13811111111' } })).code).toBe(404);
    }
    const right = await v1('POST', '/subject/binding', { from, body: { weixinUserId: 'attacker', name: '李四', phone: '13811111111' } });
    expect(right).toMatchObject({ code: 429, err_msg: expect.stringMatching(/请求过于频繁: too many binding attempts from this address; try again in \d+ s/) });
    expect((await v1('GET', '/wechat/is_binding', { from: address(), query: { weixinUserId: 'attacker' } })).code).toBe(404);
  });

  it('limits the requests of one address to any H5 route', async () => {
    const from = address();
    const codes: number[] = [];
    for (let i = 0; i < 10; i++) codes.push((await v1('GET', '/wechat/is_binding', { from, query: { weixinUserId: `u${i}` } })).code);
    expect(codes.slice(0, 8).every((code) => code === 404)).toBe(true);
    expect(codes.slice(8)).toEqual([429, 429]);
    expect((await v1('GET', '/wechat/is_binding', { from: address(), query: { weixinUserId: 'u0' } })).code).toBe(404);
  });

  it('limits the requests about one phone from anywhere: records and sign-in by a guessed phone', async () => {
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await v1('GET', '/visit/records', { from: address(), query: { type: 'mobile', proposer: '13955555555' } }));
    answers.push(await v1('POST', '/visit/signin', { from: address(), body: { phone: '13955555555' } }));
    answers.push(await v1('POST', '/visit/signin', { from: address(), body: { phone: '13955555555' } }));
    expect(answers.map((a) => a.code)).toEqual([0, 0, 0, 404, 429]);
    expect(answers[4].err_msg).toContain('too many requests about this person');
  });

  it('limits applications by one proposer and authorisations of one application', async () => {
    const codes: number[] = [];
    let id = 0;
    for (let i = 0; i < 5; i++) {
      const answer = await v1('POST', '/subject', { from: address(), body: applicationBody(t, { proposer: '13966660000', name: `访客${i}` }) });
      codes.push(answer.code);
      id = answer.data?.id ?? id;
    }
    expect(codes).toEqual([0, 0, 0, 0, 429]);
    const authorisations = [];
    for (let i = 0; i < 5; i++) authorisations.push((await v1('PUT', `/auth/${id}`, { from: address(), query: { weixinUserId: `stranger-${i}` } })).code);
    expect(authorisations).toEqual([403, 403, 403, 403, 429]);
  });

  it('limits QR checks per gate', async () => {
    const gate = address();
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await v1('POST', '/visit/qrcode', { from: gate, body: { qrcode: '0'.repeat(32) } })).code);
    expect(codes).toEqual([-208, -208, -208, 429]);
  });
});

describe('client addresses without TRUST_PROXY (e2e)', () => {
  it('ignores X-Forwarded-For, so a spoofed header does not reset the limit', async () => {
    const t = await startTestApp({ VISITOR_REQUESTS_PER_ADDRESS_PER_MINUTE: '3' });
    try {
      const v1 = v1Client(t);
      const codes = [];
      for (let i = 0; i < 5; i++) codes.push((await v1('GET', '/wechat/is_binding', { from: `203.0.113.${i}`, query: { weixinUserId: 'x' } })).code);
      expect(codes).toEqual([404, 404, 404, 429, 429]);
    } finally {
      await t.close();
    }
  });
});
