import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { adminLogin, register, startTestAppWithWechat, WechatTestApp, wechatLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { onPostgres } from '../support/test-database-server';
import { sql } from '../support/test-sql';

/**
 * The database server restarts while requests come in. A restart ends every connection of the
 * app (pg_terminate_backend does just that, without taking the server away from the tests that
 * share it): requests in flight fail in their envelope, nothing they began stays half-written,
 * and the next requests find new connections by themselves.
 */
(onPostgres() ? describe : describe.skip)('a database restart under load (PostgreSQL, e2e)', () => {
  let t: WechatTestApp;
  let locker: Client;

  beforeAll(async () => {
    t = await startTestAppWithWechat();
    const { host, username: user, name: database } = t.configuration.database;
    locker = new Client({ host, port: t.configuration.database.serverPort(), user, database });
    await locker.connect();
  });

  afterAll(async () => {
    await locker.end().catch(() => undefined);
    await t.close();
  });

  const endAppConnections = () =>
    locker.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');

  it('fails the requests in flight in their envelope, keeps nothing half-written, and answers again at once', async () => {
    const client = new FormClient(t.baseUrl);
    const admin = await adminLogin(client);
    const user = await wechatLogin(client, t.wechat, { openId: 'o-restart' });
    const counts = async () => (await sql(t.app.get(DataSource), 'SELECT (SELECT COUNT(*) FROM face_registration) AS rows, (SELECT SUM(total) FROM face_registration_tally) AS tallied, (SELECT COUNT(*) FROM event_outbox) AS events'))[0];
    const before = await counts();

    // The outbox is held, so a registration stops half-way through its transaction, and so is the
    // list, so a read waits: both are in flight when the connections end.
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE event_outbox, face_registration, face_registration_tally IN ACCESS EXCLUSIVE MODE');
    const started = Date.now();
    const listing = client.post('/SkyFaceRegister/getfaces.do', { accessToken: admin });
    const registering = register(client, user, { name: '断线', telNo: '13500001234' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await endAppConnections();
    await locker.query('ROLLBACK');

    const [listed, registered] = await Promise.all([listing, registering]);
    expect(Date.now() - started).toBeLessThan(15_000);
    for (const answer of [listed, registered]) expect(answer).toMatchObject({ result_code: -5, result_msg: expect.stringContaining('database') });
    expect(await counts()).toEqual(before);

    // The pool replaces the connections it lost: the next requests just work.
    expect(await client.post('/SkyFaceRegister/getfaces.do', { accessToken: admin })).toMatchObject({ result_code: 0 });
    expect(await register(client, user, { name: '断线', telNo: '13500001234' })).toMatchObject({ result_code: 0 });
    const after = await counts();
    expect(after.rows).toBe(before.rows + 1);
    expect(after.tallied).toBe(after.rows);
  });

  it('answers 503 with Retry-After while the server takes no connections, and recovers when it does', async () => {
    const client = new FormClient(t.baseUrl);
    const admin = await adminLogin(client);
    const list = () => fetch(`${t.baseUrl}/api/admin/registrations`, { headers: { authorization: `Bearer ${admin}` } });
    const { host, username: user, name } = t.configuration.database;
    // A database's own connections cannot close it: the server's maintenance database can.
    const server = new Client({ host, port: t.configuration.database.serverPort(), user, database: 'postgres' });
    await server.connect();
    await server.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
    try {
      await endAppConnections();
      const refused = await list();
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('5');
      expect(await refused.json()).toMatchObject({ detail: expect.stringContaining('database does not answer') });
    } finally {
      await server.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
      await server.end();
    }
    expect((await list()).status).toBe(200);
  });
});
