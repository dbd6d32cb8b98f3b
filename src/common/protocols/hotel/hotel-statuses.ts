import { HotelStatusError } from './hotel-envelope';

type ErrorClass = abstract new (...args: never[]) => Error;

/** An endpoint's own statuses: which error means which status, with the spec's message. */
export type LocalStatuses = [ErrorClass, number, string][];

/**
 * Runs `work`; an error the table names becomes that status (the spec's message, then what went
 * wrong), any other error goes on to the exception filter's global statuses.
 */
export async function withStatuses<T>(table: LocalStatuses, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const entry = table.find(([type]) => error instanceof type);
    if (!entry) throw error;
    throw new HotelStatusError(entry[1], `${entry[2]}: ${(error as Error).message}`);
  }
}
