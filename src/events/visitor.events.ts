/** Payloads of the visitor events. Times are ISO-8601 strings so payloads survive the outbox as JSON. */

/** One person of a visit as a door terminal needs them. */
export interface VisitorPerson {
  /** Stable id on the terminals (`userId`). */
  personId: string;
  /** The person's subject_id in the visitor system. */
  subjectId: number;
  name: string;
  phone: string;
  /** Fetchable over plain HTTP by the terminals; empty when the visitor gave no photo. */
  photoUrl: string;
}

/** Visitors signed in: they may pass the doors from `startTime` until `endTime`. */
export class VisitorSignedIn {
  static readonly eventName = 'visitor.signed_in';
  readonly applicationId: number;
  readonly people: VisitorPerson[];
  readonly startTime: string;
  readonly endTime: string;
  readonly signedInAt: string;

  constructor(fields: VisitorSignedIn) {
    Object.assign(this, fields);
  }
}

/** A visit's access ends before its window does (the record was deleted). */
export class VisitorAccessRevoked {
  static readonly eventName = 'visitor.access_revoked';
  readonly applicationId: number;
  readonly personIds: string[];
  readonly revokedAt: string;

  constructor(fields: VisitorAccessRevoked) {
    Object.assign(this, fields);
  }
}

/**
 * A visit was applied for, authorised, signed in, put back to waiting for authorisation or
 * deleted: consoles refresh what they show of today's visitors. A notification, not replayed.
 */
export class VisitChanged {
  static readonly eventName = 'visit.changed';
  readonly applicationId: number;
  readonly change: 'created' | 'authorised' | 'signed-in' | 'unauthorised' | 'deleted';
  readonly at: string;

  constructor(fields: VisitChanged) {
    Object.assign(this, fields);
  }
}
