import { currentToken } from '../auth/session';
import { ApiError } from './client';

/** Fetches a file the API guards with the Bearer token (an <img> or <a> cannot send it). */
export async function authorisedBlob(path: string): Promise<Blob> {
  const response = await fetch(path, { headers: { authorization: `Bearer ${currentToken() ?? ''}` } });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { detail?: string };
    throw new ApiError(response.status, problem.detail ?? response.statusText);
  }
  return response.blob();
}

/** Saves a guarded file under the name the server gives it. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const blob = await authorisedBlob(path);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fallbackName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
