import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { Request, Response } from 'express';
import { IncomingMessage } from 'node:http';
import { SignedInUser } from 'src/auth/auth-user';
import { BEFORE_PASSWORD_CHANGE } from 'src/auth/decorators/before-password-change.decorator';
import { IS_PUBLIC } from 'src/auth/decorators/public.decorator';
import { byCookie, CSRF_HEADER, forgedBySession, sessionCookie } from 'src/auth/session-cookie';
import { isDatabaseUnavailable } from 'src/common/errors/database-unavailable';
import { DomainError } from 'src/common/errors/domain-error';
import { AuthErrors } from 'src/common/errors/error-codes';
import { AppConfig } from 'src/config/app-config';
import { APP_CONFIG } from 'src/config/config.module';

/**
 * Global: every route needs a valid, unrevoked bearer token unless marked `@Public()`, and a
 * user whose password an admin set reaches only the routes marked `@BeforePasswordChange()`.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<IncomingMessage & { user?: SignedInUser }>();
    // a browser session changes nothing without the header only the service's own pages send, nor from another site's page
    if (forgedBySession(request, this.config.appUrl)) {
      throw new DomainError(
        AuthErrors.CSRF,
        `A change made with the session cookie needs the ${CSRF_HEADER} header and must come from the service's own pages`,
      );
    }
    await super.canActivate(context);
    // read from the database with the token's user on this request (JwtStrategy), so a token issued before an admin's reset is held too
    if (
      request.user?.mustChangePassword &&
      !this.reflector.getAllAndOverride<boolean>(BEFORE_PASSWORD_CHANGE, targets)
    ) {
      throw new DomainError(
        AuthErrors.PASSWORD_CHANGE_REQUIRED,
        'Your password was set by an administrator: choose your own (POST /auth/password) before anything else',
      );
    }
    return true;
  }

  handleRequest<T>(err: unknown, user: T, _info: unknown, context: ExecutionContext): T {
    if (!err && user) return user;
    // the user could not be read, which says nothing of the token: the session stays, the request is answered 503
    if (isDatabaseUnavailable(err)) throw err;
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
