import { Global, Module } from '@nestjs/common';
import { MessagingConfig } from '../config/messaging.config';
import { SecretsConfig } from '../config/secrets.config';
import { Clock } from './clock/clock';
import { SiteTime } from './clock/site-time';
import { PasswordHasher } from './crypto/password-hasher';
import { SecretBox, secretBoxOf } from './crypto/secret-box';
import { AliyunSmsSender } from './messaging/aliyun-sms.sender';
import { LogSmsSender } from './messaging/log-sms.sender';
import { SmsSender } from './messaging/sms.sender';
import { FileStorage } from './storage/file-storage';
import { PhotoLinks } from './storage/photo-links';
import { WechatAccessTokens } from './wechat/wechat-access-tokens';

/** The SMS provider of SMS_PROVIDER. */
const smsSender = {
  provide: SmsSender,
  inject: [MessagingConfig, Clock],
  useFactory: (config: MessagingConfig, clock: Clock): SmsSender => (config.smsProvider === 'aliyun' ? new AliyunSmsSender(config, clock) : new LogSmsSender()),
};

/** Ports and helpers every feature module may use. */
@Global()
@Module({
  providers: [Clock, SiteTime, PasswordHasher, FileStorage, PhotoLinks, { provide: SecretBox, inject: [SecretsConfig], useFactory: secretBoxOf }, smsSender, WechatAccessTokens],
  exports: [Clock, SiteTime, PasswordHasher, FileStorage, SecretBox, SmsSender, WechatAccessTokens],
})
export class CommonModule {}
