/**
 * A terminal's record link changed state (`connected`, `connecting`, `disconnected`, `denied`): the
 * console shows doors going offline and coming back. A notification, not replayed.
 */
export class TerminalLinkChanged {
  static readonly eventName = 'terminal.link.changed';
  readonly terminalId: number;
  readonly linkState: 'disconnected' | 'connecting' | 'connected' | 'denied';
  readonly at: string;

  constructor(fields: TerminalLinkChanged) {
    Object.assign(this, fields);
  }
}
