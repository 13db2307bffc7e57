import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { Request, Response } from 'express';
import { IncomingMessage } from 'node:http';
import { IS_PUBLIC } from 'src/auth/decorators/public.decorator';
import { byCookie, CSRF_HEADER, lacksCsrfHeader, sessionCookie } from 'src/auth/session-cookie';
import { DomainError } from 'src/common/errors/domain-error';
import { AuthErrors } from 'src/common/errors/error-codes';

/** Global: every route needs a valid, unrevoked bearer token unless marked `@Public()`. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    // a browser session changes nothing without the header only the service's own pages send
    if (lacksCsrfHeader(context.switchToHttp().getRequest<IncomingMessage>())) {
      throw new DomainError(AuthErrors.CSRF, `A change made with the session cookie needs the ${CSRF_HEADER} header`);
    }
    return super.canActivate(context);
  }

  handleRequest<T>(err: unknown, user: T, _info: unknown, context: ExecutionContext): T {
    if (!err && user) return user;
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    if (byCookie(req)) {
      // the page is told its session ended (and should offer sign-in again), and the dead cookie goes
      http.getResponse<Response>().setHeader('Set-Cookie', sessionCookie(null, 0, req.secure));
      throw new DomainError(AuthErrors.SESSION_ENDED, 'The session has ended: sign in again');
    }
    throw new DomainError(AuthErrors.UNAUTHENTICATED, 'A valid bearer token is required');
  }
}
