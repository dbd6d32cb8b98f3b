import { QueryFailedError } from 'typeorm';

/** How long a client should wait before trying again while the database is away. */
const RETRY_AFTER_SECONDS = 5;

/** PostgreSQL: string too long, number out of range, NUL or a character the encoding lacks, text that is not a number or a date. */
const POSTGRES_REFUSED_VALUES = new Set(['22001', '22003', '22021', '22P02', '22P05', '22007', '22008']);
/** SQL Server: truncation, arithmetic overflow, failed conversion. */
const MSSQL_REFUSED_VALUES = new Set([8152, 2628, 220, 232, 8115, 245, 241]);
/** PostgreSQL classes of a database that went away or would not answer: connection (08), shutdown or restart (57P0x), statement timeout (57014). */
const POSTGRES_UNAVAILABLE = /^(08|57P0|57014)/;
/** What a driver says when its connection was cut or never came. */
const CONNECTION_LOST = /Connection terminated|not currently accepting connections|connection is closed|ECONNREFUSED|ECONNRESET|timeout exceeded when trying to connect|Query read timeout|Connection lost|ETIMEDOUT|database is locked/i;

export type DatabaseFailure = { kind: 'refused-value'; message: string } | { kind: 'unavailable'; message: string; retryAfterSeconds: number };

/**
 * What a database failure means for the client: a value the database cannot hold (its bounds are
 * the same on every database: the request is refused), or a database that is away for a moment
 * (the request may be tried again). Null for anything else, which stays an internal error.
 */
export function classifyDatabaseFailure(error: unknown): DatabaseFailure | null {
  if (!(error instanceof Error)) return null;
  const driverError = (error instanceof QueryFailedError ? error.driverError : error) as { code?: unknown; number?: unknown; message?: string } | undefined;
  const code = typeof driverError?.code === 'string' ? driverError.code : '';
  if (POSTGRES_REFUSED_VALUES.has(code) || MSSQL_REFUSED_VALUES.has(Number(driverError?.number))) {
    return { kind: 'refused-value', message: 'a value is out of the bounds the database can store (too long, out of range, or a character it cannot hold)' };
  }
  if (POSTGRES_UNAVAILABLE.test(code) || CONNECTION_LOST.test(driverError?.message ?? error.message)) {
    return { kind: 'unavailable', message: 'the database does not answer at the moment; try again shortly', retryAfterSeconds: RETRY_AFTER_SECONDS };
  }
  return null;
}
