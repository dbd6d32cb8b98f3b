import { IsIn, IsInt, IsUrl, Max, Min, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { Env } from './env.decorator';

@ValidatorConstraint({ name: 'timeZone' })
class IsTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: String(value) });
      return true;
    } catch {
      return false;
    }
  }

  defaultMessage(): string {
    return 'must be an IANA time zone such as Asia/Shanghai';
  }
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export class AppConfig {
  @Env('NODE_ENV')
  @IsIn(['development', 'production', 'test'])
  nodeEnv = 'development';

  @Env('PORT')
  @IsInt()
  @Min(0)
  @Max(65535)
  port = 3000;

  /** Prefix of every URL the service hands out (photo URLs, QR images); defaults to http://localhost:PORT. */
  @Env('PUBLIC_BASE_URL')
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  publicBaseUrl = 'http://localhost:3000';

  @Env('LOG_LEVEL')
  @IsIn(LOG_LEVELS)
  logLevel: (typeof LOG_LEVELS)[number] = 'info';

  /** Wall-clock zone of the site: Java-style dates, "today" for visits. */
  @Env('SITE_TIMEZONE')
  @Validate(IsTimeZone)
  siteTimezone = 'Asia/Shanghai';

  get production(): boolean {
    return this.nodeEnv === 'production';
  }

  /** PUBLIC_BASE_URL without a trailing slash, ready for `${base}/path`. */
  get baseUrl(): string {
    return this.publicBaseUrl.replace(/\/+$/, '');
  }
}
