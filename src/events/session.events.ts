/**
 * Sessions of one account ended (logout, password change, role change): what stays connected
 * with them (the console's live socket) closes now rather than at its next check. A notification,
 * not replayed.
 */
export class SessionsEnded {
  static readonly eventName = 'auth.sessions.ended';
  readonly role: string;
  readonly subject: string;

  constructor(fields: SessionsEnded) {
    Object.assign(this, fields);
  }
}
