
import { TerminalSimulator } from '../fakes/terminal-simulator';
import { adminLogin, register, startTestAppWithWechat, wechatLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { addTerminal, adminApi, eventually, settle } from '../support/gateway-flows';
import { removeTestDir } from '../support/test-database-server';

/** Provisioning is a durable outbox: what an app had to do when it stopped, the next one does. */
describe('provisioning across a restart (e2e)', () => {
  it('finishes after a restart what the stopped app could not deliver', async () => {
    const sim = await new TerminalSimulator().start();
    const first = await startTestAppWithWechat();
    const dir = first.dir;
    let second: Awaited<ReturnType<typeof startTestAppWithWechat>> | undefined;
    try {
      const client = new FormClient(first.baseUrl);
      const admin = await adminLogin(client);
      await addTerminal(adminApi(first, admin), sim, 'Restarted gate');
      await sim.goOffline();
      const token = await wechatLogin(client, first.wechat, { openId: 'o-restart' });
      await register(client, token, { name: 'Survivor', telNo: '13300001111' });
      const id = (await client.post<any>('/SkyFaceRegister/getfaces.do', { accessToken: token })).result_data.dataList[0].id;
      await client.post('/SkyFaceRegister/approve.do', { accessToken: admin, ids: String(id), isPass: 1 });
      await settle(first);
      expect(sim.users.size).toBe(0);
      await first.app.close();

      await sim.goOnline();
      second = await startTestAppWithWechat({}, dir);
      await eventually(() => expect(sim.users.has(`FR${id}`)).toBe(true));
      const nextClient = new FormClient(second.baseUrl);
      const nextAdmin = await adminLogin(nextClient);
      await settle(second);
      const rows = await nextClient.post<any>('/SkyFaceRegister/getfaces.do', { accessToken: nextAdmin });
      expect(rows.result_data.dataList[0]).toMatchObject({ id, state: 2 });
    } finally {
      await second?.close();
      await first.wechat.stop();
      await removeTestDir(dir);
      await sim.stop();
    }
  });
});
