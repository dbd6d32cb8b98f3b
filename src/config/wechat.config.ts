import { IsInt, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';
import { Env } from './env.decorator';

export class WechatConfig {
  @Env('WECHAT_API_BASE')
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  apiBase = 'https://api.weixin.qq.com';

  @Env('WECHAT_APPID')
  @IsOptional()
  @IsString()
  appId?: string;

  @Env('WECHAT_SECRET', { secret: true })
  @IsOptional()
  @IsString()
  secret?: string;

  @Env('WECHAT_TIMEOUT_MS')
  @IsInt()
  @Min(100)
  @Max(60000)
  timeoutMs = 5000;

  get configured(): boolean {
    return Boolean(this.appId && this.secret);
  }

  get baseUrl(): string {
    return this.apiBase.replace(/\/+$/, '');
  }
}
