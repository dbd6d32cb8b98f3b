import { IsIn, IsInt, IsString, IsUrl, Max, Min, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { NetworkList, SITE_NETWORKS } from '../common/network/network-list';
import { Env } from './env.decorator';
import { IsNetworkList } from './network-list.validator';

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

/** Each entry of CORS_ORIGINS is `*` or an origin: scheme, host and optional port, nothing after. */
const ORIGIN = /^https?:\/\/[^/\s?#]+\/?$/i;

@ValidatorConstraint({ name: 'corsOrigins' })
class IsOriginList implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && splitList(value).every((entry) => entry === '*' || ORIGIN.test(entry));
  }

  defaultMessage(): string {
    return 'must be * or a comma-separated list of origins such as https://h5.example.cn';
  }
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

@ValidatorConstraint({ name: 'trustProxy' })
class IsTrustProxy implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && (/^(true|false|\d{1,2})$/.test(value) || new IsNetworkList().validate(value));
  }

  defaultMessage(): string {
    return 'must be false, true, a number of proxy hops, or the proxies\' addresses and CIDR ranges';
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

  /** Browser origins allowed to call the API (the visitor H5 pages when served from elsewhere); empty: none. */
  @Env('CORS_ORIGINS')
  @Validate(IsOriginList)
  corsOrigins = '';

  /**
   * Whose X-Forwarded-For to believe for the client's address: `false` (the socket's address), `true`
   * (any), a number of proxy hops, or the proxies' addresses and ranges.
   */
  @Env('TRUST_PROXY')
  @Validate(IsTrustProxy)
  trustProxy = 'false';

  /** TRUST_PROXY as Express's `trust proxy` setting takes it. */
  get trustProxySetting(): boolean | number | string[] {
    if (this.trustProxy === 'false' || this.trustProxy === 'true') return this.trustProxy === 'true';
    if (/^\d+$/.test(this.trustProxy)) return Number(this.trustProxy);
    return NetworkList.of(this.trustProxy).entries;
  }

  /** Request bodies over 1 MB (photos, CSV files) read at the same time; more wait, and beyond four times as many are told to try again. */
  @Env('LARGE_UPLOADS_AT_ONCE')
  @IsInt()
  @Min(1)
  @Max(1000)
  largeUploadsAtOnce = 4;

  /** Who may scrape /metrics (addresses and CIDR ranges). */
  @Env('METRICS_NETWORKS')
  @Validate(IsNetworkList)
  metricsNetworks = SITE_NETWORKS;

  /** The built admin console (Vite's output), served at /console/. */
  @Env('CONSOLE_DIR')
  @IsString()
  consoleDir = 'console/dist';

  get production(): boolean {
    return this.nodeEnv === 'production';
  }

  /** CORS_ORIGINS as Nest's `enableCors` takes it: true for any origin, the list, or null for none. */
  get allowedOrigins(): true | string[] | null {
    const origins = splitList(this.corsOrigins);
    if (origins.includes('*')) return true;
    return origins.length > 0 ? origins.map((origin) => origin.replace(/\/+$/, '')) : null;
  }

  /** PUBLIC_BASE_URL without a trailing slash, ready for `${base}/path`. */
  get baseUrl(): string {
    return this.publicBaseUrl.replace(/\/+$/, '');
  }
}
