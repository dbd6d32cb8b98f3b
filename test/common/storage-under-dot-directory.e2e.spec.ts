import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminLogin, register, startTestAppWithWechat, WechatTestApp, wechatLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { adminApi } from '../support/gateway-flows';
import { jpegPhoto } from '../support/images';

/** Found by the console bench: a storage directory under a dot directory (~/.facegate, bench/.work) served no photo. */
describe('a storage directory under a dot directory (e2e)', () => {
  let t: WechatTestApp;

  beforeAll(async () => {
    t = await startTestAppWithWechat({ STORAGE_DIR: join(await mkdtemp(join(tmpdir(), 'facegate-')), '.facegate', 'storage') });
  });
  afterAll(() => t.close());

  it('serves the signed photo links it hands out, and still refuses dot segments in the key', async () => {
    const client = new FormClient(t.baseUrl);
    await register(client, await wechatLogin(client, t.wechat, { openId: 'o-dot' }), { name: '点目录', telNo: '13900000888' }, await jpegPhoto(300, 400));
    const { body } = await adminApi(t, await adminLogin(client))('/api/admin/registrations');
    const photo = await fetch(body.items[0].imgUrl);
    expect([photo.status, photo.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
    const sneaky = new URL(body.items[0].imgUrl);
    sneaky.pathname = '/files/.hidden/x.jpg';
    expect((await fetch(sneaky)).status).not.toBe(200);
  });
});
