'use strict';
const Redis = require('ioredis');
const { PREFIX, alive, runOf } = require('./test-runs');

/** The Redis the cluster suites use (the machine's own unless FACEGATE_TEST_REDIS_URL says otherwise). */
const REDIS_URL = process.env.FACEGATE_TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/** Deletes the keys matching `pattern` that `drop` picks. */
async function dropKeys(pattern, drop = () => true) {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      const doomed = keys.filter(drop);
      if (doomed.length > 0) await redis.del(...doomed);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** The key prefixes of test runs in Redis (named as test-runs.js says). */
module.exports = {
  REDIS_URL,
  dropKeys,
  /** Drops the keys of runs that are no longer alive. */
  dropAbandoned: () => dropKeys(`${PREFIX}*`, (key) => !alive(runOf(key))),
  /** Drops the keys of the run `run`. */
  dropRun: (run) => dropKeys(`${PREFIX}*`, (key) => runOf(key) === run),
};
