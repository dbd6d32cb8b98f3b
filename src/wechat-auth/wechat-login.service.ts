import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { IssuedToken, TokenService } from '../common/auth/token.service';
import { Clock } from '../common/clock/clock';
import { UndecryptableError } from '../common/errors/domain-errors';
import { WechatConfig } from '../config/wechat.config';
import { isUniqueViolation } from '../database/unique-violation';
import { WechatApi } from './wechat-api.client';
import { decryptUserInfo, WechatUserInfo } from './wechat-user-info.decryptor';
import { WechatUser } from './wechat-user.entity';
import { SINGLE_STATEMENT } from '../database/unit-of-work';

export interface WechatLoginRequest {
  code: string;
  encryptedData: string;
  iv: string;
}

function clip(value: string | undefined, length: number): string | null {
  return value ? value.slice(0, length) : null;
}

/** Mini-program login: code → session key → decrypted user info → stored user → access token. */
@Injectable()
export class WechatLoginService {
  private readonly logger = new Logger(WechatLoginService.name);

  constructor(
    @InjectRepository(WechatUser) private readonly users: Repository<WechatUser>,
    private readonly wechat: WechatApi,
    private readonly tokens: TokenService,
    private readonly config: WechatConfig,
    private readonly clock: Clock,
  ) {}

  async login(request: WechatLoginRequest): Promise<IssuedToken> {
    const session = await this.wechat.code2Session(request.code);
    const info = decryptUserInfo(request.encryptedData, request.iv, session.sessionKey, this.config.appId!);
    if (info.openId && info.openId !== session.openId) {
      throw new UndecryptableError('encryptedData belongs to another WeChat user');
    }
    const user = await this.remember(session.openId, session.unionId ?? info.unionId, info);
    this.logger.log(`WeChat user #${user.id} logged in`);
    return this.tokens.issue('wechat', user.openId, user.nickname);
  }

  private async remember(openId: string, unionId: string | undefined, info: WechatUserInfo): Promise<WechatUser> {
    const now = this.clock.now();
    const profile = {
      unionId: clip(unionId, 200),
      nickname: clip(info.nickName, 100),
      avatarUrl: clip(info.avatarUrl, 500),
      lastLoginAt: now,
    };
    const existing = await this.users.findOneBy({ openId });
    if (existing) return this.users.save(Object.assign(existing, profile), SINGLE_STATEMENT);
    try {
      return await this.users.save(this.users.create({ openId, createdAt: now, ...profile }), SINGLE_STATEMENT);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const concurrent = await this.users.findOneByOrFail({ openId });
      return this.users.save(Object.assign(concurrent, profile), SINGLE_STATEMENT);
    }
  }
}
