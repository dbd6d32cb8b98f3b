import { TestApp } from './test-app';

export interface Envelope<T = any> {
  code: number;
  err_msg: string;
  data?: T;
  page?: { count: number; current: number; size: number; total: number };
}

export interface V1Client {
  <T = any>(method: string, path: string, options?: { body?: unknown; query?: Record<string, unknown>; token?: string }): Promise<Envelope<T>>;
}

/** JSON calls to the `/v1` visitor API; every answer must be HTTP 200 with the `{code, err_msg}` envelope. */
export function v1Client(t: TestApp): V1Client {
  return async (method, path, options = {}) => {
    const url = new URL(`/v1${path}`, t.baseUrl);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const response = await fetch(url, {
      method,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
    });
    const envelope = (await response.json()) as Envelope;
    if (response.status !== 200) throw new Error(`HTTP ${response.status} from ${method} ${path}: ${JSON.stringify(envelope)}`);
    if (typeof envelope.code !== 'number' || typeof envelope.err_msg !== 'string') throw new Error(`not an envelope: ${JSON.stringify(envelope)}`);
    return envelope;
  };
}
