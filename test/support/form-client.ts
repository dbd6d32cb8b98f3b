import { ResultEnvelope } from '../../src/common/protocols/result-code/result-code';

export type Fields = Record<string, string | number | undefined>;

export interface FilePart {
  field: string;
  content: Buffer;
  filename?: string;
  type?: string;
}

function defined(fields: Fields): [string, string][] {
  return Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => [key, String(value)]);
}

async function envelope<T>(response: Response): Promise<ResultEnvelope<T> & { httpStatus: number }> {
  const text = await response.text();
  try {
    return { ...(JSON.parse(text) as ResultEnvelope<T>), httpStatus: response.status };
  } catch {
    throw new Error(`not JSON (HTTP ${response.status}): ${text.slice(0, 200)}`);
  }
}

/** A client of the `.do` protocol, speaking each of the encodings real clients use. */
export class FormClient {
  constructor(private readonly baseUrl: string) {}

  /** application/x-www-form-urlencoded POST, as the desktop client sends. */
  async post<T = unknown>(path: string, fields: Fields) {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(defined(fields)).toString(),
    });
    return envelope<T>(response);
  }

  /** Fields in the query string. */
  async get<T = unknown>(path: string, fields: Fields) {
    const response = await fetch(`${this.baseUrl}${path}?${new URLSearchParams(defined(fields))}`);
    return envelope<T>(response);
  }

  /** multipart/form-data, as wx.uploadFile sends. */
  async multipart<T = unknown>(path: string, fields: Fields, files: FilePart[] = []) {
    const form = new FormData();
    for (const [key, value] of defined(fields)) form.append(key, value);
    for (const file of files) {
      form.append(file.field, new Blob([file.content], { type: file.type ?? 'image/jpeg' }), file.filename ?? 'photo.jpg');
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method: 'POST', body: form });
    return envelope<T>(response);
  }
}
