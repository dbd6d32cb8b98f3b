import { Injectable, Logger } from '@nestjs/common';
import { unixSeconds } from '../../common/clock/unix-seconds';
import { CoalescingPass } from '../../common/work/coalescing-pass';
import { RECORD_PAGE_CAP, SignObject } from '../terminal-api/terminal-api.types';
import { TerminalClock } from '../terminal-api/terminal-clock';
import { TerminalEndpoint, TerminalHttpClient } from '../terminal-api/terminal-http.client';
import { OnEveryInstance } from '../../common/cluster/on-every-instance.decorator';
import { TerminalChanged } from '../terminals/terminal-changed.event';
import { TerminalRegistry } from '../terminals/terminal-registry.service';
import { Terminal } from '../terminals/terminal.entity';
import { epoch } from './record-mapper';
import { RecordIngestor } from './record-ingestor.service';
import { describeGap, RecordSequence, StoredSequence } from './record-sequence.service';

/** About this much JSON a page (terminals are read in parallel): a captured face makes a record tens of kilobytes, or none at all. */
const PAGE_BYTES = 1024 * 1024;
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
  /** Per terminal, the id of its newest record at the last check. */
  private readonly newestSeen = new Map<number, number>();

  constructor(
    private readonly registry: TerminalRegistry,
    private readonly client: TerminalHttpClient,
    private readonly terminalClock: TerminalClock,
    private readonly ingestor: RecordIngestor,
    private readonly sequence: RecordSequence,
  ) {}

  @OnEveryInstance(TerminalChanged)
  async onTerminalChanged(event: TerminalChanged): Promise<void> {
    if (!event.removed) return;
    this.passes.delete(event.terminalId);
    this.newestSeen.delete(event.terminalId);
    await this.sequence.forget(event.terminalId);
  }

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
   * Cheap check that nothing is missing: a gap among the stored ids, or a record the terminal
   * already held at the previous check and that has still not been stored (a push that never
   * came; a newer record is usually just on its way) starts a backfill.
   */
  async check(terminalId: number): Promise<void> {
    await this.ingestor.drained();
    const stored = await this.sequence.advance(terminalId);
    if (stored && stored.gaps.length === 0) {
      // Read again just before the request: a terminal disabled since the check was planned gets none.
      const terminal = await this.registry.get(terminalId);
      if (!terminal.enabled) return;
      const newest = await this.newestOn(this.registry.endpoint(terminal));
      const overdue = this.newestSeen.get(terminalId) ?? 0;
      this.newestSeen.set(terminalId, Number(newest?.id) || 0);
      if (!(overdue > stored.newest.recordId)) return;
    }
    await this.run(terminalId);
  }

  private async backfill(terminalId: number): Promise<void> {
    await this.ingestor.drained();
    const terminal = await this.registry.get(terminalId);
    if (!terminal.enabled) return;
    const endpoint = this.registry.endpoint(terminal);
    const newest = await this.newestOn(endpoint);
    const pageSize = newest ? pageSizeFor(newest) : MIN_PAGE_SIZE;
    const stored = await this.sequence.advance(terminalId);
    let recovered = 0;
    for (const [startTime, endTime] of merged(this.windowsOf(terminal, stored, newest))) {
      recovered += await this.fetch(terminalId, endpoint, [startTime, endTime], stored?.completeUpTo ?? 0, pageSize);
    }
    await this.ingestor.drained();
    if (!stored) await this.sequence.begin(terminalId, this.baseline(terminalId, newest));
    const after = await this.sequence.advance(terminalId);
    if (after && after.gaps.length > 0) recovered += await this.searchEverything(terminalId, endpoint, after, pageSize);
    if (recovered > 0) this.logger.log(`terminal #${terminalId}: ${recovered} records recovered`);
  }

  /**
   * What to read: the gaps between stored ids, and what the terminal made after the newest stored;
   * the first time, everything since (a little before) the terminal was registered.
   */
  private windowsOf(terminal: Terminal, stored: StoredSequence | null, newest: SignObject | null): Window[] {
    if (!newest) return [];
    const newestTime = unixSeconds(epoch(newest.signTime) ?? new Date(this.terminalClock.now(terminal.id)));
    if (!stored) {
      const offsetS = Math.round((this.terminalClock.offsetMs(terminal.id) ?? 0) / 1000);
      return [[unixSeconds(terminal.createdAt) + offsetS - FIRST_MARGIN_S, newestTime + MARGIN_S]];
    }
    const windows = stored.gaps.map((gap) => span(unixSeconds(gap.previousSignedAt), unixSeconds(gap.nextSignedAt)));
    if (Number(newest.id) > stored.newest.recordId) windows.push(span(unixSeconds(stored.newest.signedAt), newestTime));
    return windows;
  }

  /**
   * Where the sequence starts when the first read stored nothing: after the terminal's newest
   * record (what it holds is from before it was registered, and is not read), or at 0 if it holds none.
   */
  private baseline(terminalId: number, newest: SignObject | null): { recordId: number; signedAt: Date } {
    const now = new Date(this.terminalClock.now(terminalId));
    const newestId = Number(newest?.id);
    return Number.isInteger(newestId) && newestId > 0 ? { recordId: newestId, signedAt: epoch(newest!.signTime) ?? now } : { recordId: 0, signedAt: now };
  }

  /**
   * Gaps not found in their time (a clock that jumped, or records overwritten): reads all the
   * terminal holds, and declares lost what it does not. A gap from id 1 of a terminal that was
   * empty when first read is not a loss: it numbers its records from further on.
   */
  private async searchEverything(terminalId: number, endpoint: TerminalEndpoint, stored: StoredSequence, pageSize: number): Promise<number> {
    this.logger.warn(`terminal #${terminalId}: ${stored.gaps.map(describeGap).join(', ')} missing from the records of their time: reading every record the terminal holds`);
    const recovered = await this.fetch(terminalId, endpoint, [FIRST_SECOND, LAST_SECOND], stored.completeUpTo, pageSize);
    await this.ingestor.drained();
    const gaps = (await this.sequence.advance(terminalId))?.gaps ?? [];
    if (gaps[0]?.first === 1) {
      const unnumbered = gaps.shift()!;
      await this.sequence.skipUnnumbered(terminalId, unnumbered);
      this.logger.log(`terminal #${terminalId} numbers its records from ${unnumbered.last + 1}`);
    }
    if (gaps.length > 0) {
      await this.sequence.declareLost(terminalId, gaps, LOST);
      for (const gap of gaps) this.logger.warn(`terminal #${terminalId}: ${describeGap(gap)} lost: ${LOST}`);
    }
    await this.sequence.advance(terminalId);
    return recovered;
  }

  /** The terminal's newest record (it lists newest first), or null when it holds none. */
  private async newestOn(endpoint: TerminalEndpoint): Promise<SignObject | null> {
    return (await this.client.records(endpoint, { startTime: FIRST_SECOND, endTime: LAST_SECOND, page: 1, size: 1 })).data[0] ?? null;
  }

  /**
   * Stores the records of the window whose ids are above `above` (those below are stored, given
   * up, or from before the terminal was registered), page by page. The window ends at a record
   * the terminal already held, so the pages hold still while records keep coming (one made within
   * that last second may push another to the next page: it is read twice and stored once). A
   * record without an id cannot be told from one stored before and is left out. Returns how many
   * were new.
   */
  private async fetch(terminalId: number, endpoint: TerminalEndpoint, [startTime, endTime]: Window, above: number, size: number): Promise<number> {
    let stored = 0;
    for (let page = 1; ; page++) {
      const answer = await this.client.records(endpoint, { startTime, endTime, page, size });
      const wanted = answer.data.filter((record) => Number.isInteger(Number(record.id)) && Number(record.id) > above);
      const rows = await this.ingestor.store(
        terminalId,
        wanted.map((record) => ({ kind: 'recognition' as const, record })),
        'backfill',
      );
      stored += rows.length;
      if (answer.data.length === 0 || page >= answer.totalPage) return stored;
    }
  }
}
