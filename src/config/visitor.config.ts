import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { Env } from './env.decorator';

export class VisitorConfig {
  /** How far in the past a visit may start when applied for (clocks of phones differ). */
  @Env('VISIT_START_TOLERANCE_SECONDS')
  @IsInt()
  @Min(0)
  @Max(86400)
  startToleranceSeconds = 300;

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

  get wechatConfigured(): boolean {
    return Boolean(this.wechatOaAppId && this.wechatOaSecret);
  }
}
