import { useEffect, useRef, useState } from 'react';
import type { components } from '../api/schema';
import { backToLogin, currentToken } from '../auth/session';

type Schemas = components['schemas'];
export type LiveRecord = Schemas['LiveRecordDto'];
export type LiveMessage =
  | Schemas['LiveHelloDto']
  | Schemas['LiveRecordsDto']
  | Schemas['LiveTerminalDto']
  | Schemas['LiveProvisioningFailedDto']
  | Schemas['LiveRegistrationDto']
  | Schemas['LiveRegistrationReviewedDto']
  | Schemas['LiveVisitDto']
  | Schemas['LiveExpiredDto'];

type Terminal = Schemas['TerminalDto'];

/** The doors with one door's link state changed as a `terminal` message says. */
export function withLinkState(doors: Terminal[], message: Schemas['LiveTerminalDto']): Terminal[] {
  const linkState = message.linkState as Terminal['linkState'];
  const { credentialsRefusedAt } = message;
  return doors.map((door) => (door.id === message.terminalId ? { ...door, linkState, credentialsRefusedAt, online: linkState === 'connected' } : door));
}

const PROTOCOL = 'facegate.bearer';
const MAX_BACKOFF_MS = 15_000;

/**
 * The live socket of the console: calls `onMessage` for every message, reconnects with backoff
 * (1 s doubling to 15 s) when the link drops, and returns whether it is connected (for the banner).
 * A closed session (4401) goes back to the login page.
 */
export function useLive(onMessage: (message: LiveMessage) => void): boolean {
  const [connected, setConnected] = useState(true);
  const handler = useRef(onMessage);
  handler.current = onMessage;

  useEffect(() => {
    let socket: WebSocket | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let backoff = 1000;
    let stopped = false;

    const connect = () => {
      const token = currentToken();
      if (!token) return backToLogin(true);
      const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/api/admin/live`;
      socket = new WebSocket(url, [PROTOCOL, token]);
      socket.onmessage = (event) => {
        const message = JSON.parse(event.data as string) as LiveMessage;
        if (message.type === 'hello') {
          backoff = 1000;
          setConnected(true);
        }
        handler.current(message);
      };
      socket.onclose = (event) => {
        if (stopped) return;
        if (event.code === 4401) return backToLogin(true);
        setConnected(false);
        retry = setTimeout(connect, backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      socket?.close();
    };
  }, []);
  return connected;
}
