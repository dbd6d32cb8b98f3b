import { DataSource } from 'typeorm';
import { adminLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { adminApi } from '../support/gateway-flows';
import { startTestApp } from '../support/test-app';
import { sql } from '../support/test-sql';

describe('terminals only where terminals are (e2e)', () => {
  it('refuses hosts that are, or resolve to, addresses outside TERMINAL_ALLOWED_NETWORKS or never terminals', async () => {
    const t = await startTestApp({ TERMINAL_ALLOWED_NETWORKS: '10.0.0.0/8, 192.168.0.0/16' });
    try {
      const admin = adminApi(t, await adminLogin(new FormClient(t.baseUrl)));
      const add = (host: string) => admin('/api/admin/devices', { method: 'POST', body: { name: `t-${host}`, host, port: 8090, wsPort: 8091, password: 'pw' } });
      for (const host of ['169.254.169.254', 'localhost', '127.0.0.1', '[::1]', '::ffff:127.0.0.1', '0x7f000001', '127.1', '2130706433', '0.0.0.0', 'metadata.google.internal', '100.100.100.200']) {
        const answer = await add(host);
        expect({ host, status: answer.status }).toEqual({ host, status: 400 });
        expect(answer.body.detail).toMatch(/host|resolve|refus/);
      }
      expect(Number((await sql(t.app.get(DataSource), 'SELECT COUNT(*) AS n FROM terminal'))[0].n)).toBe(0);
      const created = await add('192.168.1.20');
      expect(created.status).toBe(201);
      expect((await admin(`/api/admin/devices/${created.body.id}`, { method: 'PATCH', body: { host: '169.254.169.254' } })).status).toBe(400);
      expect((await admin(`/api/admin/devices/${created.body.id}`)).body.host).toBe('192.168.1.20');
    } finally {
      await t.close();
    }
  });
});
