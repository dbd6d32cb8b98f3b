'use strict';
const { Client } = require('pg');
const { PREFIX, alive, runOf } = require('./test-runs');

/** The scratch databases of test runs (named as test-runs.js says). */

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

async function dropWhere(keep) {
  const client = server();
  await client.connect();
  try {
    const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${PREFIX}%`]);
    for (const { datname } of rows) {
      if (!keep(runOf(datname))) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
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
