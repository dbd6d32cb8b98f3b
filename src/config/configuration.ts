import { randomBytes } from 'node:crypto';
import { AppConfig } from './app.config';
import { AuthConfig } from './auth.config';
import { ConfigurationError, Environment, readConfig } from './config-loader';
import { DatabaseConfig } from './database.config';
import { OutboxConfig } from './outbox.config';
import { StorageConfig } from './storage.config';
import { WechatConfig } from './wechat.config';

/** Every configuration class; each property bound with @Env is one environment variable. */
export const CONFIG_AREAS = [AppConfig, DatabaseConfig, AuthConfig, StorageConfig, WechatConfig, OutboxConfig];

export class Configuration {
  constructor(
    readonly app: AppConfig,
    readonly database: DatabaseConfig,
    readonly auth: AuthConfig,
    readonly storage: StorageConfig,
    readonly wechat: WechatConfig,
    readonly outbox: OutboxConfig,
    /** Things worth a warning at start-up; logged once the logger exists. */
    readonly warnings: string[],
  ) {}
}

/** Reads and validates the whole configuration once; throws ConfigurationError listing every problem. */
export function loadConfiguration(env: Environment = process.env): Configuration {
  const areas = {
    app: readConfig(AppConfig, env),
    database: readConfig(DatabaseConfig, env),
    auth: readConfig(AuthConfig, env),
    storage: readConfig(StorageConfig, env),
    wechat: readConfig(WechatConfig, env),
    outbox: readConfig(OutboxConfig, env),
  };
  const problems = Object.values(areas).flatMap((area) => area.problems);
  const warnings: string[] = [];
  const app = areas.app.value;
  const auth = areas.auth.value;

  if (!env.PUBLIC_BASE_URL?.trim()) app.publicBaseUrl = `http://localhost:${app.port}`;
  if (!auth.jwtSecret) {
    if (app.production) {
      problems.push('JWT_SECRET: is required when NODE_ENV=production');
    } else {
      auth.jwtSecret = randomBytes(32).toString('hex');
      warnings.push('JWT_SECRET is not set: using a random secret, so tokens do not survive a restart');
    }
  }
  if (!areas.wechat.value.configured) {
    warnings.push('WECHAT_APPID / WECHAT_SECRET are not set: wxlogin.do answers -6 until they are');
  }
  if (problems.length > 0) throw new ConfigurationError(problems);

  return new Configuration(
    app,
    areas.database.value,
    auth,
    areas.storage.value,
    areas.wechat.value,
    areas.outbox.value,
    warnings,
  );
}
