/** Payloads of the face-registration events. Times are ISO-8601 strings so payloads survive the outbox as JSON. */

export class FaceRegistrationSubmitted {
  static readonly eventName = 'face.registration.submitted';
  readonly registrationId: number;
  readonly openId: string;
  readonly name: string;
  readonly phone: string;
  /** 0 pending review, 1 approved at once (review switched off). */
  readonly state: number;
  readonly submittedAt: string;

  constructor(fields: FaceRegistrationSubmitted) {
    Object.assign(this, fields);
  }
}

/** Everything a door terminal needs to admit the person. */
export class FaceRegistrationApproved {
  static readonly eventName = 'face.registration.approved';
  readonly registrationId: number;
  /** Stable id of the person on the terminals (`userId`, at most 40 characters). */
  readonly personId: string;
  readonly name: string;
  readonly phone: string;
  readonly cardNumber: string;
  /** Fetchable over plain HTTP by the terminals. */
  readonly photoUrl: string;
  readonly approvedAt: string;

  constructor(fields: FaceRegistrationApproved) {
    Object.assign(this, fields);
  }
}

export class FaceRegistrationRejected {
  static readonly eventName = 'face.registration.rejected';
  readonly registrationId: number;
  readonly personId: string;
  readonly rejectedAt: string;

  constructor(fields: FaceRegistrationRejected) {
    Object.assign(this, fields);
  }
}

/** Emitted by the device gateway once every target terminal holds the person. */
export class FaceRegistrationProvisioned {
  static readonly eventName = 'face.registration.provisioned';
  readonly registrationId: number;
  readonly personId: string;
  readonly provisionedAt: string;

  constructor(fields: FaceRegistrationProvisioned) {
    Object.assign(this, fields);
  }
}

/** Emitted by the device gateway when a terminal refuses the person for good (no face, bad image, mismatch). */
export class FaceRegistrationProvisioningFailed {
  static readonly eventName = 'face.registration.provisioning_failed';
  readonly registrationId: number;
  readonly personId: string;
  readonly terminalId: number;
  readonly terminalName: string;
  /** The terminal's error code, e.g. 30002. */
  readonly code: number | null;
  readonly reason: string;
  readonly failedAt: string;

  constructor(fields: FaceRegistrationProvisioningFailed) {
    Object.assign(this, fields);
  }
}

/** An administrator deleted the registration: the person must leave every terminal. */
export class FaceRegistrationDeleted {
  static readonly eventName = 'face.registration.deleted';
  readonly registrationId: number;
  readonly personId: string;
  readonly deletedAt: string;

  constructor(fields: FaceRegistrationDeleted) {
    Object.assign(this, fields);
  }
}
