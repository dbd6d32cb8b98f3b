import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock/clock';

/** A terminal refuses a signed timestamp more than five minutes from its own clock (spec 4.2). */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;
/** Without a Date header, offsets this far either way are tried, in steps the window covers. */
const SEARCH_RANGE_MS = 2 * 3600_000;
const SEARCH_STEP_MS = 8 * 60_000;
/** The edges of the accepted window are found to this precision. */
const EDGE_PRECISION_MS = 1000;

/** Whether the terminal accepts a request signed at service time + `offsetMs`. */
export type ClockProbe = (offsetMs: number) => Promise<boolean>;

/**
 * Finds how far the terminal's clock is from ours. The Date header of its refusal is tried first;
 * otherwise offsets are tried outwards from zero until one is accepted, and the window's two edges
 * are narrowed down by bisection: the offset is their middle. Null when nothing in range is accepted.
 */
export async function searchOffset(probe: ClockProbe, hintMs?: number): Promise<number | null> {
  if (hintMs !== undefined && (await probe(hintMs))) return hintMs;
  let accepted: number | null = null;
  for (let k = 1; k * SEARCH_STEP_MS <= SEARCH_RANGE_MS && accepted === null; k++) {
    for (const candidate of [k * SEARCH_STEP_MS, -k * SEARCH_STEP_MS]) {
      if (await probe(candidate)) {
        accepted = candidate;
        break;
      }
    }
  }
  if (accepted === null) return null;
  const low = await edge(probe, accepted - 2 * SIGNATURE_WINDOW_MS, accepted);
  const high = await edge(probe, accepted + 2 * SIGNATURE_WINDOW_MS, accepted);
  return Math.round((low + high) / 2);
}

/** The accepted offset nearest to `refused` between it and `accepted`, by bisection. */
async function edge(probe: ClockProbe, refused: number, accepted: number): Promise<number> {
  while (Math.abs(accepted - refused) > EDGE_PRECISION_MS) {
    const middle = Math.round((refused + accepted) / 2);
    if (await probe(middle)) accepted = middle;
    else refused = middle;
  }
  return accepted;
}

/**
 * What FaceGate knows of each terminal's clock. Requests are signed with the terminal's time, so
 * a terminal whose clock is off by more than the signature window still answers; the records it
 * sends keep its own time.
 */
@Injectable()
export class TerminalClock {
  private readonly logger = new Logger(TerminalClock.name);
  private readonly offsets = new Map<number, number>();
  private readonly searches = new Map<number, Promise<number | null>>();

  constructor(private readonly clock: Clock) {}

  /** The terminal's time in milliseconds, as far as FaceGate knows it. */
  now(terminalId: number): number {
    return this.clock.now().getTime() + (this.offsets.get(terminalId) ?? 0);
  }

  /** Terminal time minus service time; null until the terminal refused a timestamp and was measured. */
  offsetMs(terminalId: number): number | null {
    return this.offsets.get(terminalId) ?? null;
  }

  set(terminalId: number, offsetMs: number): void {
    this.offsets.set(terminalId, offsetMs);
  }

  forget(terminalId: number): void {
    this.offsets.delete(terminalId);
  }

  /** Measures the terminal's offset after it refused a timestamp; concurrent callers share one search. */
  measure(terminalId: number, probe: ClockProbe, hintMs?: number): Promise<number | null> {
    let search = this.searches.get(terminalId);
    if (!search) {
      search = searchOffset(probe, hintMs)
        .then((offset) => {
          if (offset === null) {
            this.logger.warn(`terminal #${terminalId} refuses every timestamp within ${SEARCH_RANGE_MS / 3600_000} h of ours: set its clock`);
          } else {
            this.offsets.set(terminalId, offset);
            this.logger.warn(`terminal #${terminalId}'s clock is ${Math.abs(Math.round(offset / 1000))} s ${offset >= 0 ? 'ahead of' : 'behind'} ours: requests are signed with its time`);
          }
          return offset;
        })
        .finally(() => this.searches.delete(terminalId));
      this.searches.set(terminalId, search);
    }
    return search;
  }
}
