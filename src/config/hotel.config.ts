import { IsBoolean, IsInt, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';
import { Env } from './env.decorator';

/** The hotel mini-program's API: captchas, real-name records, district look-up. */
export class HotelConfig {
  /** Template of the SMS captcha (its parameter is `code`). */
  @Env('SMS_CAPTCHA_TEMPLATE')
  @IsOptional()
  @IsString()
  smsCaptchaTemplate?: string;

  @Env('CAPTCHA_SMS_PER_ADDRESS_PER_HOUR')
  @IsInt()
  @Min(1)
  @Max(100_000)
  smsPerAddressPerHour = 30;

  @Env('CAPTCHA_IMAGE_PER_ADDRESS_PER_MINUTE')
  @IsInt()
  @Min(1)
  @Max(100_000)
  imagePerAddressPerMinute = 30;

  /**
   * Also refuse a real-name record whose gender or birthday disagrees with its ID number. Stricter
   * than the original API, whose clients may send such records: off by default.
   */
  @Env('REAL_NAME_CHECK_CONSISTENCY')
  @IsBoolean()
  realNameCheckConsistency = false;

  @Env('AMAP_API_BASE')
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  amapApiBase = 'https://restapi.amap.com';

  @Env('AMAP_KEY', { secret: true })
  @IsOptional()
  @IsString()
  amapKey?: string;

  @Env('AMAP_TIMEOUT_MS')
  @IsInt()
  @Min(100)
  @Max(60000)
  amapTimeoutMs = 5000;
}
