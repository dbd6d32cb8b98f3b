import pg from 'pg';

/** PostgreSQL's type ids of `timestamp without time zone` and of `bigint` (what COUNT and SUM of integers answer). */
const TIMESTAMP = 1114;
const BIGINT = 20;

/**
 * Values read as on the other databases. Timestamps are stored as UTC wall time without a zone, as
 * on SQLite, whatever the time zone of the process or of the server: Dates are sent as UTC and read
 * back as UTC (node-postgres would otherwise use the process's local time, and a server in another
 * zone would compare them with its own `now()`). Counts and sums come back as numbers, not strings
 * (none of FaceGate's comes near 2^53).
 */
export function postgresTypes(): { types: { getTypeParser: typeof pg.types.getTypeParser }; options: string } {
  // node-postgres reads this flag when it serialises a Date: it has no per-pool setting.
  pg.defaults.parseInputDatesAsUTC = true;
  return {
    types: {
      getTypeParser: ((id: number, format?: 'text' | 'binary') =>
        id === TIMESTAMP ? (text: string) => new Date(`${text.replace(' ', 'T')}Z`) : id === BIGINT ? Number : pg.types.getTypeParser(id, format)) as typeof pg.types.getTypeParser,
    },
    options: '-c TimeZone=UTC',
  };
}
