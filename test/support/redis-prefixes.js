'use strict';
const Redis = require('ioredis');

/**
 * The key prefixes of test runs in Redis: `facegate_test_<run>_<pid>_<random>`, where <run> is the
 * pid of the jest process that started the run (test/support/test-redis.ts). A run drops its own
 * at the end, and those of runs whose process is gone (killed before its teardown) at the start.
 */
const PREFIX = 'facegate_test_';

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

async function dropWhere(drop) {
  const redis = new Redis(process.env.FACEGATE_TEST_REDIS_URL || 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}*`, 'COUNT', 1000);
      const doomed = keys.filter((key) => drop(Number(key.slice(PREFIX.length).split('_')[0])));
      if (doomed.length > 0) await redis.del(...doomed);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

module.exports = {
  /** Drops the keys of runs that are no longer alive. */
  dropAbandoned: () => dropWhere((run) => !alive(run)),
  /** Drops the keys of the run `run`. */
  dropRun: (run) => dropWhere((owner) => owner === run),
};
