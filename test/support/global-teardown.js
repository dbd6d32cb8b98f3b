'use strict';
const postgres = require('./postgres-databases');
const redis = require('./redis-prefixes');

/** Drops the run's scratch databases and Redis keys (each suite drops its own; this catches the rest). */
module.exports = async () => {
  const run = Number(process.env.FACEGATE_TEST_RUN);
  if (process.env.FACEGATE_TEST_WITH_POSTGRES) await postgres.dropRun(run);
  if (process.env.FACEGATE_TEST_WITH_REDIS) await redis.dropRun(run);
};
