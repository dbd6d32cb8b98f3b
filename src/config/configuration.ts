import { createHash } from 'node:crypto';
import { AppConfig } from './app.config';
import { AuthConfig } from './auth.config';
import { ClusterConfig } from './cluster.config';
import { ConfigurationError, Environment, readConfig } from './config-loader';
import { DatabaseConfig } from './database.config';
import { DeviceGatewayConfig } from './device-gateway.config';
import { FaceConfig } from './face.config';
import { localSecrets } from './local-secrets';
import { SecretsConfig } from './secrets.config';
import { HotelConfig } from './hotel.config';
import { MessagingConfig } from './messaging.config';
import { VisitorConfig } from './visitor.config';
import { OutboxConfig } from './outbox.config';
import { StorageConfig } from './storage.config';
import { WechatConfig } from './wechat.config';

/**
 * Known to everyone who reads this file. Machines without DATA_SECRET_KEY sealed with it before they
 * kept a key of their own, so it still opens what they sealed; it signs and verifies nothing.
 */
export const PUBLIC_DEVELOPMENT_DATA_KEY = createHash('sha256').update('facegate development data key').digest('hex');

/** Every configuration class; each property bound with @Env is one environment variable. */
export const CONFIG_AREAS = [
  AppConfig,
  DatabaseConfig,
  AuthConfig,
  SecretsConfig,
  StorageConfig,
  WechatConfig,
  OutboxConfig,
  MessagingConfig,
  DeviceGatewayConfig,
  VisitorConfig,
  HotelConfig,
  FaceConfig,
  ClusterConfig,
];

export class Configuration {
  constructor(
    readonly app: AppConfig,
    readonly database: DatabaseConfig,
    readonly auth: AuthConfig,
    readonly secrets: SecretsConfig,
    readonly storage: StorageConfig,
    readonly wechat: WechatConfig,
    readonly outbox: OutboxConfig,
    readonly messaging: MessagingConfig,
    readonly deviceGateway: DeviceGatewayConfig,
    readonly visitor: VisitorConfig,
    readonly hotel: HotelConfig,
    readonly face: FaceConfig,
    readonly cluster: ClusterConfig,
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
    secrets: readConfig(SecretsConfig, env),
    storage: readConfig(StorageConfig, env),
    wechat: readConfig(WechatConfig, env),
    outbox: readConfig(OutboxConfig, env),
    messaging: readConfig(MessagingConfig, env),
    deviceGateway: readConfig(DeviceGatewayConfig, env),
    visitor: readConfig(VisitorConfig, env),
    hotel: readConfig(HotelConfig, env),
    face: readConfig(FaceConfig, env),
    cluster: readConfig(ClusterConfig, env),
  };
  const problems = Object.values(areas).flatMap((area) => area.problems);
  const warnings: string[] = [];
  const app = areas.app.value;
  const auth = areas.auth.value;

  if (!env.PUBLIC_BASE_URL?.trim()) app.publicBaseUrl = `http://localhost:${app.port}`;
  const secrets = areas.secrets.value;
  const cluster = areas.cluster.value;
  if (cluster.enabled) {
    // Every instance must read what another wrote and verify what another signed.
    if (areas.database.value.type === 'sqlite') problems.push('REDIS_URL: a cluster needs a server database (DB_TYPE=mssql or postgres); SQLite is one process\'s file');
    if (!auth.jwtSecret) problems.push('JWT_SECRET: is required when REDIS_URL is set (the same on every instance)');
    if (!secrets.key) problems.push('DATA_SECRET_KEY: is required when REDIS_URL is set (the same on every instance)');
    warnings.push(`cluster mode as instance ${cluster.instanceId}: photos are read and written in STORAGE_DIR (${areas.storage.value.dir}), which every instance must mount`);
  }
  if (app.production) {
    if (!auth.jwtSecret) problems.push('JWT_SECRET: is required when NODE_ENV=production');
    if (!secrets.key) problems.push('DATA_SECRET_KEY: is required when NODE_ENV=production');
  } else if ((!auth.jwtSecret || !secrets.key) && problems.length === 0) {
    const local = localSecrets(areas.storage.value.dir);
    warnings.push(...local.warnings);
    if (!auth.jwtSecret) {
      auth.jwtSecret = local.jwtSecret;
      warnings.push(`JWT_SECRET is not set: tokens are signed with the secret kept in ${local.file} (production requires JWT_SECRET)`);
    }
    if (!secrets.key) {
      secrets.key = local.dataSecretKey;
      // Values sealed before this machine had a key of its own were sealed with the public one.
      secrets.retiredKey = PUBLIC_DEVELOPMENT_DATA_KEY;
      warnings.push(`DATA_SECRET_KEY is not set: stored secrets and photo links use the key kept in ${local.file} (production requires DATA_SECRET_KEY)`);
    }
  }
  if (!areas.wechat.value.configured) {
    warnings.push('WECHAT_APPID / WECHAT_SECRET are not set: wxlogin.do answers -6 until they are');
  }
  const hotel = areas.hotel.value;
  const messaging = areas.messaging.value;
  if (!hotel.realNameCheckConsistency) {
    warnings.push('REAL_NAME_CHECK_CONSISTENCY is off: real-name records are not refused when gender or birthday disagree with the ID number');
  }
  if (messaging.smsProvider === 'aliyun' && !hotel.smsCaptchaTemplate) {
    warnings.push('SMS_CAPTCHA_TEMPLATE is not set: the hotel API cannot send SMS captchas');
  }
  if (messaging.smsProvider === 'log' && app.production) {
    warnings.push('SMS_PROVIDER=log in production: SMS captchas are neither sent nor logged, so SMS registration and login cannot work');
  }
  if (!areas.visitor.value.authRequireWeixinId) {
    warnings.push('VISITOR_AUTH_REQUIRE_WEIXIN_ID is off: anyone who knows an application id may authorise it; turn it on once the H5 page sends weixinUserId');
  }
  const face = areas.face.value;
  if (face.engine === 'off') {
    face.gate = false;
    warnings.push('FACE_ENGINE=off: photos are not checked for faces, duplicates are not warned of, and the hotel face API answers "try again"');
  } else if (!face.gate) {
    warnings.push('FACE_GATE is off: photos without a usable face are stored, and door terminals will refuse them (30002)');
  }
  if (!face.findAdminOnly) {
    warnings.push('FACE_FIND_ADMIN_ONLY is off: any hotel user may call face find, which names the people it recognises (masked ID numbers)');
  }
  if (problems.length > 0) throw new ConfigurationError(problems);

  return new Configuration(
    app,
    areas.database.value,
    auth,
    secrets,
    areas.storage.value,
    areas.wechat.value,
    areas.outbox.value,
    areas.messaging.value,
    areas.deviceGateway.value,
    areas.visitor.value,
    areas.hotel.value,
    face,
    cluster,
    warnings,
  );
}
