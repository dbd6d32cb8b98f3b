'use strict';
const { Client } = require('pg');

/**
 * The scratch databases of test runs: `facegate_test_<run>_<pid>_<random>`, where <run> is the pid
 * of the jest (or bench) process that started the run. A run drops its own at the end, and those
 * of runs whose process is gone (killed before its teardown) at the start.
 */
const PREFIX = 'facegate_test_';

function server() {
  return new Client({
    host: process.env.PGHOST || '127.0.0.1',
    port: Number(process.env.PGPORT || 5432),
    user: process.env.PGUSER || 'postgres',
    password: process.env.PGPASSWORD,
    database: 'postgres',
    connectionTimeoutMillis: 5000,
  });
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

async function dropWhere(keep) {
  const client = server();
  await client.connect();
  try {
    const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${PREFIX}%`]);
    for (const { datname } of rows) {
      if (!keep(Number(datname.slice(PREFIX.length).split('_')[0]))) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}

module.exports = {
  PREFIX,
  /** Drops the databases of runs that are no longer alive. */
  dropAbandoned: () => dropWhere((run) => alive(run)),
  /** Drops the databases of the run `run`. */
  dropRun: (run) => dropWhere((owner) => owner !== run),
};
