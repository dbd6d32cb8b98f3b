import { AccessRecordReceived } from '../../events';

/** One access record as the console's live view shows it. */
export interface LiveRecord {
  id: number;
  terminalId: number;
  name: string | null;
  userId: string | null;
  userType: number | null;
  signedAt: string;
  similarity: number | null;
  /** A stranger, a blacklisted person or a door the terminal kept shut. */
  denied: boolean;
}

export function liveRecordOf(event: AccessRecordReceived): LiveRecord {
  return {
    id: event.id,
    terminalId: event.terminalId,
    name: event.name,
    userId: event.userId,
    userType: event.userType,
    signedAt: event.signedAt,
    similarity: event.similarity,
    denied: event.doorOpened === false || event.userType === -1 || event.userType === 3,
  };
}

/**
 * What the server sends on /api/admin/live, one JSON object per message:
 * - `hello`: the connection is authenticated (`role`), sent first;
 * - `records`: the newest access records since the last message (at most `MAX_RECORDS_PER_MESSAGE`),
 *   with `skipped` counting those left out so a flood cannot freeze the console;
 * - `terminal`: a door's record link changed state;
 * - `provisioning-failed`: a terminal refused a person for good;
 * - `registration`: a registration now waits for review;
 * - `expired`: the token's session ended (expired, logged out, role changed); the socket closes with 4401
 *   unless the client sends `{"type":"auth","token":…}` with a fresh token first.
 */
export type LiveMessage =
  | { type: 'hello'; role: string; username: string | null }
  | { type: 'records'; items: LiveRecord[]; skipped: number }
  | { type: 'terminal'; terminalId: number; linkState: string; at: string }
  | { type: 'provisioning-failed'; registrationId: number; personId: string; terminalId: number; terminalName: string; reason: string; at: string }
  | { type: 'registration'; registrationId: number; name: string; at: string }
  | { type: 'expired' };
