import { AccessRecord, RecordKind, RecordSource } from './access-record.entity';

/** Incoming record fields FaceGate models, by lowercased name (terminals vary the casing). */
const KNOWN = new Map(
  ['id', 'signTime', 'type', 'userType', 'inputType', 'similarity', 'temperature', 'temperatureState', 'wearMask', 'wearMaskAlarm', 'userId', 'name', 'icNumber', 'idNumber', 'deviceMark', 'signAvatar'].map(
    (key) => [key.toLowerCase(), key],
  ),
);

export type IncomingRecord = Record<string, unknown>;

/** The record's fields under their canonical names, and what is left over. */
export function splitFields(record: IncomingRecord): { known: Record<string, unknown>; unknown: Record<string, unknown> } {
  const known: Record<string, unknown> = {};
  const unknown: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    const canonical = KNOWN.get(key.toLowerCase());
    if (canonical && known[canonical] === undefined) known[canonical] = value;
    else unknown[key] = value;
  }
  return { known, unknown };
}

/** A terminal's text as a column holds it: NUL bytes dropped (PostgreSQL refuses them in text), cut to the column's length. */
function text(value: unknown, length: number): string | null {
  if (value === undefined || value === null || value === '') return null;
  return String(value).replace(/\0/g, '').slice(0, length);
}

function integer(value: unknown): number | null {
  const number = typeof value === 'string' ? Number(value.trim()) : value;
  return typeof number === 'number' && Number.isInteger(number) && Math.abs(number) < 2 ** 31 ? number : null;
}

/** "36.5", 36.5 and "36.5°C" are all 36.5. */
export function temperature(value: unknown): number | null {
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(/-?\d+(\.\d+)?/.exec(value)?.[0] ?? NaN) : NaN;
  return Number.isFinite(number) && Math.abs(number) < 1000 ? number : null;
}

function flag(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === '1' || value === 'true') return true;
  if (value === 0 || value === '0' || value === 'false') return false;
  return null;
}

/** 2000-01-01 and 2100-01-01: a terminal's clock outside these is wrong, not a time to store. */
const PLAUSIBLE_MS = [946_684_800_000, 4_102_444_800_000];

/** Unix seconds (or milliseconds, which some firmware sends) as a Date; null when unusable or implausible. */
export function epoch(value: unknown): Date | null {
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) return null;
  const ms = number > 1e12 ? number : number * 1000;
  return ms >= PLAUSIBLE_MS[0] && ms < PLAUSIBLE_MS[1] ? new Date(ms) : null;
}

/** Fields of an access record from what a terminal sent; avatar and extra are filled by the ingestor. */
export function recordFields(
  terminalId: number,
  kind: RecordKind,
  source: RecordSource,
  known: Record<string, unknown>,
  receivedAt: Date,
): Omit<AccessRecord, 'id' | 'avatarKey' | 'extra'> {
  return {
    terminalId,
    kind,
    source,
    recordId: kind === 'recognition' ? integer(known.id) : null,
    signedAt: epoch(known.signTime) ?? receivedAt,
    userId: text(known.userId, 40),
    name: text(known.name, 80),
    userType: integer(known.type ?? known.userType),
    inputType: integer(known.inputType),
    similarity: integer(known.similarity),
    temperature: temperature(known.temperature),
    temperatureState: integer(known.temperatureState),
    wearMask: flag(known.wearMask),
    wearMaskAlarm: flag(known.wearMaskAlarm),
    icNumber: text(known.icNumber, 40),
    idNumber: text(known.idNumber, 40),
    deviceMark: text(known.deviceMark, 64),
    doorOpened: null,
    receivedAt,
  };
}
