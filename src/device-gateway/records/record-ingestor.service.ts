import { Injectable, Logger } from '@nestjs/common';
import { ENTRY_KINDS, isDenied } from './access-record.filter';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../common/clock/clock';
import { FileStorage } from '../../common/storage/file-storage';
import { AccessRecordReceived } from '../../events';
import { AccessRecord, RecordKind, RecordSource } from './access-record.entity';
import { IncomingRecord, recordFields, splitFields } from './record-mapper';
import { AccessRecordQuery } from './access-record.query';
import { AccessRecordWriter } from './access-record.writer';

/** Records of one terminal are written together once this many wait, or after FLUSH_MS. */
const BATCH = 200;
const FLUSH_MS = 20;
const EXTRA_LIMIT = 4000;
/** The same record sent again carries the same time; SQL Server keeps times to about 3 ms. */
const SAME_TIME_MS = 1000;

/** A record on its way in: the row, and what goes to files. */
interface Incoming {
  row: AccessRecord;
  avatar: string | null;
  unknown: Record<string, unknown>;
}

export interface IncomingBatchItem {
  kind: RecordKind;
  record: IncomingRecord;
  /** Set on the stored row, e.g. whether /syface opened the door. */
  doorOpened?: boolean | null;
}

/**
 * Stores what terminals report. Writes are serialised per terminal and batched; a record the
 * terminal already sent (same record id) is stored once, whether it came pushed or backfilled.
 * Captured faces go to private files, unknown fields to `extra`.
 */
@Injectable()
export class RecordIngestor {
  private readonly logger = new Logger(RecordIngestor.name);
  private readonly pending = new Map<number, { source: RecordSource; item: IncomingBatchItem }[]>();
  private readonly chains = new Map<number, Promise<unknown>>();
  private readonly timers = new Map<number, NodeJS.Timeout>();

  constructor(
    private readonly writer: AccessRecordWriter,
    private readonly query: AccessRecordQuery,
    private readonly storage: FileStorage,
    private readonly emitter: EventEmitter2,
    private readonly clock: Clock,
  ) {}

  /** Queues a pushed record; it is stored within FLUSH_MS. */
  accept(terminalId: number, record: IncomingRecord, source: RecordSource): void {
    const queue = this.pending.get(terminalId) ?? [];
    queue.push({ source, item: { kind: 'recognition', record } });
    this.pending.set(terminalId, queue);
    if (queue.length >= BATCH) this.flush(terminalId);
    else if (!this.timers.has(terminalId)) this.timers.set(terminalId, setTimeout(() => this.flush(terminalId), FLUSH_MS));
  }

  /** Stores records now, in order with everything queued for the terminal; resolves with the rows stored. */
  store(terminalId: number, items: IncomingBatchItem[], source: RecordSource): Promise<AccessRecord[]> {
    this.flush(terminalId);
    return this.serial(terminalId, () => this.write(terminalId, items, source));
  }

  /** Resolves when everything received so far is stored. */
  async drained(): Promise<void> {
    for (const terminalId of [...this.pending.keys()]) this.flush(terminalId);
    await Promise.all(this.chains.values());
  }

  private flush(terminalId: number): void {
    clearTimeout(this.timers.get(terminalId));
    this.timers.delete(terminalId);
    const queue = this.pending.get(terminalId);
    if (!queue?.length) return;
    this.pending.delete(terminalId);
    void this.serial(terminalId, async () => {
      for (const source of new Set(queue.map((q) => q.source))) {
        await this.write(
          terminalId,
          queue.filter((q) => q.source === source).map((q) => q.item),
          source,
        );
      }
    }).catch((error: Error) => this.logger.error(`storing ${queue.length} records of terminal #${terminalId}: ${error.message}`, error.stack));
  }

  private serial<T>(terminalId: number, work: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(terminalId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.chains.set(terminalId, next);
    void next.finally(() => {
      if (this.chains.get(terminalId) === next) this.chains.delete(terminalId);
    }).catch(() => undefined);
    return next;
  }

  private async write(terminalId: number, items: IncomingBatchItem[], source: RecordSource): Promise<AccessRecord[]> {
    const now = this.clock.now();
    const incoming: Incoming[] = [];
    const seen = new Set<number>();
    for (const item of items) {
      const { known, unknown } = splitFields(item.record);
      const row = Object.assign(new AccessRecord(), recordFields(terminalId, item.kind, source, known, now), {
        avatarKey: null,
        extra: null,
        doorOpened: item.doorOpened ?? null,
      });
      if (row.recordId !== null) {
        if (seen.has(row.recordId)) continue;
        seen.add(row.recordId);
      }
      incoming.push({ row, avatar: typeof known.signAvatar === 'string' && known.signAvatar ? known.signAvatar : null, unknown });
    }
    const fresh = await this.withoutStored(terminalId, incoming);
    await Promise.all(fresh.map((record) => this.writeFiles(record)));
    const rows = await this.writer.insertAll(fresh.map((record) => record.row));
    for (const row of rows) this.announce(row);
    return rows;
  }

  /**
   * Records the terminal sent before (same record id) are dropped here, before their files are
   * written. A record whose id is stored with another time is a different record: the terminal
   * numbers its records again from the start (it was reset, or its records cleared). It is kept
   * without the id (its id goes to `extra`), and said loudly: only re-registering the terminal
   * restores its record ids.
   */
  private async withoutStored(terminalId: number, incoming: Incoming[]): Promise<Incoming[]> {
    const fresh: Incoming[] = [];
    const reused: number[] = [];
    for (const record of incoming) {
      const recordId = record.row.recordId;
      const stored = recordId === null ? null : await this.query.stored(terminalId, recordId);
      if (!stored) fresh.push(record);
      else if (Math.abs(stored.signedAt.getTime() - record.row.signedAt.getTime()) >= SAME_TIME_MS) {
        reused.push(recordId!);
        record.row.recordId = null;
        record.unknown.reusedRecordId = recordId;
        fresh.push(record);
      }
    }
    if (reused.length > 0) {
      this.logger.warn(
        `terminal #${terminalId} sent records under ids it used before for other records (${reused.join(', ')}): it numbers its records from the start again (reset, or records cleared). They are kept without their ids; re-register the terminal so that its records can be checked for gaps again`,
      );
    }
    return fresh;
  }

  /** The captured face, and extras too long for the row, go to private files; the row keeps their keys. */
  private async writeFiles({ row, avatar, unknown }: Incoming): Promise<void> {
    const name = row.recordId ?? `${row.kind}-${row.receivedAt.getTime()}-${randomUUID().slice(0, 8)}`;
    const base = `records/${row.terminalId}/${row.signedAt.toISOString().slice(0, 10).replace(/-/g, '/')}/${name}`;
    if (avatar) {
      row.avatarKey = `${base}.jpg`;
      await this.storage.write('private', row.avatarKey, Buffer.from(avatar.replace(/^data:image\/\w+;base64,/, ''), 'base64'));
    }
    if (Object.keys(unknown).length === 0) return;
    const json = JSON.stringify(unknown);
    if (json.length <= EXTRA_LIMIT) {
      row.extra = json;
      return;
    }
    const key = `${base}.json`;
    await this.storage.write('private', key, Buffer.from(json, 'utf8'));
    row.extra = JSON.stringify({ $file: key });
  }

  private announce(row: AccessRecord): void {
    this.emitter.emit(
      AccessRecordReceived.eventName,
      new AccessRecordReceived({
        id: row.id,
        terminalId: row.terminalId,
        kind: row.kind,
        userId: row.userId,
        name: row.name,
        userType: row.userType,
        signedAt: row.signedAt.toISOString(),
        similarity: row.similarity,
        temperature: row.temperature,
        doorOpened: row.doorOpened,
        denied: isDenied(row),
        entry: ENTRY_KINDS.includes(row.kind),
      }),
    );
  }
}
