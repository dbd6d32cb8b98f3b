import { WebSocket } from 'ws';
import { Principal } from '../../common/auth/principal';
import { LiveMessage, LiveRecordDto } from './live-message';

/** Records sent in one message; older ones of the same interval are counted, not sent. */
export const MAX_RECORDS_PER_MESSAGE = 50;
/** A console that reads slower than this much unsent data gets counts instead of records. */
const MAX_BUFFERED_BYTES = 1 << 20;

/** One console on the live socket: who it is, and the records waiting for the next message. */
export class LiveClient {
  private pending: LiveRecordDto[] = [];
  private skipped = 0;

  constructor(
    readonly socket: WebSocket,
    public principal: Principal,
  ) {}

  send(message: LiveMessage): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  queue(record: LiveRecordDto): void {
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
    this.send({ type: 'records', items: this.pending, skipped: this.skipped });
    this.pending = [];
    this.skipped = 0;
  }
}
