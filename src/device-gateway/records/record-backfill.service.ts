import { Injectable, Logger } from '@nestjs/common';
import { unixSeconds } from '../../common/clock/unix-seconds';
import { CoalescingPass } from '../../common/work/coalescing-pass';
import { RECORD_PAGE_CAP, SignObject } from '../terminal-api/terminal-api.types';
import { TerminalClock } from '../terminal-api/terminal-clock';
import { TerminalEndpoint, TerminalHttpClient } from '../terminal-api/terminal-http.client';
import { TerminalRegistry } from '../terminals/terminal-registry.service';
import { epoch } from './record-mapper';
import { RecordIngestor } from './record-ingestor.service';
import { describeGap, RecordSequence, StoredSequence } from './record-sequence.service';

/** About this much JSON a page: a captured face makes a record tens of kilobytes, or none at all. */
const PAGE_BYTES = 4 * 1024 * 1024;
const MIN_PAGE_SIZE = 20;
/** A gap's records were made between its neighbours; their seconds are widened by this much. */
const MARGIN_S = 2;
/** A first backfill also reads this long before the terminal was registered (its clock may be behind). */
const FIRST_MARGIN_S = 600;
/** The earliest and latest times to ask for everything: 0 may mean "today" and some firmware reads 32-bit integers. */
const FIRST_SECOND = 1;
const LAST_SECOND = 2 ** 31 - 1;
const LOST = 'the terminal no longer holds them (a full read of its records did not find them)';

/** [start, end] in Unix seconds. */
type Window = [number, number];

/** The window from `a` to `b` (either order), widened by the margin. */
function span(a: number, b: number): Window {
  return [Math.min(a, b) - MARGIN_S, Math.max(a, b) + MARGIN_S];
}

/** Records a page, so that a page is about PAGE_BYTES if its records are the size of `sample`. */
function pageSizeFor(sample: SignObject): number {
  return Math.max(MIN_PAGE_SIZE, Math.min(RECORD_PAGE_CAP, Math.floor(PAGE_BYTES / Math.max(256, JSON.stringify(sample).length))));
}

/** Overlapping windows as one, in order. */
function merged(windows: Window[]): Window[] {
  const out: Window[] = [];
  for (const window of [...windows].sort((a, b) => a[0] - b[0])) {
    const last = out[out.length - 1];
    if (last && window[0] <= last[1]) last[1] = Math.max(last[1], window[1]);
    else out.push([...window]);
  }
  return out;
}

/**
 * Makes a terminal's stored records complete. What is missing is decided by record id (terminals
 * number their records one by one), never by time: a gap between stored ids is read back through
 * GET /api/record from its neighbours' times, and records the terminal made after the newest one
 * stored from that one's time up to the terminal's newest record. Nothing pushed meanwhile can
 * hide a gap (see RecordSequence). Ids still missing are looked for in everything the terminal
 * holds; those it does not hold are declared lost, with a warning and a count on the terminal.
 */
@Injectable()
export class RecordBackfill {
  private readonly logger = new Logger(RecordBackfill.name);
  private readonly passes = new Map<number, CoalescingPass>();

  constructor(
    private readonly registry: TerminalRegistry,
    private readonly client: TerminalHttpClient,
    private readonly terminalClock: TerminalClock,
    private readonly ingestor: RecordIngestor,
    private readonly sequence: RecordSequence,
  ) {}

  /** Backfills the terminal; callers during a run share it (and cause one more). */
  run(terminalId: number): Promise<void> {
    let pass = this.passes.get(terminalId);
    if (!pass) {
      pass = new CoalescingPass(() => this.backfill(terminalId));
      this.passes.set(terminalId, pass);
    }
    return pass.run();
  }

  /**
   * Cheap check that nothing is missing: a gap among the stored ids, or a newer record on the
   * terminal than the newest stored (a push that never came), starts a backfill.
   */
  async check(terminalId: number): Promise<void> {
    await this.ingestor.drained();
    const stored = await this.sequence.advance(terminalId);
    if (stored && stored.gaps.length === 0) {
      const newest = await this.newestOn(this.registry.endpoint(await this.registry.get(terminalId)));
      if (!newest || !(Number(newest.id) > stored.newest.recordId)) return;
    }
    await this.run(terminalId);
  }

  private async backfill(terminalId: number): Promise<void> {
    await this.ingestor.drained();
    const terminal = await this.registry.get(terminalId);
    if (!terminal.enabled) return;
    const endpoint = this.registry.endpoint(terminal);
    const newest = await this.newestOn(endpoint);
    if (!newest) return;
    const newestTime = unixSeconds(epoch(newest.signTime) ?? new Date(this.terminalClock.now(terminalId)));
    let stored = await this.sequence.advance(terminalId);
    let windows: Window[];
    if (stored) {
      windows = this.windowsOf(stored, Number(newest.id), newestTime);
    } else {
      const offsetS = Math.round((this.terminalClock.offsetMs(terminalId) ?? 0) / 1000);
      windows = [[unixSeconds(terminal.createdAt) + offsetS - FIRST_MARGIN_S, newestTime + MARGIN_S]];
    }
    const pageSize = pageSizeFor(newest);
    let recovered = 0;
    for (const [startTime, endTime] of merged(windows)) recovered += await this.fetch(terminalId, endpoint, startTime, endTime, pageSize);
    await this.ingestor.drained();
    await this.sequence.begin(terminalId);
    stored = await this.sequence.advance(terminalId);
    if (stored && stored.gaps.length > 0) recovered += await this.searchEverything(terminalId, endpoint, stored, pageSize);
    if (recovered > 0) this.logger.log(`terminal #${terminalId}: ${recovered} records recovered`);
  }

  /** The gaps between stored ids, and what the terminal made after the newest stored. */
  private windowsOf(stored: StoredSequence, newestId: number, newestTime: number): Window[] {
    const windows = stored.gaps.map((gap) => span(unixSeconds(gap.previousSignedAt), unixSeconds(gap.nextSignedAt)));
    if (newestId > stored.newest.recordId) windows.push(span(unixSeconds(stored.newest.signedAt), newestTime));
    return windows;
  }

  /** Gaps not found in their time (a clock that jumped, or records overwritten): read all the terminal holds; declare lost what it does not. */
  private async searchEverything(terminalId: number, endpoint: TerminalEndpoint, stored: StoredSequence, pageSize: number): Promise<number> {
    this.logger.warn(`terminal #${terminalId}: ${stored.gaps.map(describeGap).join(', ')} missing from the records of their time: reading every record the terminal holds`);
    const recovered = await this.fetch(terminalId, endpoint, FIRST_SECOND, LAST_SECOND, pageSize);
    await this.ingestor.drained();
    const gaps = (await this.sequence.advance(terminalId))?.gaps ?? [];
    if (gaps.length > 0) {
      await this.sequence.declareLost(terminalId, gaps, LOST);
      for (const gap of gaps) this.logger.warn(`terminal #${terminalId}: ${describeGap(gap)} lost: ${LOST}`);
      await this.sequence.advance(terminalId);
    }
    return recovered;
  }

  /** The terminal's newest record (it lists newest first), or null when it holds none. */
  private async newestOn(endpoint: TerminalEndpoint): Promise<SignObject | null> {
    return (await this.client.records(endpoint, { startTime: FIRST_SECOND, endTime: LAST_SECOND, page: 1, size: 1 })).data[0] ?? null;
  }

  /**
   * Stores every record of the window, page by page. The window ends at a record the terminal
   * already held, so the pages hold still while records keep coming (one made within that last
   * second may push another to the next page: it is read twice and stored once). Returns how many
   * were new.
   */
  private async fetch(terminalId: number, endpoint: TerminalEndpoint, startTime: number, endTime: number, size: number): Promise<number> {
    let stored = 0;
    for (let page = 1; ; page++) {
      const answer = await this.client.records(endpoint, { startTime, endTime, page, size });
      const rows = await this.ingestor.store(
        terminalId,
        answer.data.map((record) => ({ kind: 'recognition' as const, record })),
        'backfill',
      );
      stored += rows.length;
      if (answer.data.length === 0 || page >= answer.totalPage) return stored;
    }
  }
}
