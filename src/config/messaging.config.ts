import { IsIn, IsInt, IsNotEmpty, IsUrl, Max, Min, ValidateIf } from 'class-validator';
import { Env } from './env.decorator';

/** Messages to people outside: SMS (visitor notifications, captchas) and the timeout of calls to their providers. */
export class MessagingConfig {
  /** SMS sender: `log` only records the messages; `aliyun` sends them through Aliyun SMS. */
  @Env('SMS_PROVIDER')
  @IsIn(['log', 'aliyun'])
  smsProvider: 'log' | 'aliyun' = 'log';

  @Env('SMS_API_BASE')
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  smsApiBase = 'https://dysmsapi.aliyuncs.com';

  @Env('SMS_ACCESS_KEY_ID')
  @ValidateIf((c: MessagingConfig) => c.smsProvider === 'aliyun')
  @IsNotEmpty({ message: 'SMS_ACCESS_KEY_ID is required when SMS_PROVIDER=aliyun' })
  smsAccessKeyId?: string;

  @Env('SMS_ACCESS_KEY_SECRET', { secret: true })
  @ValidateIf((c: MessagingConfig) => c.smsProvider === 'aliyun')
  @IsNotEmpty({ message: 'SMS_ACCESS_KEY_SECRET is required when SMS_PROVIDER=aliyun' })
  smsAccessKeySecret?: string;

  @Env('SMS_SIGN_NAME')
  @ValidateIf((c: MessagingConfig) => c.smsProvider === 'aliyun')
  @IsNotEmpty({ message: 'SMS_SIGN_NAME is required when SMS_PROVIDER=aliyun' })
  smsSignName?: string;

  /** Timeout of one call to WeChat or the SMS provider when sending a message. */
  @Env('NOTIFY_TIMEOUT_MS')
  @IsInt()
  @Min(100)
  @Max(60000)
  notifyTimeoutMs = 5000;
}
