import { TerminalSimulator } from '../fakes/terminal-simulator';
import { adminLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { addTerminal, adminApi, eventually } from '../support/gateway-flows';
import { startTestApp, TestApp } from '../support/test-app';
import { v1Client } from '../support/visitor-flows';

/** The app trusts X-Forwarded-For here, so a test can call from any address. */
const from = (address: string) => ({ 'x-forwarded-for': address });

describe('callers by address (e2e)', () => {
  let sim: TerminalSimulator;

  beforeAll(async () => {
    sim = await new TerminalSimulator().start();
  });
  afterAll(() => sim.stop());

  const withTerminal = async (env: Record<string, string>, work: (t: TestApp) => Promise<void>) => {
    const t = await startTestApp({ TRUST_PROXY: 'true', ...env });
    try {
      const api = adminApi(t, await adminLogin(new FormClient(t.baseUrl)));
      const id = await addTerminal(api, sim, 'Gate');
      await eventually(async () => expect((await api(`/api/admin/devices/${id}`)).body.deviceId).toBe(sim.deviceId));
      await work(t);
    } finally {
      await t.close();
    }
  };

  it("answers terminal callbacks only from the terminal's own address", async () => {
    await withTerminal({}, async (t) => {
      const own = await (await fetch(`${t.baseUrl}/syrecord/${sim.deviceId}?lastQueryTime=0`, { headers: from('127.0.0.1') })).json();
      expect(own).toHaveProperty('serviceResponse');
      const stranger = await (await fetch(`${t.baseUrl}/syrecord/${sim.deviceId}?lastQueryTime=0`, { headers: from('10.66.0.9') })).json();
      expect(stranger).toMatchObject({ desc: expect.stringContaining('not its registered host') });
      expect(stranger).not.toHaveProperty('serviceResponse');
      const face = await fetch(`${t.baseUrl}/syface/${sim.deviceId}`, { method: 'POST', headers: { ...from('10.66.0.9'), 'content-type': 'application/json' }, body: '{"userId":"FR1"}' });
      expect(await face.json()).not.toHaveProperty('openDoor');
    });
  });

  it('answers them from anywhere with TERMINAL_CALLBACKS_FROM_ANY (terminals behind NAT)', async () => {
    await withTerminal({ TERMINAL_CALLBACKS_FROM_ANY: 'true' }, async (t) => {
      const answer = await (await fetch(`${t.baseUrl}/syrecord/${sim.deviceId}?lastQueryTime=0`, { headers: from('10.66.0.9') })).json();
      expect(answer).toHaveProperty('serviceResponse');
    });
  });

  it("takes sign-ins and QR checks only from the site's own network by default (a trusted proxy's X-Forwarded-For tells)", async () => {
    const t = await startTestApp({ TRUST_PROXY: 'true' });
    try {
      const v1 = v1Client(t);
      for (const outside of ['203.0.113.9', '8.8.8.8', '2001:db8::1', '100.64.0.1']) {
        expect(await v1('POST', '/visit/signin', { from: outside, body: { phone: '13900000000' } })).toMatchObject({ code: 403, err_msg: expect.stringContaining('VISITOR_KIOSK_NETWORKS') });
        expect(await v1('POST', '/visit/qrcode', { from: outside, body: { qrcode: '0'.repeat(32) } })).toMatchObject({ code: 403, err_msg: expect.stringContaining('VISITOR_GATE_NETWORKS') });
      }
      for (const inside of ['192.168.1.20', '10.3.4.5', '172.20.0.1', '127.0.0.1', 'fd00::5']) {
        expect((await v1('POST', '/visit/signin', { from: inside, body: { phone: '13900000000' } })).code).toBe(404);
        expect((await v1('POST', '/visit/qrcode', { from: inside, body: { qrcode: '0'.repeat(32) } })).code).toBe(-208);
      }
    } finally {
      await t.close();
    }
  });

  it('takes sign-ins from anywhere when the site says so', async () => {
    const t = await startTestApp({ TRUST_PROXY: 'true', VISITOR_KIOSK_NETWORKS: '0.0.0.0/0, ::/0' });
    try {
      expect((await v1Client(t)('POST', '/visit/signin', { from: '203.0.113.9', body: { phone: '13900000000' } })).code).toBe(404);
    } finally {
      await t.close();
    }
  });

  it('takes sign-ins only from the kiosks and QR checks only from the gates, when the site names their networks', async () => {
    const t = await startTestApp({ TRUST_PROXY: 'true', VISITOR_KIOSK_NETWORKS: '10.1.0.0/16', VISITOR_GATE_NETWORKS: '10.2.0.5' });
    try {
      const v1 = v1Client(t);
      expect((await v1('POST', '/visit/signin', { from: '10.1.7.7', body: { phone: '13900000000' } })).code).toBe(404);
      expect(await v1('POST', '/visit/signin', { from: '10.9.0.1', body: { phone: '13900000000' } })).toMatchObject({ code: 403, err_msg: expect.stringContaining('VISITOR_KIOSK_NETWORKS') });
      expect((await v1('POST', '/visit/qrcode', { from: '10.2.0.5', body: { qrcode: '0'.repeat(32) } })).code).toBe(-208);
      expect((await v1('POST', '/visit/qrcode', { from: '10.1.7.7', body: { qrcode: '0'.repeat(32) } })).code).toBe(403);
    } finally {
      await t.close();
    }
  });
});
