/** Told when this instance gains (`owned` true) or loses a terminal. */
export type OwnershipListener = (terminalId: number, owned: boolean) => void;

/**
 * Which terminals this instance acts for: their record links, provisioning lanes, reconciliation
 * and record checks. A single process acts for all of them; in a cluster each terminal has one
 * owner at a time (LeasedTerminalOwnership).
 */
export abstract class TerminalOwnership {
  /** Whether this instance may act for the terminal now: ask before each request to it. */
  abstract owns(terminalId: number): boolean;

  /** Also tell `listener` of terminals gained and lost. */
  abstract onChange(listener: OwnershipListener): void;

  /** Whether some terminals belong to other instances. */
  abstract readonly shared: boolean;
}

/** One process for the whole site: every terminal is its own, always. */
export class WholeSiteOwnership extends TerminalOwnership {
  readonly shared = false;

  owns(): boolean {
    return true;
  }

  onChange(): void {}
}
