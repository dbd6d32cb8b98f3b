/** Types of redis-prefixes.js (plain JavaScript: jest's global setup loads it without ts-jest). */
export const REDIS_URL: string;
export function dropKeys(pattern: string, drop?: (key: string) => boolean): Promise<void>;
export function dropAbandoned(): Promise<void>;
export function dropRun(run: number): Promise<void>;
