'use strict';
const postgres = require('./postgres-databases');
const redis = require('./redis-prefixes');

/** Names the run (scratch databases and Redis keys carry its id) and drops what killed runs left. */
module.exports = async () => {
  process.env.FACEGATE_TEST_RUN = String(process.pid);
  if (process.env.FACEGATE_TEST_WITH_POSTGRES) await postgres.dropAbandoned();
  if (process.env.FACEGATE_TEST_WITH_REDIS) await redis.dropAbandoned();
};
