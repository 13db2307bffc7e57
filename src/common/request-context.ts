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
 * gives the request its id) records the request's id and client address, and its If-Match
 * header (the version of a case a write was based on, compared where the case is locked).
 */
export const RequestContextModule = ClsModule.forRoot({
  global: true,
  middleware: {
    mount: false,
    setup: (cls: ClsService, req: IncomingMessage & { id?: string; ip?: string }) => {
      cls.set('requestId', req.id ?? '');
      cls.set('ip', req.ip ?? req.socket.remoteAddress ?? null);
      cls.set('ifMatch', req.headers['if-match']);
    },
  },
});

/** The current request's If-Match header, when there is a request and it has one. */
export function requestIfMatch(cls: ClsService): string | undefined {
  return cls.isActive() ? cls.get<string | undefined>('ifMatch') : undefined;
}

/** The current request's id and client address, when there is a request. */
export function currentRequest(cls: ClsService): RequestContext | undefined {
  if (!cls.isActive()) return undefined;
  return { requestId: cls.get<string>('requestId') ?? '', ip: cls.get<string | null>('ip') ?? null };
}
