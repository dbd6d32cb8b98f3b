/** The SMS provider port: sends one templated message to one phone. */
export abstract class SmsSender {
  /** Sends; resolves with the provider's id of the message, if it gives one. `reference` is ours (the notification id). */
  abstract send(phone: string, templateCode: string, params: Record<string, string>, reference: string): Promise<string | null>;
}

/** 138****1111: enough to tell messages apart in a log, not enough to harvest numbers from it. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}
