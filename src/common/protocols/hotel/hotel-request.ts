import { HotelStatus, HotelStatusError, requestId } from './hotel-envelope';

/** How one key of `data` is read. */
export interface FieldRule {
  /** `scalar`: a string or a number, for keys the endpoint converts itself (the spec's "integer string is converted too"). */
  type: 'string' | 'integer' | 'number' | 'scalar';
  /** May be left out. */
  optional?: boolean;
  /** May be null (the spec's "Null" column): the key then clears a value. */
  nullable?: boolean;
  /** Longest string accepted (-204 beyond). */
  maxLength?: number;
  /** What a string must look like (-204 otherwise), and how to say so. */
  pattern?: [RegExp, string];
  /** A value of another type is read as this instead of refused (the spec's `enduring`). */
  lenientDefault?: number;
}

type RuleOptions = Omit<FieldRule, 'type'>;

export const text = <R extends RuleOptions = {}>(rule: R = {} as R) => ({ type: 'string' as const, ...rule });
export const integer = <R extends RuleOptions = {}>(rule: R = {} as R) => ({ type: 'integer' as const, ...rule });
export const number = <R extends RuleOptions = {}>(rule: R = {} as R) => ({ type: 'number' as const, ...rule });
export const scalar = <R extends RuleOptions = {}>(rule: R = {} as R) => ({ type: 'scalar' as const, ...rule });
/** The same rule, for a key that may be left out. */
export const optional = <R extends FieldRule>(rule: R) => ({ ...rule, optional: true as const });

/** One endpoint's request: its `type`, `subtype` and the keys of its `data`. */
export interface HotelRequestSchema<T extends string = string, ST extends string = string, F extends Record<string, FieldRule> = Record<string, FieldRule>> {
  type: T;
  subtype: ST;
  fields: F;
}

type ValueOf<R extends FieldRule> =
  (R['type'] extends 'string' ? string : R['type'] extends 'scalar' ? string | number : number) | (R['nullable'] extends true ? null : never);

/** The typed `data` of a request that passed its schema: optional keys may be absent. */
export type HotelData<F extends Record<string, FieldRule>> = { [K in keyof F as F[K]['optional'] extends true ? never : K]: ValueOf<F[K]> } & {
  [K in keyof F as F[K]['optional'] extends true ? K : never]?: ValueOf<F[K]>;
};

export function hotelRequest<T extends string, ST extends string, F extends Record<string, FieldRule>>(type: T, subtype: ST, fields: F): HotelRequestSchema<T, ST, F> {
  return { type, subtype, fields };
}

/** A request that passed its schema; `subtype` tells which of the endpoint's requests it is. */
export type ParsedHotelRequest<S> = S extends HotelRequestSchema<infer T, infer ST, infer F> ? { id: number | null; type: T; subtype: ST; data: HotelData<F> } : never;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads a request body against the schemas of the endpoint (one per type and subtype): -1 for a
 * missing envelope key, -2 for a type/subtype the endpoint does not serve, -3 for a key in `data`
 * it does not expect, -202 for a missing one, -201 for an empty one, -203 for a value of the
 * wrong type, -204 for a value out of bounds.
 */
export function parseHotelRequest<S extends HotelRequestSchema<string, string, any>>(body: unknown, schemas: readonly S[]): ParsedHotelRequest<S> {
  if (!isObject(body)) throw HotelStatusError.global(HotelStatus.ErrorJsonKey, 'the body must be a JSON object {id, type, subtype, data}');
  for (const key of ['type', 'subtype', 'data'] as const) {
    if (body[key] === undefined) throw HotelStatusError.global(HotelStatus.ErrorJsonKey, `"${key}" is missing`);
  }
  const schema = schemas.find((s) => s.type === body.type && s.subtype === body.subtype);
  if (!schema) {
    const served = schemas.map((s) => `${s.type}/${s.subtype}`).join(', ');
    throw HotelStatusError.global(HotelStatus.ErrorJsonValue, `type/subtype ${String(body.type)}/${String(body.subtype)} is not served here (${served})`);
  }
  if (!isObject(body.data)) throw HotelStatusError.global(HotelStatus.ErrorJsonValue, '"data" must be an object');
  const data = body.data;
  const unexpected = Object.keys(data).filter((key) => !(key in schema.fields));
  if (unexpected.length > 0) throw HotelStatusError.global(HotelStatus.ErrorDataKey, `unexpected key ${unexpected.map((k) => `"${k}"`).join(', ')}`);
  const read: Record<string, unknown> = {};
  for (const [key, rule] of Object.entries(schema.fields) as [string, FieldRule][]) {
    const value = readField(key, data[key], rule);
    if (value !== undefined) read[key] = value;
  }
  return { id: requestId(body), type: schema.type, subtype: schema.subtype, data: read } as ParsedHotelRequest<S>;
}

const isNumber = (value: unknown) => typeof value === 'number' && Number.isFinite(value);
const TYPE_CHECKS: Record<FieldRule['type'], [(value: unknown) => boolean, string]> = {
  string: [(value) => typeof value === 'string', 'a string'],
  integer: [(value) => Number.isInteger(value), 'an integer'],
  number: [isNumber, 'a number'],
  scalar: [(value) => typeof value === 'string' || isNumber(value), 'a string or a number'],
};

function readField(key: string, value: unknown, rule: FieldRule): unknown {
  if (value === undefined) {
    if (rule.optional || rule.lenientDefault !== undefined) return rule.lenientDefault;
    throw HotelStatusError.global(HotelStatus.MissingDataKey, `"${key}" is missing`);
  }
  if (value === null) {
    if (rule.nullable) return null;
    throw HotelStatusError.global(HotelStatus.EmptyValue, `"${key}" is null`);
  }
  if (!TYPE_CHECKS[rule.type][0](value)) {
    if (rule.lenientDefault !== undefined) return rule.lenientDefault;
    throw HotelStatusError.global(HotelStatus.ValueType, `"${key}" must be ${TYPE_CHECKS[rule.type][1]}`);
  }
  if (typeof value === 'string') {
    if (value === '' && !rule.optional && !rule.nullable) throw HotelStatusError.global(HotelStatus.EmptyValue, `"${key}" is empty`);
    if (rule.maxLength !== undefined && value.length > rule.maxLength) {
      throw HotelStatusError.global(HotelStatus.ValueError, `"${key}" is longer than ${rule.maxLength} characters`);
    }
    if (rule.pattern && value !== '' && !rule.pattern[0].test(value)) throw HotelStatusError.global(HotelStatus.ValueError, `"${key}" ${rule.pattern[1]}`);
  }
  return value;
}
