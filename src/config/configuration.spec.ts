import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, Environment } from './config-loader';
import { loadConfiguration as loadFrom } from './configuration';

describe('loadConfiguration', () => {
  /** Where machines without secrets of their own keep the ones they make (never the working directory). */
  let storage: string;
  beforeEach(() => {
    storage = mkdtempSync(join(tmpdir(), 'facegate-config-'));
  });
  afterEach(() => rmSync(storage, { recursive: true, force: true }));
  const loadConfiguration = (env: Environment) => loadFrom({ STORAGE_DIR: storage, ...env });

  it('has working defaults for a fresh machine', () => {
    const config = loadFrom({ JWT_SECRET: 'x'.repeat(40), DATA_SECRET_KEY: 'ab'.repeat(32) });
    expect(config.app).toMatchObject({ port: 3000, publicBaseUrl: 'http://localhost:3000', siteTimezone: 'Asia/Shanghai' });
    expect(config.database).toMatchObject({ type: 'sqlite', path: './data/facegate.sqlite' });
    expect(config.storage).toMatchObject({ dir: './data/storage', photoMaxBytes: 5 * 1024 * 1024 });
    expect(config.wechat.apiBase).toBe('https://api.weixin.qq.com');
    expect(config.visitor).toMatchObject({ kioskNetworks: expect.stringContaining('192.168.0.0/16'), gateNetworks: expect.stringContaining('10.0.0.0/8') });
  });

  it('outside production, makes JWT_SECRET and DATA_SECRET_KEY once and keeps them in the storage directory, readable by the owner only', () => {
    const first = loadConfiguration({});
    expect(first.auth.jwtSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(first.secrets.key).toMatch(/^[0-9a-f]{64}$/);
    expect(first.warnings.join('\n')).toMatch(/JWT_SECRET is not set: tokens are signed with the secret kept in .*secrets\.json/);
    const file = join(storage, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = loadConfiguration({});
    expect([again.auth.jwtSecret, again.secrets.key]).toEqual([first.auth.jwtSecret, first.secrets.key]);
    expect(readFileSync(file, 'utf8')).toContain(first.secrets.key);
    const elsewhere = mkdtempSync(join(tmpdir(), 'facegate-config-'));
    try {
      expect(loadFrom({ STORAGE_DIR: elsewhere }).secrets.key).not.toBe(first.secrets.key);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
    expect(loadConfiguration({ JWT_SECRET: 'y'.repeat(40) }).auth.jwtSecret).toBe('y'.repeat(40));
  });

  it('makes a kept secrets file private again, and refuses one it cannot read', () => {
    loadConfiguration({});
    const file = join(storage, 'secrets.json');
    chmodSync(file, 0o644);
    expect(loadConfiguration({}).warnings.join('\n')).toContain('could be read by other users');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    writeFileSync(file, '{"jwtSecret":1}');
    expect(() => loadConfiguration({})).toThrow(/is not a FaceGate secrets file/);
  });

  it('still opens what was sealed with the public development key, but never signs with it', () => {
    const config = loadConfiguration({});
    expect(config.secrets.retiredKey).toMatch(/^[0-9a-f]{64}$/);
    expect(config.secrets.retiredKey).not.toBe(config.secrets.key);
    expect(config.secrets.previousKey).toBeUndefined();
    expect(loadConfiguration({ DATA_SECRET_KEY: 'ab'.repeat(32) }).secrets.retiredKey).toBeUndefined();
  });

  it('derives PUBLIC_BASE_URL from PORT unless it is set', () => {
    expect(loadConfiguration({ PORT: '8080' }).app.publicBaseUrl).toBe('http://localhost:8080');
    expect(loadConfiguration({ PORT: '8080', PUBLIC_BASE_URL: 'https://gate.example.com/' }).app.baseUrl).toBe('https://gate.example.com');
  });

  it('converts numbers and booleans', () => {
    const config = loadConfiguration({ PORT: '8080', DB_ENCRYPT: 'false', DB_TRUST_SERVER_CERTIFICATE: '1', PHOTO_MAX_BYTES: '1048576' });
    expect(config.app.port).toBe(8080);
    expect(config.database.encrypt).toBe(false);
    expect(config.database.trustServerCertificate).toBe(true);
    expect(config.storage.photoMaxBytes).toBe(1048576);
  });

  it('runs the face engine and its gate by default, and warns when a site turns them off', () => {
    const defaults = loadConfiguration({});
    expect(defaults.face).toMatchObject({ engine: 'onnx', gate: true, minSizePx: 80, matchThreshold: 0.8, findAdminOnly: false });
    expect(defaults.face.workers).toBeGreaterThanOrEqual(1);
    expect(defaults.warnings.join('\n')).toContain('FACE_FIND_ADMIN_ONLY is off');
    const gateOff = loadConfiguration({ FACE_GATE: 'off', FACE_FIND_ADMIN_ONLY: 'on' });
    expect(gateOff.face).toMatchObject({ gate: false, findAdminOnly: true });
    expect(gateOff.warnings.join('\n')).toContain('FACE_GATE is off');
    expect(gateOff.warnings.join('\n')).not.toContain('FACE_FIND_ADMIN_ONLY');
    const engineOff = loadConfiguration({ FACE_ENGINE: 'off' });
    expect(engineOff.face.gate).toBe(false);
    expect(engineOff.warnings.join('\n')).toContain('FACE_ENGINE=off');
    expect(() => loadConfiguration({ FACE_ENGINE: 'gpu', FACE_MATCH_THRESHOLD: '1.5', FACE_ENGINE_WORKERS: '0' })).toThrow(/FACE_ENGINE[\s\S]*FACE_ENGINE_WORKERS[\s\S]*FACE_MATCH_THRESHOLD/);
  });

  it('lists every problem at once, naming the variables', () => {
    let error: ConfigurationError | undefined;
    try {
      loadConfiguration({ PORT: 'eighty', DB_TYPE: 'oracle', SITE_TIMEZONE: 'Mars/Base', PUBLIC_BASE_URL: 'not a url' });
    } catch (e) {
      error = e as ConfigurationError;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error!.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT: .*\(got "eighty"\)/),
        expect.stringMatching(/^DB_TYPE: /),
        expect.stringMatching(/^SITE_TIMEZONE: must be an IANA time zone/),
        expect.stringMatching(/^PUBLIC_BASE_URL: /),
      ]),
    );
  });

  it('requires the SQL Server connection when DB_TYPE=mssql', () => {
    expect(() => loadConfiguration({ DB_TYPE: 'mssql' })).toThrow(/DB_HOST is required when DB_TYPE is mssql or postgres/);
    expect(() => loadConfiguration({ DB_TYPE: 'mssql', DB_HOST: 'db', DB_USERNAME: 'sa' })).toThrow(/DB_PASSWORD is required when DB_TYPE=mssql/);
    const config = loadConfiguration({ DB_TYPE: 'mssql', DB_HOST: 'db', DB_USERNAME: 'sa', DB_PASSWORD: 'pw' });
    expect(config.database).toMatchObject({ type: 'mssql', host: 'db', name: 'facegate' });
    expect(config.database.serverPort()).toBe(1433);
  });

  it('takes a PostgreSQL connection with or without a password, on 5432 unless told otherwise', () => {
    expect(() => loadConfiguration({ DB_TYPE: 'postgres', DB_HOST: 'db' })).toThrow(/DB_USERNAME is required when DB_TYPE is mssql or postgres/);
    const trusted = loadConfiguration({ DB_TYPE: 'postgres', DB_HOST: 'db', DB_USERNAME: 'facegate' });
    expect(trusted.database).toMatchObject({ type: 'postgres', ssl: false, password: undefined });
    expect(trusted.database.serverPort()).toBe(5432);
    const elsewhere = loadConfiguration({ DB_TYPE: 'postgres', DB_HOST: 'db', DB_USERNAME: 'facegate', DB_PORT: '6432', DB_SSL: 'true' });
    expect(elsewhere.database.serverPort()).toBe(6432);
    expect(elsewhere.database.ssl).toBe(true);
    expect(() => loadConfiguration({ DB_TYPE: 'postgres', DB_HOST: 'db', DB_USERNAME: 'facegate', DB_PORT: '70000' })).toThrow(/DB_PORT/);
  });

  it('runs a cluster only with REDIS_URL, a server database and the shared secrets, and never echoes the Redis password', () => {
    const postgres = { DB_TYPE: 'postgres', DB_HOST: 'db', DB_USERNAME: 'facegate' };
    expect(loadConfiguration(postgres).cluster.enabled).toBe(false);
    const problems = (env: Environment) => {
      try {
        loadConfiguration(env);
        return [];
      } catch (error) {
        return (error as ConfigurationError).problems;
      }
    };
    expect(problems({ REDIS_URL: 'redis://:hunter2@cache:6379' })).toEqual([
      expect.stringMatching(/^REDIS_URL: a cluster needs a server database/),
      'JWT_SECRET: is required when REDIS_URL is set (the same on every instance)',
      'DATA_SECRET_KEY: is required when REDIS_URL is set (the same on every instance)',
    ]);
    expect(problems({ ...postgres, REDIS_URL: 'cache:6379 hunter2', REDIS_PREFIX: 'a b' }).join('\n')).not.toContain('hunter2');
    expect(problems({ ...postgres, REDIS_URL: 'cache:6379', REDIS_PREFIX: 'a b' })).toEqual(
      expect.arrayContaining(['REDIS_URL: REDIS_URL must look like redis://host:6379 (or rediss:// for TLS)', expect.stringMatching(/^REDIS_PREFIX: .*\(got "a b"\)/)]),
    );
    const cluster = loadConfiguration({ ...postgres, REDIS_URL: 'redis://cache:6379', JWT_SECRET: 'x'.repeat(40), DATA_SECRET_KEY: 'ab'.repeat(32), INSTANCE_ID: 'app-1' });
    expect(cluster.cluster).toMatchObject({ enabled: true, prefix: 'facegate', instanceId: 'app-1', terminalLeaseMs: 5000 });
    expect(cluster.warnings.join('\n')).toMatch(/cluster mode as instance app-1: photos .* STORAGE_DIR/);
  });

  it('requires a strong JWT_SECRET in production and never echoes secrets', () => {
    expect(() => loadConfiguration({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: is required when NODE_ENV=production/);
    try {
      loadConfiguration({ JWT_SECRET: 'short-secret-value', DB_TYPE: 'mssql', DB_HOST: 'h', DB_USERNAME: 'u', DB_PASSWORD: '' });
    } catch (e) {
      expect((e as Error).message).toContain('JWT_SECRET must be at least 32 characters');
      expect((e as Error).message).not.toContain('short-secret-value');
    }
    expect.assertions(3);
  });

  it('requires a data secret key in production and accepts hex or base64 keys', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) };
    expect(() => loadConfiguration(production)).toThrow(/DATA_SECRET_KEY: is required when NODE_ENV=production/);
    expect(loadConfiguration({ ...production, DATA_SECRET_KEY: 'ab'.repeat(32) }).secrets.key).toBe('ab'.repeat(32));
    expect(() => loadConfiguration({ DATA_SECRET_KEY: 'short' })).toThrow(/DATA_SECRET_KEY must be a 32-byte key/);
    expect(() => loadConfiguration({ NODE_ENV: 'production', DATA_SECRET_KEY: 'ab'.repeat(32) })).toThrow(/JWT_SECRET: is required/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfiguration({ PORT: '', DB_PATH: '  ' }).app.port).toBe(3000);
  });

  it('reads CORS_ORIGINS as none, any, or a list of origins', () => {
    expect(loadConfiguration({}).app.allowedOrigins).toBeNull();
    expect(loadConfiguration({ CORS_ORIGINS: '*' }).app.allowedOrigins).toBe(true);
    expect(loadConfiguration({ CORS_ORIGINS: 'https://h5.example.cn/, http://10.0.0.5:8080' }).app.allowedOrigins).toEqual([
      'https://h5.example.cn',
      'http://10.0.0.5:8080',
    ]);
    expect(() => loadConfiguration({ CORS_ORIGINS: 'https://h5.example.cn/pages' })).toThrow(/CORS_ORIGINS: must be \* or a comma-separated list/);
    expect(() => loadConfiguration({ CORS_ORIGINS: 'h5.example.cn' })).toThrow(/CORS_ORIGINS/);
  });
});
