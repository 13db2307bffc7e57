import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';

interface RequestContext {
  readonly requestId: string;
  readonly ip: string | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The current request's id and client address, for audit records written deep in services. */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

/** Accepts a caller's X-Request-Id when it is a plain token, else makes one; echoes it back. */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

export function requestContextMiddleware(
  req: IncomingMessage & { id?: unknown; ip?: string },
  _res: ServerResponse,
  next: () => void,
): void {
  storage.run({ requestId: String(req.id ?? ''), ip: req.ip ?? req.socket.remoteAddress ?? null }, next);
}
