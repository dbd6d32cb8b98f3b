import { Logger } from '@nestjs/common';
import { ClientRequestArgs } from 'node:http';
import { WebSocket } from 'ws';
import { SignObject } from '../terminal-api/terminal-api.types';

export const LINK_CONNECTED = 20000;
export const LINK_DENIED = 20002;
export const RECORD_PUSHED = 30000;

export interface RecordLinkTiming {
  heartbeatMs: number;
  deadAfterMs: number;
  reconnectMaxMs: number;
}

export interface RecordLinkListener {
  connected(): void;
  denied(reason: string): void;
  record(record: SignObject): void;
  disconnected(reason: string): void;
}

const FIRST_RETRY_MS = 1000;

/**
 * The record push of one terminal (spec 8.3.3): a WebSocket that heartbeats every
 * RECORD_HEARTBEAT_MS (ping frames), is declared dead after RECORD_DEAD_AFTER_MS without any
 * message or pong, and reconnects with exponential backoff and jitter up to RECORD_RECONNECT_MAX_MS.
 * A refusal (20002) backs off the same way, so a wrong password never makes a hot loop; and it never
 * dials while the terminal as a whole is held back (`holdBackMs`: unreachable, or refusing the password).
 */
export class RecordLink {
  private socket?: WebSocket;
  private heartbeat?: NodeJS.Timeout;
  private retry?: NodeJS.Timeout;
  private attempts = 0;
  private lastMessageAt = 0;
  private stopped = false;

  constructor(
    private readonly url: () => string,
    private readonly timing: RecordLinkTiming,
    private readonly listener: RecordLinkListener,
    private readonly logger: Logger,
    /** How long the terminal's one backoff says to wait before dialling (0: dial now). */
    private readonly holdBackMs: () => number,
    /** How the terminal's host name is resolved (the address policy checks what is dialled). */
    private readonly lookup?: ClientRequestArgs['lookup'],
  ) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    this.closeSocket();
  }

  private connect(): void {
    const hold = this.holdBackMs();
    if (hold > 0) {
      this.retry = setTimeout(() => this.connect(), hold);
      return;
    }
    let url: string;
    try {
      url = this.url();
    } catch (error) {
      this.listener.disconnected((error as Error).message);
      this.scheduleReconnect();
      return;
    }
    const socket = new WebSocket(url, { handshakeTimeout: this.timing.deadAfterMs, lookup: this.lookup });
    this.socket = socket;
    let refused: string | null = null;
    socket.on('open', () => {
      this.lastMessageAt = Date.now();
      this.heartbeat = setInterval(() => this.beat(socket), this.timing.heartbeatMs);
    });
    socket.on('pong', () => (this.lastMessageAt = Date.now()));
    socket.on('message', (data) => {
      this.lastMessageAt = Date.now();
      refused = this.handle(data.toString()) ?? refused;
    });
    socket.on('error', (error) => this.logger.debug(`record link error: ${error.message}`));
    socket.on('close', (code, reason) => {
      clearInterval(this.heartbeat);
      if (this.socket === socket) this.socket = undefined;
      if (this.stopped) return;
      if (refused) this.listener.denied(refused);
      else this.listener.disconnected(`closed (${code}${reason.length ? ` ${reason.toString()}` : ''})`);
      this.scheduleReconnect();
    });
  }

  /** Returns the refusal, if this message is one. */
  private handle(text: string): string | null {
    let message: { code?: number | string; desc?: string; message?: string; data?: SignObject };
    try {
      message = JSON.parse(text);
    } catch {
      this.logger.warn(`record link sent something that is not JSON: ${text.slice(0, 100)}`);
      return null;
    }
    switch (Number(message.code)) {
      case LINK_CONNECTED:
        this.attempts = 0;
        this.listener.connected();
        return null;
      case LINK_DENIED:
        return `permission denied (20002 ${message.desc ?? message.message ?? ''})`.trim();
      case RECORD_PUSHED:
        if (message.data && typeof message.data === 'object') this.listener.record(message.data);
        return null;
      default:
        return null;
    }
  }

  private beat(socket: WebSocket): void {
    if (Date.now() - this.lastMessageAt > this.timing.deadAfterMs) {
      this.logger.warn(`record link silent for more than ${this.timing.deadAfterMs} ms: reconnecting`);
      socket.terminate();
      return;
    }
    if (socket.readyState === WebSocket.OPEN) socket.ping();
  }

  /** Exponential backoff with "equal jitter": between half and all of the capped delay. */
  private scheduleReconnect(): void {
    if (this.stopped) return;
    const ceiling = Math.min(this.timing.reconnectMaxMs, FIRST_RETRY_MS * 2 ** this.attempts);
    this.attempts += 1;
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.retry = setTimeout(() => this.connect(), delay);
  }

  private closeSocket(): void {
    clearInterval(this.heartbeat);
    this.socket?.terminate();
    this.socket = undefined;
  }
}
