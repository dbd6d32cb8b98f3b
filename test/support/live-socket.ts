import { WebSocket } from 'ws';
import { LIVE_PROTOCOL } from '../../src/admin-review/live/live.gateway';
import { TestApp } from './test-app';

/** A console's live socket, as a test holds it: every message it got, and how it closed. */
export interface LiveConsole {
  socket: WebSocket;
  messages: any[];
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

/** Opens /api/admin/live with these subprotocols (and headers). */
export function openLive(t: TestApp, protocols: string[], headers: Record<string, string> = {}): LiveConsole {
  const socket = new WebSocket(`${t.baseUrl.replace('http', 'ws')}/api/admin/live`, protocols, { headers });
  const messages: any[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(data.toString())));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  socket.on('error', () => undefined);
  return { socket, messages, closed, close: () => socket.close() };
}

/** The live socket of a console logged in with `token`. */
export function liveSocket(t: TestApp, token: string): LiveConsole {
  return openLive(t, [LIVE_PROTOCOL, token]);
}
