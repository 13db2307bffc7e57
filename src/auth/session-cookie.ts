import { IncomingMessage } from 'node:http';

/**
 * The browser's session: the access token in an httpOnly, SameSite=Strict cookie that page
 * scripts never read (Secure when the request came over https). API clients keep sending it as
 * a bearer token instead.
 */
export const SESSION_COOKIE = 'tip_session';

/**
 * The header a browser session's state-changing requests must carry. A page of another site
 * cannot set it: a form cannot, and a script's cross-origin request with it needs a CORS
 * permission the service never grants.
 */
export const CSRF_HEADER = 'x-tip-csrf';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The session cookie's token, if the request carries one. */
export function sessionToken(req: IncomingMessage): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === SESSION_COOKIE) return part.slice(at + 1).trim() || null;
  }
  return null;
}

/** Whether the request is authenticated by the session cookie alone (no bearer token). */
export function byCookie(req: IncomingMessage): boolean {
  return !req.headers.authorization && sessionToken(req) !== null;
}

/** A state-changing request on a browser session without the header only the service's own pages send. */
export function lacksCsrfHeader(req: IncomingMessage): boolean {
  return UNSAFE.has(req.method ?? '') && byCookie(req) && req.headers[CSRF_HEADER] !== '1';
}

/**
 * How long the cookie outlives its token: a request after the token expired still carries it,
 * so the service can say the session ended (AUTH.SESSION_ENDED) rather than that none began.
 */
const ENDED_SESSION_NOTICE_SECONDS = 24 * 3600;

/** The Set-Cookie value that starts (token and its lifetime) or ends (null) a browser session. */
export function sessionCookie(token: string | null, maxAgeSeconds: number, secure: boolean): string {
  const value = token ?? '';
  const age = token ? maxAgeSeconds + ENDED_SESSION_NOTICE_SECONDS : 0;
  return `${SESSION_COOKIE}=${value}; Path=/api; Max-Age=${age}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}
