import { Clock } from '../../src/common/clock/clock';

/** A clock that follows real time plus an offset the test can move forward. */
export class TestClock extends Clock {
  private offsetMs = 0;

  override now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
