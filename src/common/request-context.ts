import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { ClsModule, ClsService } from 'nestjs-cls';

/** What the current request's context holds (nestjs-cls), for audit records written deep in services. */
export interface RequestContext {
  readonly requestId: string;
  readonly ip: string | null;
}

/** Accepts a caller's X-Request-Id when it is a plain token, else makes one; echoes it back. */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/**
 * The request context module: its middleware (applied by AppModule after the logger's, which
 * gives the request its id) records the request's id and client address.
 */
export const RequestContextModule = ClsModule.forRoot({
  global: true,
  middleware: {
    mount: false,
    setup: (cls: ClsService, req: IncomingMessage & { id?: string; ip?: string }) => {
      cls.set('requestId', req.id ?? '');
      cls.set('ip', req.ip ?? req.socket.remoteAddress ?? null);
    },
  },
});

/** The current request's id and client address, when there is a request. */
export function currentRequest(cls: ClsService): RequestContext | undefined {
  if (!cls.isActive()) return undefined;
  return { requestId: cls.get<string>('requestId') ?? '', ip: cls.get<string | null>('ip') ?? null };
}
