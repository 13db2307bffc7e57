import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AuthUser } from 'src/auth/auth-user';
import { sessionToken } from 'src/auth/session-cookie';
import { AuthService, TokenPayload } from 'src/auth/auth.service';
import { AppConfig } from 'src/config/app-config';
import { APP_CONFIG } from 'src/config/config.module';

/** HS256 only (no `alg: none`, no key confusion), expiry enforced, token version checked per request. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly auth: AuthService,
  ) {
    super({
      // a bearer token (API clients) or the browser session's cookie
      jwtFromRequest: ExtractJwt.fromExtractors([ExtractJwt.fromAuthHeaderAsBearerToken(), sessionToken]),
      secretOrKey: config.auth.jwtSecret,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(payload: TokenPayload): Promise<AuthUser | false> {
    if (typeof payload?.sub !== 'string' || typeof payload.ver !== 'number') return false;
    return (await this.auth.userForToken(payload)) ?? false;
  }
}
