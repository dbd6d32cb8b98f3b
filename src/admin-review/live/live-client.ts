import { WebSocket } from 'ws';
import { Principal } from '../../common/auth/principal';
import { LiveHourDto, LiveMessage, LiveRecordDto } from './live-message';

/** Records sent in one message; older ones of the same interval are counted, not sent. */
export const MAX_RECORDS_PER_MESSAGE = 50;
/** A console that reads slower than this much unsent data gets counts instead of records. */
const MAX_BUFFERED_BYTES = 1 << 20;

/** One console on the live socket: who it is, and the records waiting for the next message. */
export class LiveClient {
  private pending: LiveRecordDto[] = [];
  private skipped = 0;
  /** Entries of every record queued since the last message, sent or left out, by hour. */
  private hours = new Map<string, LiveHourDto>();

  constructor(
    readonly socket: WebSocket,
    public principal: Principal,
  ) {}

  send(message: LiveMessage): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  /** `hour`: the start of the record's hour when it is someone at a door. */
  queue(record: LiveRecordDto, hour: string | null): void {
    if (hour) {
      let tally = this.hours.get(hour);
      if (!tally) this.hours.set(hour, (tally = { start: hour, passed: 0, denied: 0 }));
      tally[record.denied ? 'denied' : 'passed'] += 1;
    }
    this.pending.push(record);
    if (this.pending.length > MAX_RECORDS_PER_MESSAGE) this.skipped += this.pending.splice(0, this.pending.length - MAX_RECORDS_PER_MESSAGE).length;
  }

  /** Sends what queued since the last flush: the newest records and how many were left out. */
  flush(): void {
    if (this.pending.length === 0 && this.skipped === 0) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.skipped += this.pending.length;
      this.pending = [];
      return;
    }
    this.send({ type: 'records', items: this.pending, skipped: this.skipped, hours: [...this.hours.values()] });
    this.pending = [];
    this.skipped = 0;
    this.hours = new Map();
  }
}
