/**
 * Runs a pass of work at most once at a time. Callers during a pass share it, and cause one more
 * pass after it, so work that arrived meanwhile is never left waiting for the next timer.
 */
export class CoalescingPass {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly pass: () => Promise<void>) {}

  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => (this.running = null));
    return this.running;
  }

  /** The pass under way, if any (to wait for it on shutdown). */
  get current(): Promise<void> | null {
    return this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      await this.pass();
    } while (this.again);
  }
}
