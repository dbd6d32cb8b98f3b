import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { PreparedQuery } from '../../database/prepared-query';
import { RECORD_PAGE_CAP } from '../terminal-api/terminal-api.types';
import { TerminalHttpClient } from '../terminal-api/terminal-http.client';
import { TerminalRegistry } from '../terminals/terminal-registry.service';
import { AccessRecord } from './access-record.entity';
import { RecordIngestor } from './record-ingestor.service';
import { unixSeconds } from '../../common/clock/unix-seconds';

/** Terminal clocks drift; ask a little beyond "now" so nothing recorded just now is left out. */
const CLOCK_MARGIN_S = 300;

/**
 * After a record link (re)connects, fetches through GET /api/record what the terminal recorded
 * since the last stored record (or since the terminal was registered), so nothing pushed while
 * the link was down is lost. Records already stored are recognised by their id.
 */
@Injectable()
export class RecordBackfill {
  private readonly logger = new Logger(RecordBackfill.name);
  private readonly lastRecord: PreparedQuery<AccessRecord>;

  constructor(
    dataSource: DataSource,
    private readonly registry: TerminalRegistry,
    private readonly client: TerminalHttpClient,
    private readonly ingestor: RecordIngestor,
    private readonly clock: Clock,
  ) {
    this.lastRecord = new PreparedQuery(
      dataSource,
      AccessRecord,
      "SELECT MAX(signed_at) AS signed_at FROM access_record WHERE terminal_id = :terminalId AND kind = 'recognition'",
    );
  }

  /** Returns how many records were missing. */
  async run(terminalId: number): Promise<number> {
    await this.ingestor.drained();
    const terminal = await this.registry.get(terminalId);
    const endpoint = this.registry.endpoint(terminal);
    const last = (await this.lastRecord.one({ terminalId }))?.signedAt ?? terminal.createdAt;
    const startTime = unixSeconds(last);
    const endTime = unixSeconds(this.clock.now()) + CLOCK_MARGIN_S;
    let stored = 0;
    for (let page = 1; ; page++) {
      const answer = await this.client.records(endpoint, { startTime, endTime, page, size: RECORD_PAGE_CAP });
      const rows = await this.ingestor.store(
        terminalId,
        answer.data.map((record) => ({ kind: 'recognition' as const, record })),
        'backfill',
      );
      stored += rows.length;
      if (answer.data.length === 0 || page >= answer.totalPage) break;
    }
    if (stored > 0) this.logger.log(`terminal #${terminalId}: ${stored} records recovered after the link came back`);
    return stored;
  }
}
