import { IsBoolean, IsInt, IsOptional, IsString, Max, Min, Validate } from 'class-validator';
import { SITE_NETWORKS } from '../common/network/network-list';
import { IsNetworkList } from './network-list.validator';
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

  /**
   * Authorisation (PUT /v1/auth/{id}) and invitations need the interviewee's weixinUserId. The
   * V1.0.6 H5 pages do not send it, so this is off by default; turn it on once the site's page does.
   */
  @Env('VISITOR_AUTH_REQUIRE_WEIXIN_ID')
  @IsBoolean()
  authRequireWeixinId = false;

  /** Requests one client address may make to the visitor H5 routes and the kiosk in a minute. */
  @Env('VISITOR_REQUESTS_PER_ADDRESS_PER_MINUTE')
  @IsInt()
  @Min(1)
  @Max(100_000)
  requestsPerAddressPerMinute = 120;

  /** Requests about one phone, one name + phone or one weixinUserId in an hour, from anywhere. */
  @Env('VISITOR_REQUESTS_PER_TARGET_PER_HOUR')
  @IsInt()
  @Min(1)
  @Max(100_000)
  requestsPerTargetPerHour = 60;

  /** Employee binding attempts one address may make in an hour; a failed one counts twice. */
  @Env('VISITOR_BINDINGS_PER_ADDRESS_PER_HOUR')
  @IsInt()
  @Min(1)
  @Max(100_000)
  bindingsPerAddressPerHour = 20;

  /** Visitors' photos are erased this many days after their visit ended. */
  @Env('VISITOR_PHOTO_RETENTION_DAYS')
  @IsInt()
  @Min(0)
  @Max(3650)
  photoRetentionDays = 7;

  /** Where the sign-in kiosks are (addresses and CIDR ranges): the site's own network unless a site says otherwise. */
  @Env('VISITOR_KIOSK_NETWORKS')
  @Validate(IsNetworkList)
  kioskNetworks = SITE_NETWORKS;

  /** Where the gates that check QR codes are. */
  @Env('VISITOR_GATE_NETWORKS')
  @Validate(IsNetworkList)
  gateNetworks = SITE_NETWORKS;

  /** QR checks one gate may make in a minute. */
  @Env('VISITOR_GATE_CHECKS_PER_ADDRESS_PER_MINUTE')
  @IsInt()
  @Min(1)
  @Max(100_000)
  gateChecksPerAddressPerMinute = 600;

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
