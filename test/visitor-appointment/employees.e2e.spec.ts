import { adminLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { adminApi, AdminApi } from '../support/gateway-flows';
import { startTestApp, TestApp } from '../support/test-app';

/** `姓名,手机,部门\n张三,13800000001,研发部\n` as Excel on Chinese Windows saves it (GBK). */
const GBK_CSV = Buffer.from('d0d5c3fb2ccad6bbfa2cb2bfc3c50ad5c5c8fd2c31333830303030303030312cd1d0b7a2b2bf0a', 'hex');

describe('employee directory (/api/admin/employees)', () => {
  let t: TestApp;
  let admin: AdminApi;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp();
    token = await adminLogin(new FormClient(t.baseUrl));
    admin = adminApi(t, token);
  });

  afterAll(() => t.close());

  async function importCsv(content: Buffer | string) {
    const form = new FormData();
    form.append('file', new Blob([content]), 'employees.csv');
    const response = await fetch(`${t.baseUrl}/api/admin/employees/import`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    return { status: response.status, body: (await response.json()) as any };
  }

  it('creates, changes, lists with search and paging, and deletes employees', async () => {
    const created = await admin('/api/admin/employees', { method: 'POST', body: { name: ' 李四 ', phone: '13811111111', department: '法务部' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '李四', phone: '13811111111', department: '法务部' });
    for (let i = 0; i < 4; i++) {
      await admin('/api/admin/employees', { method: 'POST', body: { name: `员工${i}`, phone: `1370000000${i}`, department: '研发_部' } });
    }

    const page = await admin('/api/admin/employees?q=研发_&page=2&size=3');
    expect(page.body).toMatchObject({ page: 2, size: 3, total: 4 });
    expect(page.body.items.map((e: { name: string }) => e.name)).toEqual(['员工3']);
    expect((await admin('/api/admin/employees?q=%25')).body.total).toBe(0);
    expect((await admin('/api/admin/employees?q=1381111')).body.items[0].name).toBe('李四');

    const changed = await admin(`/api/admin/employees/${created.body.id}`, { method: 'PATCH', body: { department: '总经办' } });
    expect(changed.body).toMatchObject({ name: '李四', department: '总经办' });

    const clash = await admin(`/api/admin/employees/${created.body.id}`, { method: 'PATCH', body: { phone: '13700000000' } });
    expect(clash.status).toBe(409);
    expect((await admin(`/api/admin/employees/${created.body.id}`)).body.phone).toBe('13811111111');

    expect((await admin(`/api/admin/employees/${created.body.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await admin(`/api/admin/employees/${created.body.id}`)).status).toBe(404);
  });

  it('refuses bad input and callers without an admin token', async () => {
    const bad = await admin('/api/admin/employees', { method: 'POST', body: { name: '', phone: '12345' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('phone: must be a mainland mobile number');
    expect((await fetch(`${t.baseUrl}/api/admin/employees`)).status).toBe(401);
    expect((await admin('/api/admin/employees/abc')).status).toBe(400);
  });

  it('imports GBK CSV from Excel, skipping the header', async () => {
    const report = await importCsv(GBK_CSV);
    expect(report.status).toBe(200);
    expect(report.body).toEqual({
      created: 1,
      updated: 0,
      rejected: 0,
      encoding: 'gbk',
      rows: [],
    });
    expect((await admin('/api/admin/employees?q=张三')).body.items[0]).toMatchObject({ phone: '13800000001', department: '研发部' });
  });

  it('reports every rejected row with its line and reason, and imports the rest', async () => {
    const csv = [
      'name,phone,department',
      '王五,139-0000-0001,市场部',
      ',13900000002,市场部',
      '赵六,1390000,市场部',
      '',
      '孙七,13900000001,市场部',
      '张三,13800000001,行政部',
    ].join('\r\n');
    const report = await importCsv(csv);
    expect(report.body).toMatchObject({ created: 1, updated: 1, rejected: 3, encoding: 'utf-8' });
    expect(report.body.rows).toEqual([
      { line: 3, name: '', phone: '13900000002', reason: 'name is empty' },
      { line: 4, name: '赵六', phone: '1390000', reason: 'phone must be a mainland mobile number (11 digits starting with 1)' },
      { line: 6, name: '孙七', phone: '13900000001', reason: 'this phone appears earlier in the file' },
    ]);
    expect((await admin('/api/admin/employees?q=张三')).body.items[0].department).toBe('行政部');
  });

  it('imports a large file in batches, and a file broken near its end imports nothing', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `导入员工${i},135${String(i).padStart(8, '0')},部门${i % 7}`);
    const brokenAtEnd = await importCsv(['name,phone,department', ...lines, '"unterminated,13999999999'].join('\n'));
    expect(brokenAtEnd.status).toBe(400);
    expect((await admin('/api/admin/employees?q=导入员工')).body.total).toBe(0);
    const report = await importCsv(['name,phone,department', ...lines, '导入员工0,13500000000,改部门'].join('\n'));
    expect(report.body).toMatchObject({ created: 3000, updated: 0, rejected: 1, rows: [{ line: 3002, reason: 'this phone appears earlier in the file' }] });
    const again = await importCsv(['name,phone,department', ...lines.slice(0, 1200)].join('\n'));
    expect(again.body).toMatchObject({ created: 0, updated: 1200, rejected: 0 });
    expect((await admin('/api/admin/employees?q=导入员工')).body.total).toBe(3000);
  });

  it('refuses an import without a file or with broken CSV', async () => {
    const none = await fetch(`${t.baseUrl}/api/admin/employees/import`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: new FormData() });
    expect(none.status).toBe(400);
    const broken = await importCsv('name,phone\n"unterminated,13900000009\n');
    expect(broken.status).toBe(400);
    expect(broken.body.detail).toContain('not CSV');
  });
});
