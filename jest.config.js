'use strict';
const { Socket } = require('node:net');

/**
 * Every suite runs on the embedded SQLite; the integration, durability and e2e suites (all of
 * which touch the database) run a second time on PostgreSQL, each on a database of its own that
 * it creates and drops (test/support/test-database-server.ts). Without a PostgreSQL server the
 * second round is left out with a warning, except under CI, where it runs and fails.
 */
const PG = { host: process.env.PGHOST || '127.0.0.1', port: Number(process.env.PGPORT || 5432) };
/** The cluster's suites use this Redis (test/support/test-redis.ts), each under a key prefix of its own. */
const REDIS = new URL(process.env.FACEGATE_TEST_REDIS_URL || 'redis://127.0.0.1:6379');

function reachable({ host, port }) {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => done(true));
  });
}

const common = {
  rootDir: __dirname,
  testEnvironment: '<rootDir>/test/support/node-realm.environment.js',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = async () => {
  // A cluster needs a server database: its suites (*.cluster.spec.ts) run on PostgreSQL only.
  const sqlite = {
    ...common,
    displayName: 'sqlite',
    testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
    testPathIgnorePatterns: ['/node_modules/', '\\.cluster\\.spec\\.ts$'],
  };
  const postgres = {
    ...common,
    displayName: 'postgres',
    testMatch: ['<rootDir>/test/**/*.e2e.spec.ts', '<rootDir>/test/**/*.integration.spec.ts', '<rootDir>/test/**/*.cluster.spec.ts'],
    // The console's browser test drives the same API the e2e suites test on PostgreSQL; two
    // browsers at once on two cores time out (seen in a clean CI run), so it runs on SQLite only.
    testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/console/console.e2e.spec.ts'],
    setupFiles: ['<rootDir>/test/support/on-postgres.js'],
  };
  const withPostgres = Boolean(process.env.CI) || (await reachable(PG));
  // Read by the workers (they inherit this process's environment): the cluster suites skip without Redis, except under CI.
  const withRedis = Boolean(process.env.CI) || (await reachable({ host: REDIS.hostname, port: Number(REDIS.port || 6379) }));
  process.env.FACEGATE_TEST_WITH_REDIS = withRedis ? '1' : '';
  if (!withRedis) console.warn(`No Redis on ${REDIS.host}: the cluster suites are skipped (under CI they run and fail).`);
  if (!withPostgres) console.warn(`No PostgreSQL on ${PG.host}:${PG.port}: the suites run on SQLite only (under CI this fails).`);
  process.env.FACEGATE_TEST_WITH_POSTGRES = withPostgres ? '1' : '';
  const scratch = withPostgres || withRedis ? { globalSetup: '<rootDir>/test/support/global-setup.js', globalTeardown: '<rootDir>/test/support/global-teardown.js' } : {};
  return { projects: withPostgres ? [sqlite, postgres] : [sqlite], maxWorkers: 2, testTimeout: 30000, rootDir: __dirname, ...scratch };
};
