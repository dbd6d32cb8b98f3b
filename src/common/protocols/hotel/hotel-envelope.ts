/** The hotel mini-program's envelope (hotel-vision-api.md): requests `{id, type, subtype, data}`, answers `{id, status, message, data}`, always HTTP 200. */
export interface HotelAnswer<T = Record<string, unknown>> {
  /** The request's `id`, echoed; null when it had none. */
  id: number | null;
  status: number;
  message: string;
  data: T | Record<string, never>;
}

/** The global statuses (all below 0); each endpoint adds its own, above 0. */
export const HotelStatus = {
  Ok: 0,
  ErrorJsonKey: -1,
  ErrorJsonValue: -2,
  ErrorDataKey: -3,
  ErrorHash: -4,
  MissingArgs: -100,
  ErrorToken: -101,
  NoUserForToken: -102,
  NoPermission: -103,
  ErrorDeviceToken: -104,
  DatabaseFailure: -200,
  EmptyValue: -201,
  MissingDataKey: -202,
  ValueType: -203,
  ValueError: -204,
  UnknownError: -404,
  UploadError: -500,
} as const;

/** The spec's message for each global status. */
export const GLOBAL_MESSAGES: Record<number, string> = {
  [HotelStatus.Ok]: 'successful',
  [HotelStatus.ErrorJsonKey]: 'Error JSON key',
  [HotelStatus.ErrorJsonValue]: 'Error JSON value',
  [HotelStatus.ErrorDataKey]: 'Error data key',
  [HotelStatus.ErrorHash]: 'Error Hash',
  [HotelStatus.MissingArgs]: 'Missing necessary args',
  [HotelStatus.ErrorToken]: 'Error token',
  [HotelStatus.NoUserForToken]: 'Get userid failed for the token',
  [HotelStatus.NoPermission]: 'No permission to operate',
  [HotelStatus.ErrorDeviceToken]: 'Error device_id token',
  [HotelStatus.DatabaseFailure]: 'Failure to operate database',
  [HotelStatus.EmptyValue]: "Necessary key-value can't be empty",
  [HotelStatus.MissingDataKey]: 'Missing necessary data key-value',
  [HotelStatus.ValueType]: "Arg's value type error",
  [HotelStatus.ValueError]: "Arg's value error",
  [HotelStatus.UnknownError]: 'Unknown Error',
  [HotelStatus.UploadError]: 'COS upload Error',
};

/** A failure to answer with `status`; the message is the spec's, with what went wrong after a colon. */
export class HotelStatusError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HotelStatusError';
  }

  /** A global status with the spec's message and a detail. */
  static global(status: number, detail?: string): HotelStatusError {
    return new HotelStatusError(status, detail ? `${GLOBAL_MESSAGES[status]}: ${detail}` : GLOBAL_MESSAGES[status]);
  }
}

/** The request's `id` if it sent a number, else null. */
export function requestId(body: unknown): number | null {
  const id = (body as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isFinite(id) ? id : null;
}

export function hotelOk<T extends object>(id: number | null, data?: T, message = 'Successful'): HotelAnswer<T> {
  return { id, status: HotelStatus.Ok, message, data: data ?? {} };
}

export function hotelFailure(id: number | null, error: HotelStatusError): HotelAnswer<never> {
  return { id, status: error.status, message: error.message, data: {} };
}
