import createClient, { Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];
export type FieldProblem = Schemas['FieldProblem'];

/** A problem answer (or a failed connection, status 0) thrown by `call`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
  }
  get code(): string | undefined {
    return this.problem?.code;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const sessionEnded = new EventTarget();

/** Calls `listener` when a request is refused because the session has expired or was revoked. */
export function onSessionEnded(listener: () => void): () => void {
  sessionEnded.addEventListener('ended', listener);
  return () => sessionEnded.removeEventListener('ended', listener);
}

/**
 * The browser's session is an httpOnly cookie the page never sees; every change it makes
 * carries the header the service requires of cookie-authenticated writes (X-TIP-CSRF).
 */
const session: Middleware = {
  onRequest({ request }) {
    if (!SAFE_METHODS.has(request.method)) request.headers.set('X-TIP-CSRF', '1');
    return request;
  },
  async onResponse({ response }) {
    if (response.status === 401) {
      const problem = (await response
        .clone()
        .json()
        .catch(() => null)) as Problem | null;
      if (problem?.code === 'AUTH.SESSION_ENDED') sessionEnded.dispatchEvent(new Event('ended'));
    }
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '/', credentials: 'same-origin' });
api.use(session);

/** The body of a successful answer, or an ApiError carrying the problem. */
export async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await request;
  } catch {
    throw new ApiError(0, null);
  }
  if (!result.response.ok) {
    const problem = result.error && typeof result.error === 'object' && 'code' in result.error ? result.error : null;
    throw new ApiError(result.response.status, problem as Problem | null);
  }
  return result.data as T;
}

/** Sends a file or form (multipart) with the session's CSRF header; openapi-fetch is JSON-first. */
export function csrfHeaders(): HeadersInit {
  return { 'X-TIP-CSRF': '1' };
}
