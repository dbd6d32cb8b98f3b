/**
 * Inside the device gateway only: a terminal was added, changed or removed, so its record link,
 * provisioning and status must follow. Not part of the bus contract (src/events).
 */
export class TerminalChanged {
  static readonly eventName = 'device-gateway.terminal-changed';

  constructor(
    readonly terminalId: number,
    readonly removed = false,
  ) {}
}
