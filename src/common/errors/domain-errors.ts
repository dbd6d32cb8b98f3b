/**
 * Typed errors that services throw. They know nothing of wire protocols: each protocol's
 * exception filter maps them to its own codes and envelope.
 */
export abstract class DomainError extends Error {
  constructor(
    message: string,
    /** Extra facts for the caller, e.g. the fields that failed validation. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The request itself is malformed: missing, unparsable or out-of-range input. */
export class InvalidInputError extends DomainError {}

/** No valid credentials came with the request (missing, forged, expired or revoked token). */
export class NotAuthenticatedError extends DomainError {}

/** The caller is known but may not do this. */
export class PermissionDeniedError extends DomainError {}

/** User name and password did not match, or the account is locked out. */
export class CredentialsRejectedError extends DomainError {}

/** The thing asked for does not exist. */
export class NotFoundError extends DomainError {}

/** The request conflicts with what is stored (e.g. already registered). */
export class ConflictError extends DomainError {}

/** A change was asked for but none of its targets could be changed. */
export class NothingChangedError extends DomainError {}

/** An outside service (WeChat, SMS, a terminal) failed or refused. */
export class UpstreamError extends DomainError {}

/** Encrypted data from a client could not be decrypted or did not verify. */
export class UndecryptableError extends DomainError {}

/** A new password was refused by the password rules. */
export class PasswordRejectedError extends DomainError {}

/** The current password given to authorise a change was wrong. */
export class WrongPasswordError extends DomainError {}

/** The caller went over a rate limit; `retryAfterSeconds` until it may try again. */
export class TooManyRequestsError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** Too many wrong current passwords were given to a password change; `retryAfterSeconds` until the next may be tried. */
export class TooManyWrongPasswordsError extends TooManyRequestsError {}

/** A part of the service is not ready yet or is saturated (e.g. the face engine is loading); try again after `retryAfterSeconds`. */
export class UnavailableError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
