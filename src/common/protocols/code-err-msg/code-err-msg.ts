/** The `{code, err_msg, data}` envelope of the visitor-appointment API (`/v1/...`); always HTTP 200. */
export interface CodeEnvelope<T = unknown> {
  code: number;
  err_msg: string;
  data?: T;
  page?: PageInfo;
}

/** Paging of record lists: `count` records in all, page `current` of `total`, `size` a page. */
export interface PageInfo {
  count: number;
  current: number;
  size: number;
  total: number;
}

export const CODE_OK = 0;
export const CODE_INVALID = 400;
export const CODE_UNAUTHENTICATED = 401;
export const CODE_FORBIDDEN = 403;
export const CODE_NOT_FOUND = 404;
export const CODE_CONFLICT = 409;
export const CODE_TOO_MANY = 429;
export const CODE_UPSTREAM = 502;
export const CODE_UNAVAILABLE = 503;
export const CODE_INTERNAL = 500;

export function codeOk<T>(data?: T, page?: PageInfo): CodeEnvelope<T> {
  return { code: CODE_OK, err_msg: '', ...(data === undefined ? {} : { data }), ...(page ? { page } : {}) };
}

export function codeError(code: number, message: string): CodeEnvelope<never> {
  return { code, err_msg: message };
}
