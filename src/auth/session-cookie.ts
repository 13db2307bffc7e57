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

/** Whether the Authorization header carries a bearer token (which is then read before any cookie). */
function hasBearerToken(req: IncomingMessage): boolean {
  const header = req.headers.authorization;
  return typeof header === 'string' && /^bearer\s+\S/i.test(header);
}

/** Whether the request is authenticated by the session cookie alone (no bearer token). */
export function byCookie(req: IncomingMessage): boolean {
  return !hasBearerToken(req) && sessionToken(req) !== null;
}

/**
 * The host of the page a browser says the request came from (its Origin, else its Referer):
 * undefined when it says none, null when the claim is opaque (`Origin: null`) or malformed.
 */
function claimedHost(req: IncomingMessage): string | null | undefined {
  const claim = req.headers.origin ?? req.headers.referer;
  if (claim === undefined) return undefined;
  try {
    return new URL(claim).host || null;
  } catch {
    return null;
  }
}

/**
 * A state-changing request on a browser session that the service's own pages did not send:
 * without the header only they send, or from a page whose origin is another site's (a
 * browser names it in Origin or Referer; the service's own origin is the request's Host, a
 * proxy's X-Forwarded-Host, or APP_URL's).
 */
export function forgedBySession(req: IncomingMessage, appUrl?: string): boolean {
  if (!UNSAFE.has(req.method ?? '') || !byCookie(req)) return false;
  if (req.headers[CSRF_HEADER] !== '1') return true;
  const host = claimedHost(req);
  if (host === undefined) return false;
  const own = [req.headers.host, req.headers['x-forwarded-host'], appUrl && new URL(appUrl).host];
  return host === null || !own.includes(host);
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
