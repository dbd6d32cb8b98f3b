import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { adminLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { adminApi } from '../support/gateway-flows';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_TEMPLATES, V1Client, v1Client } from '../support/visitor-flows';
import { sql } from '../support/test-sql';

const SERVERS = { koala_ip: '192.168.18.53', koala_username: 'test@megvii.com', koala_password: 'koala-Secret-771', cloud_url: 'http://cloud.example.cn' };

describe('visitor back-office settings (/v1/config)', () => {
  let t: TestApp;
  let v1: V1Client;
  let adminToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    v1 = v1Client(t);
    adminToken = await adminLogin(new FormClient(t.baseUrl));
  });

  afterAll(() => t.close());

  it('needs the admin token for reading and writing', async () => {
    for (const path of ['/config/servers', '/config/templates']) {
      expect((await v1('GET', path)).code).toBe(401);
      expect((await v1('PUT', path, { body: {} })).code).toBe(401);
    }
  });

  it('answers empty settings before any are saved', async () => {
    expect((await v1('GET', '/config/servers', { token: adminToken })).data).toEqual({ koala_ip: '', koala_username: '', koala_password: '', cloud_url: '' });
    const templates = (await v1('GET', '/config/templates', { token: adminToken })).data;
    expect(Object.keys(templates).sort()).toEqual(Object.keys(TEST_TEMPLATES).sort());
    expect(Object.values(templates).every((value) => value === '')).toBe(true);
  });

  it('keeps the koala password encrypted at rest and out of the logs, and returns it as the spec says', async () => {
    const logged: string[] = [];
    const spies = (['log', 'warn', 'error', 'debug', 'verbose'] as const).map((level) =>
      jest.spyOn(Logger.prototype, level).mockImplementation(function (this: Logger, ...args: unknown[]) {
        logged.push(JSON.stringify(args));
      }),
    );
    try {
      const saved = await v1('PUT', '/config/servers', { body: SERVERS, token: adminToken });
      expect(saved).toEqual({ code: 0, err_msg: '', data: SERVERS });
      expect((await v1('GET', '/config/servers', { token: adminToken })).data).toEqual(SERVERS);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(logged.join('\n')).toContain('server settings changed');
    expect(logged.join('\n')).not.toContain(SERVERS.koala_password);
    const rows = await sql(t.app.get(DataSource), `SELECT value FROM visitor_setting WHERE name = 'koala_password'`);
    expect(rows[0].value).not.toContain(SERVERS.koala_password);
  });

  it('saves the templates and rejects incomplete or malformed settings without changing them', async () => {
    expect((await v1('PUT', '/config/templates', { body: TEST_TEMPLATES, token: adminToken })).data).toEqual(TEST_TEMPLATES);
    const { signin_to_visitor_sms_id: _missing, ...incomplete } = TEST_TEMPLATES;
    expect((await v1('PUT', '/config/templates', { body: incomplete, token: adminToken })).err_msg).toContain('signin_to_visitor_sms_id');
    expect((await v1('PUT', '/config/templates', { body: { ...TEST_TEMPLATES, approval_pass_to_visitor_sms_id: 42 }, token: adminToken })).code).toBe(400);
    expect((await v1('PUT', '/config/servers', { body: { ...SERVERS, koala_ip: 'x'.repeat(256) }, token: adminToken })).code).toBe(400);
    expect((await v1('PUT', '/config/servers', { body: { ...SERVERS, koala_ip: '192.168.18.53; rm -rf' }, token: adminToken })).err_msg).toContain('koala_ip');
    expect((await v1('PUT', '/config/servers', { body: { ...SERVERS, cloud_url: 'cloud.example.cn' }, token: adminToken })).err_msg).toContain('cloud_url');
    for (const koala_ip of ['', 'koala.local', '10.0.0.8:8866', '[fe80::1]:80']) {
      expect((await v1('PUT', '/config/servers', { body: { ...SERVERS, koala_ip, cloud_url: '' }, token: adminToken })).code).toBe(0);
    }
    expect((await v1('PUT', '/config/servers', { body: SERVERS, token: adminToken })).code).toBe(0);
    expect((await v1('GET', '/config/templates', { token: adminToken })).data).toEqual(TEST_TEMPLATES);
    expect((await v1('GET', '/config/servers', { token: adminToken })).data).toEqual(SERVERS);
  });

  it('gives the koala password to administrators only; another role may change the settings without seeing or clearing it', async () => {
    await v1('PUT', '/config/servers', { body: SERVERS, token: adminToken });
    const admin = adminApi(t, adminToken);
    const tokens: Record<string, string> = {};
    for (const role of ['reviewer', 'operator', 'auditor']) {
      expect((await admin('/api/admin/accounts', { method: 'POST', body: { username: `settings-${role}`, password: `${role}-password-1`, role } })).status).toBe(201);
      tokens[role] = await adminLogin(new FormClient(t.baseUrl), { userName: `settings-${role}`, password: `${role}-password-1` });
    }
    const { koala_password: _hidden, ...visible } = SERVERS;
    for (const token of Object.values(tokens)) {
      const answer = await v1('GET', '/config/servers', { token });
      expect(answer).toEqual({ code: 0, err_msg: '', data: visible });
      expect(JSON.stringify(answer)).not.toContain(SERVERS.koala_password);
    }
    const changed = await v1('PUT', '/config/servers', { body: { ...visible, koala_username: 'ops@megvii.com' }, token: tokens.operator });
    expect(changed).toEqual({ code: 0, err_msg: '', data: { ...visible, koala_username: 'ops@megvii.com' } });
    expect((await v1('GET', '/config/servers', { token: adminToken })).data).toEqual({ ...SERVERS, koala_username: 'ops@megvii.com' });
    expect((await v1('PUT', '/config/servers', { body: SERVERS, token: tokens.reviewer })).code).toBe(403);
    await v1('PUT', '/config/servers', { body: SERVERS, token: adminToken });
  });

  it('refuses null where a value may only be left out, in its envelope, and changes nothing', async () => {
    await v1('PUT', '/config/templates', { body: TEST_TEMPLATES, token: adminToken });
    for (const key of ['binding_notice_to_employee_wechat_id', 'binding_notice_to_employee_sms_id']) {
      const answer = await v1('PUT', '/config/templates', { body: { ...TEST_TEMPLATES, [key]: null }, token: adminToken });
      expect(answer).toMatchObject({ code: 400, err_msg: expect.stringContaining(key) });
    }
    expect((await v1('PUT', '/config/servers', { body: { ...SERVERS, koala_password: null }, token: adminToken })).code).toBe(400);
    expect((await v1('GET', '/config/templates', { token: adminToken })).data).toEqual(TEST_TEMPLATES);
    expect((await v1('GET', '/config/servers', { token: adminToken })).data).toEqual(SERVERS);
  });
});
