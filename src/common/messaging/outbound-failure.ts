/** A call to an outside service failed. `permanent`: making it again cannot succeed (bad number, unknown template). */
export class OutboundFailure extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'OutboundFailure';
  }
}

/** Calls an outside HTTP API; network failures and unreadable answers are transient failures. */
export async function fetchJson<T>(what: string, url: URL, init: RequestInit, timeoutMs: number): Promise<{ status: number; body: T }> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause;
    throw new OutboundFailure(`${what}: ${(error as Error).message}${cause ? ` (${cause.message})` : ''}`, false);
  }
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as T };
  } catch {
    throw new OutboundFailure(`${what}: HTTP ${response.status} with a body that is not JSON`, false);
  }
}
