import { api, ApiError, csrfHeaders, Problem } from '../../api/client';
import type { ImportResult } from './import-words';

export interface UploadOptions {
  /** Check only, writing nothing. */
  dryRun: boolean;
  /** Bytes of the file sent so far. */
  onProgress: (loaded: number, total: number) => void;
  signal: AbortSignal;
}

function problemOf(body: unknown): Problem | null {
  return body && typeof body === 'object' && 'code' in body ? (body as Problem) : null;
}

/**
 * Sends a workbook to be imported, answered at once with the recorded upload (its id to
 * follow). XMLHttpRequest rather than fetch: only it reports the progress of the bytes sent.
 * A refusal is thrown as an ApiError carrying the service's problem.
 */
export function sendUpload(file: File, { dryRun, onProgress, signal }: UploadOptions): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/imports?${dryRun ? 'dryRun=true&' : ''}async=true`);
    new Headers(csrfHeaders()).forEach((value, name) => xhr.setRequestHeader(name, value));
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(xhr.response as ImportResult);
        return;
      }
      const problem = problemOf(xhr.response);
      // an ended session is noticed by the next request through the typed client, which sends the person to sign in
      if (xhr.status === 401) void api.GET('/api/v1/auth/me');
      reject(new ApiError(xhr.status, problem));
    };
    xhr.onerror = () => reject(new ApiError(0, null));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
