import { adminLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { AdminApi, adminApi } from '../support/gateway-flows';
import { ADMIN, startTestApp, TestApp } from '../support/test-app';

type StaffRole = 'admin' | 'reviewer' | 'operator' | 'auditor';
type Area = 'people' | 'doors' | 'records' | 'visitors' | 'audit' | 'accounts' | 'hotel' | 'own-account';

/** The table, restated: who may change and who may read each part of the back office. */
const MAY_CHANGE: Record<Area, StaffRole[]> = {
  people: ['admin', 'reviewer'],
  doors: ['admin', 'operator'],
  records: ['admin', 'operator'],
  visitors: ['admin', 'operator'],
  audit: [],
  accounts: ['admin'],
  hotel: ['admin'],
  'own-account': ['admin', 'reviewer', 'operator', 'auditor'],
};
const MAY_READ_ONLY_AS: Partial<Record<Area, StaffRole[]>> = { audit: ['admin', 'auditor'], accounts: ['admin'] };

/** Which area a route of the OpenAPI document belongs to, by its path. */
function areaOf(method: string, path: string): Area | null {
  if (path.startsWith('/api/admin/accounts/me')) return 'own-account';
  if (path.includes('record-losses') || path.startsWith('/api/admin/access-records')) return 'records';
  const prefixes: [string, Area][] = [
    ['/api/admin/registrations', 'people'],
    ['/api/admin/people', 'people'],
    ['/api/admin/settings/review', 'people'],
    ['/api/admin/devices', 'doors'],
    ['/api/admin/bindings', 'visitors'],
    ['/api/admin/employees', 'visitors'],
    ['/api/admin/notifications', 'visitors'],
    ['/api/admin/visits', 'visitors'],
    ['/v1/config', 'visitors'],
    ['/api/admin/audit', 'audit'],
    ['/api/admin/accounts', 'accounts'],
    ['/api/admin/hotel-accounts', 'hotel'],
  ];
  if (method === 'delete' && path.startsWith('/v1/visit/records/')) return 'visitors';
  return prefixes.find(([prefix]) => path.startsWith(prefix))?.[1] ?? null;
}

function allowed(role: StaffRole, area: Area, write: boolean): boolean {
  return write ? MAY_CHANGE[area].includes(role) : (MAY_READ_ONLY_AS[area] ?? MAY_CHANGE['own-account']).includes(role);
}

describe('back-office roles (e2e)', () => {
  let t: TestApp;
  let client: FormClient;
  let admin: AdminApi;
  const tokens = {} as Record<StaffRole, string>;
  const ids = {} as Record<StaffRole, number>;

  const login = async (userName: string, password: string) => adminLogin(client, { userName, password });

  beforeAll(async () => {
    t = await startTestApp();
    client = new FormClient(t.baseUrl);
    tokens.admin = await login(ADMIN.userName, ADMIN.password);
    admin = adminApi(t, tokens.admin);
    for (const role of ['reviewer', 'operator', 'auditor'] as const) {
      const created = await admin('/api/admin/accounts', { method: 'POST', body: { username: `${role}-1`, password: `${role}-password`, role } });
      expect(created.status).toBe(201);
      ids[role] = created.body.id;
      tokens[role] = await login(`${role}-1`, `${role}-password`);
    }
  });
  afterAll(() => t.close());

  it('the first administrator is an admin, and each account learns its role and what it may change', async () => {
    expect((await admin('/api/admin/accounts/me')).body).toMatchObject({ username: ADMIN.userName, role: 'admin' });
    const reviewer = await adminApi(t, tokens.reviewer)('/api/admin/accounts/me');
    expect(reviewer.body).toEqual({ id: ids.reviewer, username: 'reviewer-1', role: 'reviewer', writable: ['people', 'own-account'] });
    expect((await admin('/api/admin/accounts?q=or-')).body.items.map((a: { role: string }) => a.role).sort()).toEqual(['auditor', 'operator']);
    expect(JSON.stringify((await admin('/api/admin/accounts')).body)).not.toMatch(/password_?hash|scrypt/i);
  });

  it('the REST API enforces every role on every back-office route of the OpenAPI document', async () => {
    const document = (await (await fetch(`${t.baseUrl}/docs/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const routes: [string, string, Area][] = [];
    for (const [path, operations] of Object.entries(document.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(operations)) {
        const area = areaOf(method, path);
        if (area) routes.push([method, path.replace(/\{[^}]+\}/g, '999999'), area]);
      }
    }
    expect(routes.length).toBeGreaterThan(40);
    const unclassified = Object.keys(document.paths).filter((path) => path.startsWith('/api/admin') && !Object.keys(document.paths[path]).some((m) => areaOf(m, path)));
    expect(unclassified).toEqual([]);
    const wrong: string[] = [];
    for (const role of ['reviewer', 'operator', 'auditor'] as const) {
      const api = adminApi(t, tokens[role]);
      for (const [method, path, area] of routes) {
        if (path === '/api/admin/accounts/me/password') continue;
        const write = method !== 'get';
        const answer = await api(path, { method: method.toUpperCase(), body: write ? {} : undefined });
        const refused = answer.status === 403 || answer.body?.code === 403;
        if (refused === allowed(role, area, write)) wrong.push(`${role} ${method.toUpperCase()} ${path}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 120)}`);
        expect(answer.status).not.toBe(401);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('the .do protocol: a reviewer approves, an operator cannot; everyone reads the list', async () => {
    expect((await client.post('/SkyFaceRegister/approve.do', { accessToken: tokens.reviewer, ids: '999999', isPass: 1 })).result_code).not.toBe(-2);
    const refused = await client.post('/SkyFaceRegister/approve.do', { accessToken: tokens.operator, ids: '999999', isPass: 1 });
    expect(refused.result_msg).toContain('operator role may not change people');
    expect((await client.post('/SkyFaceRegister/getfaces.do', { accessToken: tokens.auditor, state: -1 })).result_code).toBe(0);
  });

  it('validates new accounts and refuses a taken name', async () => {
    const bad = await admin('/api/admin/accounts', { method: 'POST', body: { username: 'x y', password: '123', role: 'root' } });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/username/);
    expect(bad.body.detail).toMatch(/role: must be one of admin, reviewer, operator, auditor/);
    const short = await admin('/api/admin/accounts', { method: 'POST', body: { username: 'short-pw', password: '123', role: 'auditor' } });
    expect([short.status, short.body.detail]).toEqual([422, 'the new password must be 6 to 64 characters long']);
    const taken = await admin('/api/admin/accounts', { method: 'POST', body: { username: 'reviewer-1', password: 'whatever-1', role: 'auditor' } });
    expect(taken.status).toBe(409);
  });

  it('a role change or a password reset ends the sessions of the account at once', async () => {
    const operator = adminApi(t, tokens.operator);
    expect((await operator('/api/admin/accounts/me')).status).toBe(200);
    expect((await admin(`/api/admin/accounts/${ids.operator}`, { method: 'PATCH', body: { role: 'auditor' } })).body.role).toBe('auditor');
    expect((await operator('/api/admin/accounts/me')).status).toBe(401);
    const again = adminApi(t, await login('operator-1', 'operator-password'));
    expect((await again('/api/admin/accounts/me')).body.role).toBe('auditor');
    expect((await admin(`/api/admin/accounts/${ids.operator}`, { method: 'PATCH', body: {} })).status).toBe(200);
    expect((await again('/api/admin/accounts/me')).status).toBe(200);
    await admin(`/api/admin/accounts/${ids.operator}`, { method: 'PATCH', body: { password: 'reset-by-admin' } });
    expect((await again('/api/admin/accounts/me')).status).toBe(401);
    tokens.operator = await login('operator-1', 'reset-by-admin');
  });

  it('everyone changes their own password and keeps the session they use', async () => {
    const auditor = adminApi(t, tokens.auditor);
    const other = adminApi(t, await login('auditor-1', 'auditor-password'));
    const wrongOld = await auditor('/api/admin/accounts/me/password', { method: 'PUT', body: { oldPassword: 'nope', newPassword: 'auditor-new-1' } });
    expect(wrongOld.status).not.toBe(204);
    expect((await auditor('/api/admin/accounts/me/password', { method: 'PUT', body: { oldPassword: 'auditor-password', newPassword: 'auditor-new-1' } })).status).toBe(204);
    expect((await auditor('/api/admin/accounts/me')).status).toBe(200);
    expect((await other('/api/admin/accounts/me')).status).toBe(401);
    await expect(login('auditor-1', 'auditor-password')).rejects.toThrow();
  });

  it('the last administrator can be neither demoted nor removed, and nobody removes their own account', async () => {
    const me = (await admin('/api/admin/accounts/me')).body.id;
    const demote = await admin(`/api/admin/accounts/${me}`, { method: 'PATCH', body: { role: 'auditor' } });
    expect([demote.status, demote.body.detail]).toEqual([409, `"${ADMIN.userName}" is the last administrator and cannot be demoted`]);
    expect((await admin(`/api/admin/accounts/${me}`, { method: 'DELETE' })).status).toBe(403);
    const second = await admin('/api/admin/accounts', { method: 'POST', body: { username: 'admin-2', password: 'admin-2-password', role: 'admin' } });
    expect((await adminApi(t, await login('admin-2', 'admin-2-password'))(`/api/admin/accounts/${me}`, { method: 'PATCH', body: { role: 'reviewer' } })).status).toBe(200);
    const lastAdmin = adminApi(t, await login('admin-2', 'admin-2-password'));
    expect((await lastAdmin(`/api/admin/accounts/${second.body.id}`, { method: 'PATCH', body: { role: 'operator' } })).status).toBe(409);
    expect((await lastAdmin(`/api/admin/accounts/${ids.reviewer}`, { method: 'DELETE' })).status).toBe(204);
    await expect(login('reviewer-1', 'reviewer-password')).rejects.toThrow();
    expect((await lastAdmin('/api/admin/accounts/424242', { method: 'DELETE' })).status).toBe(404);
  });

  it('two administrators demoting each other at the same moment leave one administrator', async () => {
    const lastAdmin = adminApi(t, await login('admin-2', 'admin-2-password'));
    const third = await lastAdmin('/api/admin/accounts', { method: 'POST', body: { username: 'admin-3', password: 'admin-3-password', role: 'admin' } });
    const thirdAdmin = adminApi(t, await login('admin-3', 'admin-3-password'));
    const secondId = (await lastAdmin('/api/admin/accounts/me')).body.id;
    const [second, thirdAnswer] = await Promise.all([
      lastAdmin(`/api/admin/accounts/${third.body.id}`, { method: 'PATCH', body: { role: 'operator' } }),
      thirdAdmin(`/api/admin/accounts/${secondId}`, { method: 'PATCH', body: { role: 'operator' } }),
    ]);
    // One demotion goes through; the other is refused (409), or its caller is no longer an administrator (401).
    expect([second.status, thirdAnswer.status].filter((status) => status === 200)).toHaveLength(1);
    expect([401, 409]).toContain([second.status, thirdAnswer.status].find((status) => status !== 200));
    const survivor = second.status === 200 ? lastAdmin : adminApi(t, await login('admin-3', 'admin-3-password'));
    const accounts = (await survivor('/api/admin/accounts?size=100')).body.items as { role: string }[];
    expect(accounts.filter((account) => account.role === 'admin')).toHaveLength(1);
  });
});
