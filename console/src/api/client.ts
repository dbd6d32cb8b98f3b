import createClient, { Middleware } from 'openapi-fetch';
import { backToLogin, currentToken } from '../auth/session';
import type { paths } from './schema';

/** A refusal of the server, with its problem+json `detail` (or the protocol's message) as the text. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const auth: Middleware = {
  onRequest({ request }) {
    const token = currentToken();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) backToLogin(true);
    return response;
  },
};

/** The typed REST client: paths and bodies come from FaceGate's OpenAPI document (schema.d.ts, generated). */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(auth);

/** The data of an answer, or an ApiError with the server's message. */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  const problem = error as { detail?: string; title?: string } | undefined;
  throw new ApiError(response.status, problem?.detail ?? problem?.title ?? response.statusText);
}

/** The data of a `/v1` answer (`{code, err_msg, data}`, code 0 on success), or an ApiError with `err_msg`. */
export async function okV1<T>(call: Promise<{ data?: { code: number; err_msg: string; data?: T }; response: Response }>): Promise<{ data: T; envelope: { code: number; err_msg: string } }> {
  const { data, response } = await call;
  if (!data || data.code !== 0) throw new ApiError(response.status, data?.err_msg ?? response.statusText);
  return { data: data.data as T, envelope: data };
}

/** Calls a `.do` route of the PC protocol (form-encoded, `result_code` envelope). */
export async function callDo<T>(path: string, fields: Record<string, string | number>): Promise<T> {
  const body = new URLSearchParams(Object.entries({ ...fields, accessToken: currentToken() ?? '' }).map(([k, v]) => [k, String(v)]));
  const response = await fetch(`/SkyFaceRegister/${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  const answer = (await response.json()) as { result_code: number; result_msg: string; result_data?: T };
  // -1 is also what a role refusal answers; the console never offers what the role cannot do, so that one is an expired session.
  if (answer.result_code === -1 && !/role may not/.test(answer.result_msg)) backToLogin(true);
  if (answer.result_code !== 0) throw new ApiError(response.status, answer.result_msg);
  return answer.result_data as T;
}
