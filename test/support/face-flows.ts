import { FAKE_APPID, FAKE_SECRET, FakeWechatApi, MiniProgramUser } from '../fakes/fake-wechat-api';
import { FormClient } from './form-client';
import { jpegPhoto } from './images';
import { ADMIN, Override, startTestApp, TestApp } from './test-app';

/** Logs a mini-program user in through the fake WeChat API; returns the access token. */
export async function wechatLogin(client: FormClient, wechat: FakeWechatApi, user: MiniProgramUser): Promise<string> {
  const answer = await client.post<{ accessToken: string }>('/SkyFaceRegister/wxlogin.do', wechat.login(user));
  if (answer.result_code !== 0) throw new Error(`wxlogin.do failed: ${answer.result_msg}`);
  return answer.result_data!.accessToken;
}

export async function adminLogin(client: FormClient, credentials = ADMIN): Promise<string> {
  const answer = await client.post<{ accessToken: string }>('/SkyFaceRegister/login.do', credentials);
  if (answer.result_code !== 0) throw new Error(`login.do failed: ${answer.result_msg}`);
  return answer.result_data!.accessToken;
}

export async function register(
  client: FormClient,
  accessToken: string,
  fields: { name: string; telNo: string; cardId?: string },
  photo?: Buffer,
) {
  return client.multipart<{ imgUrl: string }>('/SkyFaceRegister/register.do', { accessToken, ...fields }, [
    { field: 'fileStream', content: photo ?? (await jpegPhoto()) },
  ]);
}

export type WechatTestApp = TestApp & { wechat: FakeWechatApi };

/** The whole app with a fake WeChat API on loopback, configured as the mini-program's backend. */
export async function startTestAppWithWechat(env: Record<string, string> = {}, reuseDir?: string, override?: Override): Promise<WechatTestApp> {
  const wechat = new FakeWechatApi();
  const wechatBase = await wechat.start();
  const app = await startTestApp({ WECHAT_API_BASE: wechatBase, WECHAT_APPID: FAKE_APPID, WECHAT_SECRET: FAKE_SECRET, ...env }, reuseDir, override);
  return {
    ...app,
    wechat,
    close: async () => {
      await app.close();
      await wechat.stop();
    },
  };
}
