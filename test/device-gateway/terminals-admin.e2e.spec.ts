import { DataSource } from 'typeorm';
import { TerminalSimulator } from '../fakes/terminal-simulator';
import { adminLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { AdminApi, addTerminal, adminApi, eventually } from '../support/gateway-flows';
import { liveSocket } from '../support/live-socket';
import { startTestApp, TestApp } from '../support/test-app';
import { sql } from '../support/test-sql';

describe('terminal administration and operations (e2e)', () => {
  let t: TestApp;
  let api: AdminApi;
  let sim: TerminalSimulator;
  let id: number;

  beforeAll(async () => {
    t = await startTestApp({ RECORD_RECONNECT_MAX_MS: '200', RECORD_CHECK_SECONDS: '1' });
    api = adminApi(t, await adminLogin(new FormClient(t.baseUrl)));
    sim = await new TerminalSimulator({ password: 'first-pw', now: () => t.clock.now().getTime() }).start();
    id = await addTerminal(api, sim, 'Front door');
    await eventually(async () => expect((await api(`/api/admin/devices/${id}`)).body).toMatchObject({ online: true, deviceId: sim.deviceId }));
  });

  afterAll(async () => {
    await t.close();
    await sim.stop();
  });

  it('validates what it registers and refuses duplicates', async () => {
    const invalid = await api('/api/admin/devices', { method: 'POST', body: { name: '', host: 'not a host!', port: 70000 } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors).toEqual(expect.arrayContaining([expect.stringMatching(/^name/), expect.stringMatching(/^host/), expect.stringMatching(/^port/)]));
    const duplicate = await api('/api/admin/devices', { method: 'POST', body: { name: 'Front door', host: '10.0.0.9' } });
    expect(duplicate.status).toBe(409);
    const sameAddress = await api('/api/admin/devices', { method: 'POST', body: { name: 'Other', host: '127.0.0.1', port: sim.httpPort } });
    expect(sameAddress.status).toBe(409);
    expect((await api('/api/admin/devices/4242')).status).toBe(404);
    expect((await api('/api/admin/devices/abc')).status).toBe(400);
  });

  it('stores the password encrypted and follows a change of password', async () => {
    const [row] = await sql(t.app.get(DataSource), 'SELECT password_sealed FROM terminal WHERE id = ?', [id]);
    expect(row.password_sealed).toMatch(/^v1\./);
    expect(row.password_sealed).not.toContain('first-pw');
    sim.password = 'second-pw';
    sim.dropRecordLinks();
    await eventually(async () => expect((await api(`/api/admin/devices/${id}`)).body).toMatchObject({ linkState: 'denied', lastError: expect.stringContaining('password') }));
    const changed = await api(`/api/admin/devices/${id}`, { method: 'PATCH', body: { password: 'second-pw' } });
    expect(changed.status).toBe(200);
    expect(JSON.stringify(changed.body)).not.toContain('second-pw');
    await eventually(async () => expect((await api(`/api/admin/devices/${id}`)).body).toMatchObject({ online: true, lastError: null }));
  });

  it('passes the terminal operations through', async () => {
    expect((await api(`/api/admin/devices/${id}/door/open`, { method: 'POST', body: { remark: 'courier' } })).status).toBe(204);
    expect(sim.opened).toContain('courier');
    expect((await api(`/api/admin/devices/${id}/reboot`, { method: 'POST' })).status).toBe(204);
    expect(sim.rebooted).toBe(1);
    expect((await api(`/api/admin/devices/${id}/time/sync`, { method: 'POST' })).status).toBe(204);
    expect((await api(`/api/admin/devices/${id}/information`)).body).toMatchObject({ deviceID: sim.deviceId, deviceMoel: 'DC-F8' });
    expect((await api(`/api/admin/devices/${id}/settings/network`)).body).toMatchObject({ ipAddress: '192.168.1.20' });
    expect((await api(`/api/admin/devices/${id}/settings/smart-face`, { method: 'PUT', body: { faceThre: 9 } })).status).toBe(204);
    expect(sim.settings.smartface.faceThre).toBe(9);
    expect((await api(`/api/admin/devices/${id}/settings/peripheral`, { method: 'PUT', body: { unlockOuttime: 3 } })).status).toBe(204);
    expect(sim.settings.perpara.unlockOuttime).toBe(3);
    expect((await api(`/api/admin/devices/${id}/json-command`, { method: 'POST', body: { cmd: 'beep' } })).body).toEqual({ json: { received: { cmd: 'beep' } } });
    sim.addUser({ userId: 'LOCAL-1', name: 'Local', userType: 1 });
    expect((await api(`/api/admin/devices/${id}/users?size=10`)).body).toMatchObject({ total: 1, data: [expect.objectContaining({ userId: 'LOCAL-1' })] });
    sim.pushRecord({ userId: 'LOCAL-1', name: 'Local', signAvatar: 'AAAA' });
    const records = (await api(`/api/admin/devices/${id}/records?startTime=0&endTime=4102444800`)).body;
    expect(records.data[0]).toMatchObject({ userId: 'LOCAL-1' });
    expect(records.data[0]).not.toHaveProperty('signAvatar');
  });

  it('answers 400 for bad operation input and 502 when the terminal refuses', async () => {
    expect((await api(`/api/admin/devices/${id}/settings/volume`)).status).toBe(400);
    expect((await api(`/api/admin/devices/${id}/settings/network`, { method: 'PUT', body: [1, 2] })).status).toBe(400);
    expect((await api(`/api/admin/devices/${id}/users?size=50`)).status).toBe(400);
    sim.fail(/reboot/, { code: 40001 });
    const refused = await api(`/api/admin/devices/${id}/reboot`, { method: 'POST' });
    expect(refused.status).toBe(502);
    expect(refused.body).toMatchObject({ errors: { terminalCode: 40001 }, detail: expect.stringContaining('40001') });
  });

  it('disables a terminal (link closed, no requests) and forgets it', async () => {
    const requests = sim.requests.length;
    const disabled = await api(`/api/admin/devices/${id}`, { method: 'PATCH', body: { enabled: false } });
    expect(disabled.body).toMatchObject({ enabled: false });
    await eventually(() => expect(sim.recordLinks).toBe(0));
    await eventually(async () => expect((await api(`/api/admin/devices/${id}`)).body.linkState).toBe('disconnected'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sim.recordLinks).toBe(0);
    expect(sim.requests.length).toBe(requests);
    expect((await api(`/api/admin/devices/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`/api/admin/devices/${id}`)).status).toBe(404);
    expect((await api(`/api/admin/devices/${id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('marks a terminal that refuses the password "credentials refused": one request and one link attempt, then every caller waits until the password is changed', async () => {
    const other = await new TerminalSimulator({ password: 'real', now: () => t.clock.now().getTime() }).start();
    const live = await liveSocket(t, await adminLogin(new FormClient(t.baseUrl)));
    try {
      const otherId = await addTerminal(api, { ...other, password: 'guess' } as TerminalSimulator, 'Bad signature');
      await eventually(async () => expect((await api(`/api/admin/devices/${otherId}`)).body.credentialsRefusedAt).not.toBeNull());
      const door = (await api(`/api/admin/devices/${otherId}`)).body;
      expect(door).toMatchObject({ online: false, lastError: expect.stringMatching(/10005|password/), nextAttemptAt: expect.any(String) });
      expect(Date.parse(door.nextAttemptAt) - Date.parse(door.credentialsRefusedAt)).toBeGreaterThanOrEqual(299_000);
      await eventually(() => expect(live.messages.some((m) => m.type === 'terminal' && m.terminalId === otherId && m.credentialsRefusedAt)).toBe(true));
      const metrics = await (await fetch(`${t.baseUrl}/metrics`)).text();
      expect(metrics).toMatch(/^facegate_terminal_credentials_refused 1$/m);

      // Provisioning, the record check (every second here), reconciliation and the record link all hold back.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(other.requests.length + other.linkAttempts).toBeLessThanOrEqual(2);
      const seen = other.requests.length + other.linkAttempts;
      await api(`/api/admin/devices/${otherId}/reconcile`, { method: 'POST' });
      const opened = await fetch(`${t.baseUrl}/api/admin/devices/${otherId}/door/open`, { method: 'POST', headers: { authorization: (await adminHeader()), 'content-type': 'application/json' }, body: '{}' });
      expect(opened.status).toBe(503);
      expect(Number(opened.headers.get('retry-after'))).toBeGreaterThan(200);
      expect(((await opened.json()) as { detail: string }).detail).toContain('10005');
      expect(other.requests.length + other.linkAttempts).toBe(seen);

      // Five minutes on, one request tries again, and the door stays refused.
      t.clock.advance(301_000);
      await eventually(async () => expect(other.requests.length + other.linkAttempts).toBe(seen + 1));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(other.requests.length + other.linkAttempts).toBe(seen + 1);
      expect((await api(`/api/admin/devices/${otherId}`)).body.credentialsRefusedAt).toBe(door.credentialsRefusedAt);

      // The administrator sets the right password: FaceGate tries at once and the door comes back.
      expect((await api(`/api/admin/devices/${otherId}`, { method: 'PATCH', body: { password: 'real' } })).status).toBe(200);
      await eventually(async () => expect((await api(`/api/admin/devices/${otherId}`)).body).toMatchObject({ online: true, credentialsRefusedAt: null, nextAttemptAt: null, lastError: null }));
      expect(await (await fetch(`${t.baseUrl}/metrics`)).text()).toMatch(/^facegate_terminal_credentials_refused 0$/m);
    } finally {
      live.close();
      await other.stop();
    }
  });

  it('keeps a refusal of the password across a restart', async () => {
    const other = await new TerminalSimulator({ password: 'real', now: () => t.clock.now().getTime() }).start();
    try {
      const otherId = await addTerminal(api, { ...other, password: 'guess' } as TerminalSimulator, 'Refused before restart');
      await eventually(async () => expect((await api(`/api/admin/devices/${otherId}`)).body.credentialsRefusedAt).not.toBeNull());
      // Two instances alone on one database are refused (InstanceLock): the first stops before the restart.
      await t.stop();
      const restarted = await startTestApp({ RECORD_RECONNECT_MAX_MS: '200', RECORD_CHECK_SECONDS: '1' }, t.dir);
      try {
        const before = other.requests.length + other.linkAttempts;
        const again = adminApi(restarted, await adminLogin(new FormClient(restarted.baseUrl)));
        await new Promise((resolve) => setTimeout(resolve, 2000));
        expect(other.requests.length + other.linkAttempts).toBe(before);
        expect((await again(`/api/admin/devices/${otherId}`)).body).toMatchObject({ credentialsRefusedAt: expect.any(String), nextAttemptAt: expect.any(String) });
      } finally {
        await restarted.close();
      }
    } finally {
      await other.stop();
    }
  });

  async function adminHeader(): Promise<string> {
    return `Bearer ${await adminLogin(new FormClient(t.baseUrl))}`;
  }
});
