import { Injectable } from '@nestjs/common';
import { UpstreamError } from '../../common/errors/domain-errors';
import { fetchJson } from '../../common/messaging/outbound-failure';
import { STALE_TOKEN, WechatAccessTokens, WechatApp } from '../../common/wechat/wechat-access-tokens';
import { WechatConfig } from '../../config/wechat.config';

/** What `getinfo` tells of a finished face check. */
export interface FaceIdentityInfo {
  errcode: number;
  errmsg?: string;
  identify_ret?: number;
  identify_time?: number;
  openid?: string;
  user_id_key?: string;
  finish_time?: number;
  id_card_number_md5?: string;
  name_utf8_md5?: string;
}

/** WeChat refused a call; `errmsg` is WeChat's, for the person to read. */
export class WechatRefusedError extends UpstreamError {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`WeChat answered ${errcode} ${errmsg}`.trim());
  }
}

/** WeChat face identity (cityservice/face/identify) with the mini-program's access token. */
@Injectable()
export class WechatFaceIdentityClient {
  constructor(
    private readonly wechat: WechatConfig,
    private readonly tokens: WechatAccessTokens,
  ) {}

  get configured(): boolean {
    return this.wechat.configured;
  }

  /** A key that stands for this name and ID number in the face check (`wx.startFacialRecognitionVerify`). */
  async userIdKey(name: string, idCardNumber: string): Promise<{ userIdKey: string; expiresIn: number }> {
    const answer = await this.call<{ user_id_key?: string; expires_in?: number }>('getuseridkey', { name, id_card_number: idCardNumber });
    if (!answer.user_id_key) throw new UpstreamError('WeChat getuseridkey answered without user_id_key');
    return { userIdKey: answer.user_id_key, expiresIn: Number(answer.expires_in ?? 7200) };
  }

  /** What became of the face check whose `verify_result` the mini-program got. */
  info(verifyResult: string): Promise<FaceIdentityInfo> {
    return this.call<FaceIdentityInfo>('getinfo', { verify_result: verifyResult });
  }

  private async call<T extends object>(name: string, body: object): Promise<T & { errcode: number; errmsg?: string }> {
    const app: WechatApp = { appId: this.wechat.appId!, secret: this.wechat.secret!, label: 'mini-program' };
    for (let attempt = 0; ; attempt++) {
      const token = await this.tokens.get(app).catch((error: Error) => {
        throw new UpstreamError(error.message);
      });
      const target = new URL(`${this.wechat.baseUrl}/cityservice/face/identify/${name}`);
      target.searchParams.set('access_token', token);
      const { body: answer } = await fetchJson<T & { errcode?: number; errmsg?: string }>(
        `WeChat face identify/${name}`,
        target,
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
        this.wechat.timeoutMs,
      ).catch((error: Error) => {
        throw new UpstreamError(error.message);
      });
      const errcode = Number(answer.errcode ?? 0);
      if (STALE_TOKEN.has(errcode) && attempt === 0) {
        this.tokens.invalidate(app, token);
        continue;
      }
      if (errcode !== 0 && name !== 'getinfo') throw new WechatRefusedError(errcode, answer.errmsg ?? '');
      return { ...answer, errcode };
    }
  }
}
