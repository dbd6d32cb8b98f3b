/**
 * A terminal reported a recognition or a callback. The record itself is stored
 * (`access_record`) before this is emitted; the event is a notification and is not replayed.
 */
export class AccessRecordReceived {
  static readonly eventName = 'access.record.received';
  /** FaceGate's record id. */
  readonly id: number;
  readonly terminalId: number;
  readonly kind: string;
  readonly userId: string | null;
  readonly name: string | null;
  /** 1 employee, 2 visitor, 3 blacklist, -1 stranger. */
  readonly userType: number | null;
  readonly signedAt: string;
  readonly similarity: number | null;
  readonly temperature: number | null;
  /** Whether the terminal opened the door (null when it did not say). */
  readonly doorOpened: boolean | null;
  /** A stranger, a blacklisted person, or a door the terminal kept shut. */
  readonly denied: boolean;
  /** Someone at a door (a recognition or a /syface callback), not a temperature, a provisioning result or a heartbeat. */
  readonly entry: boolean;

  constructor(fields: AccessRecordReceived) {
    Object.assign(this, fields);
  }
}
