/**
 * The answers of WeChat face identity's backend (wechat-face-identity.md): the mini-program reads
 * `ec` (200 is success) and shows `em`; always HTTP 200.
 */
export interface EcAnswer {
  ec: number;
  em: string;
  [key: string]: unknown;
}

export const EC_OK = 200;
export const EC_INVALID = 400;
export const EC_UNAUTHENTICATED = 401;
export const EC_NOT_FOUND = 404;
export const EC_EXPIRED = 410;
export const EC_TOO_MANY = 429;
export const EC_INTERNAL = 500;
export const EC_UPSTREAM = 502;
export const EC_NOT_CONFIGURED = 503;

export function ecOk(fields: Record<string, unknown> = {}): EcAnswer {
  return { ec: EC_OK, em: '', ...fields };
}

/** A failure to answer with `ec` and the Chinese message `em`. */
export class EcError extends Error {
  constructor(
    readonly ec: number,
    readonly em: string,
  ) {
    super(em);
    this.name = 'EcError';
  }
}
