import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, Max, Min, ValidateIf } from 'class-validator';
import { Env } from './env.decorator';

export class VisitorConfig {
  /** How far in the past a visit may start when applied for (clocks of phones differ). */
  @Env('VISIT_START_TOLERANCE_SECONDS')
  @IsInt()
  @Min(0)
  @Max(86400)
  startToleranceSeconds = 300;

  /** SMS sender: `log` only records the messages; `aliyun` sends them through Aliyun SMS. */
  @Env('SMS_PROVIDER')
  @IsIn(['log', 'aliyun'])
  smsProvider: 'log' | 'aliyun' = 'log';

  @Env('SMS_API_BASE')
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  smsApiBase = 'https://dysmsapi.aliyuncs.com';

  @Env('SMS_ACCESS_KEY_ID')
  @ValidateIf((c: VisitorConfig) => c.smsProvider === 'aliyun')
  @IsNotEmpty({ message: 'SMS_ACCESS_KEY_ID is required when SMS_PROVIDER=aliyun' })
  smsAccessKeyId?: string;

  @Env('SMS_ACCESS_KEY_SECRET', { secret: true })
  @ValidateIf((c: VisitorConfig) => c.smsProvider === 'aliyun')
  @IsNotEmpty({ message: 'SMS_ACCESS_KEY_SECRET is required when SMS_PROVIDER=aliyun' })
  smsAccessKeySecret?: string;

  @Env('SMS_SIGN_NAME')
  @ValidateIf((c: VisitorConfig) => c.smsProvider === 'aliyun')
  @IsNotEmpty({ message: 'SMS_SIGN_NAME is required when SMS_PROVIDER=aliyun' })
  smsSignName?: string;

  /** The WeChat official account that sends template messages (its H5 pages host the visitor flow). */
  @Env('WECHAT_OA_APPID')
  @IsOptional()
  @IsString()
  wechatOaAppId?: string;

  @Env('WECHAT_OA_SECRET', { secret: true })
  @IsOptional()
  @IsString()
  wechatOaSecret?: string;

  /** Attempts of a notification before it is given up as failed. */
  @Env('NOTIFY_MAX_ATTEMPTS')
  @IsInt()
  @Min(1)
  @Max(100)
  notifyMaxAttempts = 8;

  @Env('NOTIFY_TIMEOUT_MS')
  @IsInt()
  @Min(100)
  @Max(60000)
  notifyTimeoutMs = 5000;

  get wechatConfigured(): boolean {
    return Boolean(this.wechatOaAppId && this.wechatOaSecret);
  }
}
