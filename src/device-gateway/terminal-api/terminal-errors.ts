/** Error codes of the terminal OpenAPI (chapter 7). */
export const TERMINAL_ERROR_CODES: Record<number, string> = {
  10001: 'Password Not Exist',
  10002: 'Password Expired',
  10003: 'Request Expired',
  10004: 'IP Invalid',
  10005: 'Signature Failed',
  20001: 'User Not Exists',
  20002: 'User Not Match',
  30001: 'Param Invalid',
  30002: 'No Face Detected In The Image',
  30003: 'Missing Param',
  30004: 'Avatar File Illegal',
  40001: 'Not Support',
  50001: 'RPC Failed',
  50002: 'Internal Server Error',
  50003: 'Multi Request Error',
  50004: 'Request Method Not Allowed',
  50008: 'Search List Null',
  50009: 'Database Full',
  99999: 'Unknown Error',
};

/** The request's timestamp is too far from the terminal's clock. */
export const REQUEST_EXPIRED = 10003;
export const USER_NOT_EXISTS = 20001;
export const PARAM_INVALID = 30001;

/** Answers about the person's data that no retry can fix (issue: 30002 no face, 30004 bad image, 20002 mismatch). */
const PERMANENT_FOR_PERSON = new Set([20002, 30002, 30004]);
/** Answers that mean our credentials or clock are wrong for this terminal. */
const AUTHENTICATION = new Set([10001, 10002, 10003, 10004, 10005]);
/** Answers that only an administrator can mend: the password (or the address the terminal accepts) is wrong. */
const CREDENTIALS = new Set([10001, 10002, 10004, 10005]);

/** What the other side wrote, as much of it as an error message needs: never its whole body. */
function brief(text: unknown): string {
  const single = String(text ?? '').replace(/\s+/g, ' ').trim();
  return single.length > 120 ? `${single.slice(0, 120)}…` : single;
}

/** The terminal answered, with a code other than 200. */
export class TerminalRejectedError extends Error {
  constructor(
    readonly code: number,
    readonly terminalMessage: string,
    readonly desc: string,
  ) {
    super(`terminal answered ${code} ${brief(terminalMessage) || TERMINAL_ERROR_CODES[code] || 'unknown code'}${desc ? ` (${brief(desc)})` : ''}`);
    this.name = 'TerminalRejectedError';
  }

  /** Retrying the same person on this terminal cannot succeed. */
  get permanent(): boolean {
    return PERMANENT_FOR_PERSON.has(this.code);
  }

  get authentication(): boolean {
    return AUTHENTICATION.has(this.code);
  }

  /** The terminal refused FaceGate's credentials (not its clock, which FaceGate measures itself). */
  get credentials(): boolean {
    return CREDENTIALS.has(this.code);
  }
}

/** No usable answer: network failure, timeout, HTTP error status or a body that is not the protocol's. */
export class TerminalUnreachableError extends Error {
  constructor(
    message: string,
    /** Network failures and timeouts are retried; a wrong answer is not. */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'TerminalUnreachableError';
  }
}

/** No request was sent: FaceGate waits before it contacts this terminal again (see TerminalBackoff). */
export class TerminalWaitingError extends TerminalUnreachableError {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message, false);
    this.name = 'TerminalWaitingError';
  }
}
