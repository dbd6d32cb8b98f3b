import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { adminLogin, register, startTestAppWithWechat, WechatTestApp, wechatLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';

describe('face photos behind signed links (e2e)', () => {
  let t: WechatTestApp;
  let imgUrl: string;

  beforeAll(async () => {
    t = await startTestAppWithWechat({ PHOTO_LINK_TTL_SECONDS: '3600' });
    const client = new FormClient(t.baseUrl);
    const token = await wechatLogin(client, t.wechat, { openId: 'o-links' });
    imgUrl = (await register(client, token, { name: '链接', telNo: '13900000077' })).result_data!.imgUrl;
  });
  afterAll(() => t.close());

  it('serves a photo through the link handed out, and the desktop tool\'s listing hands out working links too', async () => {
    expect(imgUrl).toMatch(/\?expires=\d+&sig=[0-9a-f]{64}$/);
    const photo = await fetch(imgUrl);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    const client = new FormClient(t.baseUrl);
    const listing = await client.post<any>('/SkyFaceRegister/getfaces.do', { accessToken: await adminLogin(client) });
    expect((await fetch(listing.result_data.dataList[0].imgUrl)).status).toBe(200);
  });

  it('refuses the bare URL, a forged signature, another file\'s signature and an expired link', async () => {
    const [bare, query] = imgUrl.split('?');
    const refusal = async (url: string) => {
      const response = await fetch(url);
      return { status: response.status, detail: ((await response.json()) as { detail: string }).detail };
    };
    expect(await refusal(bare)).toEqual({ status: 403, detail: expect.stringContaining('only through the signed link') });
    expect(await refusal(`${bare}?${query.replace(/sig=./, 'sig=0')}`)).toEqual({ status: 403, detail: expect.stringContaining('not one FaceGate handed out') });
    expect(await refusal(`${bare.replace(/[0-9a-f]{8}-/, '00000000-')}?${query}`)).toMatchObject({ status: 403 });
    t.clock.advance(3 * 3600_000);
    expect(await refusal(imgUrl)).toEqual({ status: 403, detail: expect.stringContaining('expired') });
    t.clock.advance(-3 * 3600_000);
  });

  it('never follows a symbolic link placed in the storage directory', async () => {
    const qrcodes = join(t.dir, 'storage', 'public', 'qrcodes');
    await mkdir(qrcodes, { recursive: true });
    await writeFile(join(qrcodes, 'real.png'), 'png');
    await symlink('/etc/hostname', join(qrcodes, 'escape.png'));
    await symlink(join(qrcodes, 'real.png'), join(qrcodes, 'alias.png'));
    await symlink('/etc', join(t.dir, 'storage', 'public', 'etc'));
    expect((await fetch(`${t.baseUrl}/files/qrcodes/real.png`)).status).toBe(200);
    for (const path of ['/files/qrcodes/escape.png', '/files/qrcodes/alias.png', '/files/etc/hostname', '/files/%2e%2e/facegate.sqlite']) {
      expect({ path, status: (await fetch(`${t.baseUrl}${path}`)).status }).toEqual({ path, status: 404 });
    }
  });
});
