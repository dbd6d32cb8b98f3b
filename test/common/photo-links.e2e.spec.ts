import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSecretKey, SecretBox } from '../../src/common/crypto/secret-box';
import { PUBLIC_DEVELOPMENT_DATA_KEY } from '../../src/config/configuration';
import { adminLogin, register, startTestAppWithWechat, WechatTestApp, wechatLogin } from '../support/face-flows';
import { FormClient } from '../support/form-client';
import { removeTestDir } from '../support/test-database-server';

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
    const forged = query.replace(/sig=(.)/, (_, first: string) => `sig=${first === '0' ? '1' : '0'}`);
    expect(forged).not.toBe(query);
    expect(await refusal(`${bare}?${forged}`)).toEqual({ status: 403, detail: expect.stringContaining('not one FaceGate handed out') });
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

describe('a machine without JWT_SECRET and DATA_SECRET_KEY (e2e)', () => {
  it('keeps secrets of its own: a link signed with the public development key is refused, and sessions survive a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'facegate-own-secrets-'));
    const first = await startTestAppWithWechat({ JWT_SECRET: '' }, dir);
    let imgUrl: string;
    let adminToken: string;
    try {
      const client = new FormClient(first.baseUrl);
      adminToken = await adminLogin(client);
      imgUrl = (await register(client, await wechatLogin(client, first.wechat, { openId: 'o-own' }), { name: '自钥', telNo: '13900000078' })).result_data!.imgUrl;
      expect((await fetch(imgUrl)).status).toBe(200);
      // A ten-year link signed as anyone who has read the source could sign it.
      const path = new URL(imgUrl).pathname;
      const expires = String(Math.floor(Date.now() / 1000) + 10 * 365 * 86400);
      const signWith = (key: string) => new SecretBox(parseSecretKey(key)).lookupHash('photo-link', `${path.replace(/^\/files\//, '')}:${expires}`);
      const refused = await fetch(`${first.baseUrl}${path}?expires=${expires}&sig=${signWith(PUBLIC_DEVELOPMENT_DATA_KEY)}`);
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain('not one FaceGate handed out');
      // The same forgery with the machine's own key (which only its owner can read) would pass.
      const own = JSON.parse(await readFile(join(dir, 'storage', 'secrets.json'), 'utf8')) as { dataSecretKey: string };
      expect((await fetch(`${first.baseUrl}${path}?expires=${expires}&sig=${signWith(own.dataSecretKey)}`)).status).toBe(200);
    } finally {
      await first.close();
    }
    const second = await startTestAppWithWechat({ JWT_SECRET: '' }, dir);
    try {
      const listing = await new FormClient(second.baseUrl).post<any>('/SkyFaceRegister/getfaces.do', { accessToken: adminToken });
      expect(listing.result_code).toBe(0);
      expect((await fetch(imgUrl.replace(first.baseUrl, second.baseUrl))).status).toBe(200);
    } finally {
      await second.close();
      await removeTestDir(dir);
    }
  });
});
