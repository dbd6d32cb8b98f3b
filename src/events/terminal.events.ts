/**
 * A terminal's record link changed state (`connected`, `connecting`, `disconnected`, `denied`), or
 * the terminal began or stopped refusing FaceGate's password: the console shows doors going
 * offline and coming back. A notification, not replayed.
 */
export class TerminalLinkChanged {
  static readonly eventName = 'terminal.link.changed';
  readonly terminalId: number;
  readonly linkState: 'disconnected' | 'connecting' | 'connected' | 'denied';
  /** Since when the terminal refuses FaceGate's password (ISO 8601), or null. */
  readonly credentialsRefusedAt: string | null;
  readonly at: string;

  constructor(fields: TerminalLinkChanged) {
    Object.assign(this, fields);
  }
}
