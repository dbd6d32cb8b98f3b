import { Injectable, Logger } from '@nestjs/common';
import { unixSeconds } from '../../common/clock/unix-seconds';
import { CoalescingPass } from '../../common/work/coalescing-pass';
import { TerminalClock } from '../terminal-api/terminal-clock';
import { TerminalEndpoint, TerminalHttpClient } from '../terminal-api/terminal-http.client';
import { TerminalRegistry } from '../terminals/terminal-registry.service';
import { RecordIngestor } from './record-ingestor.service';
import { describeGap, RecordSequence } from './record-sequence.service';

/** Records a page: a captured face makes a record tens of kilobytes. */
const PAGE_SIZE = 100;
/** The window opens this long before the last complete record: records of one second, small clock steps. */
const START_MARGIN_S = 120;
/** A first backfill also reads this long before the terminal was registered (its clock may be behind). */
const FIRST_MARGIN_S = 600;
/** And reads this far past the terminal's "now", in case its clock is ahead of what FaceGate measured. */
const END_MARGIN_S = 24 * 3600;
/** The latest time a terminal reading timestamps as 32-bit integers understands. */
const LAST_SECOND = 2 ** 31 - 1;
const LOST = 'the terminal no longer holds them (a full read of its records did not find them)';

/**
 * Makes a terminal's stored records complete. What is missing is decided by record id (terminals
 * number their records one by one), never by time: the window read through GET /api/record starts
 * at the last record below which nothing is missing, so a record pushed meanwhile cannot move it.
 * Ids still missing after that are looked for in everything the terminal holds; those it does not
 * hold are declared lost, with a warning and a count on the terminal.
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
    const gaps = await this.sequence.advance(terminalId);
    const cursor = await this.sequence.cursor(terminalId);
    if (gaps.length === 0 && cursor) {
      const terminal = await this.registry.get(terminalId);
      const newest = await this.client.records(this.registry.endpoint(terminal), {
        startTime: unixSeconds(cursor.signedAt) - START_MARGIN_S,
        endTime: this.endOfWindow(terminalId),
        page: 1,
        size: 1,
      });
      const newestId = Number(newest.data[0]?.id);
      if (!(newestId > cursor.recordId)) return;
    }
    await this.run(terminalId);
  }

  private async backfill(terminalId: number): Promise<void> {
    await this.ingestor.drained();
    const terminal = await this.registry.get(terminalId);
    if (!terminal.enabled) return;
    const endpoint = this.registry.endpoint(terminal);
    const cursor = await this.sequence.cursor(terminalId);
    const offsetS = Math.round((this.terminalClock.offsetMs(terminalId) ?? 0) / 1000);
    const startTime = cursor ? unixSeconds(cursor.signedAt) - START_MARGIN_S : unixSeconds(terminal.createdAt) + offsetS - FIRST_MARGIN_S;
    let recovered = await this.fetch(terminalId, endpoint, startTime, this.endOfWindow(terminalId));
    await this.ingestor.drained();
    if (!cursor && !(await this.sequence.begin(terminalId))) return;
    let gaps = await this.sequence.advance(terminalId);
    if (gaps.length > 0) {
      this.logger.warn(`terminal #${terminalId}: ${gaps.map(describeGap).join(', ')} missing from the records of their time: reading every record the terminal holds`);
      recovered += await this.fetch(terminalId, endpoint, 1, LAST_SECOND);
      await this.ingestor.drained();
      gaps = await this.sequence.advance(terminalId);
      if (gaps.length > 0) {
        await this.sequence.declareLost(terminalId, gaps, LOST);
        for (const gap of gaps) this.logger.warn(`terminal #${terminalId}: ${describeGap(gap)} lost: ${LOST}`);
        await this.sequence.advance(terminalId);
      }
    }
    if (recovered > 0) this.logger.log(`terminal #${terminalId}: ${recovered} records recovered`);
  }

  /**
   * Stores every record of the window, page by page. The terminal lists newest first, so records
   * it makes meanwhile push the rest to later pages: some are read twice (and stored once), none
   * is skipped. Returns how many were new.
   */
  private async fetch(terminalId: number, endpoint: TerminalEndpoint, startTime: number, endTime: number): Promise<number> {
    let stored = 0;
    for (let page = 1; ; page++) {
      const answer = await this.client.records(endpoint, { startTime, endTime, page, size: PAGE_SIZE });
      const rows = await this.ingestor.store(
        terminalId,
        answer.data.map((record) => ({ kind: 'recognition' as const, record })),
        'backfill',
      );
      stored += rows.length;
      if (answer.data.length === 0 || page >= answer.totalPage) return stored;
    }
  }

  private endOfWindow(terminalId: number): number {
    return Math.min(Math.floor(this.terminalClock.now(terminalId) / 1000) + END_MARGIN_S, LAST_SECOND);
  }
}
