import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuditService } from 'src/audit/audit.service';
import { AuthUser } from 'src/auth/auth-user';
import { LoginThrottlesService } from 'src/auth/login-throttles.service';
import { decoyHash, verifyPassword } from 'src/auth/passwords';
import { DomainError } from 'src/common/errors/domain-error';
import { AuthErrors } from 'src/common/errors/error-codes';
import { AppConfig } from 'src/config/app-config';
import { APP_CONFIG } from 'src/config/config.module';
import { Transactions } from 'src/database/transactions';
import { User } from 'src/users/user.entity';
import { UsersRepository } from 'src/users/users.repository';

export interface TokenPayload {
  sub: string;
  /** The user's token version when issued; a higher version in the database revokes it. */
  ver: number;
  role: string;
  jur: string | null;
}

export function toAuthUser(user: User): AuthUser {
  return { id: user.id, email: user.email, role: user.role, jurisdiction: user.jurisdictionCode };
}

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly transactions: Transactions,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly throttles: LoginThrottlesService,
  ) {}

  /**
   * Checks a password. Failures are counted per (e-mail, client address): after
   * LOGIN_FAILURES_BEFORE_DELAY of them that pair waits a doubling delay (429), while the
   * owner signing in from elsewhere is not affected. A wrong password, an unknown e-mail
   * and a disabled account get one answer, in the same time (an unknown e-mail is checked
   * against a decoy hash); a waiting pair is answered alike whether the account exists.
   */
  async login(email: string, password: string, clientAddress: string): Promise<User> {
    const normalised = email.trim().toLowerCase();
    await this.throttles.purgeForgotten();
    // failures are recorded (count, audit) in a transaction that commits; the error is thrown after it
    const outcome = await this.transactions.run(async (manager): Promise<User | DomainError> => {
      const now = new Date();
      const throttle = await this.throttles.take(manager, normalised, clientAddress);
      const user = await this.users.findByEmail(normalised, manager);
      const actor = user ? { actor: user, entity: 'user', entityId: user.id } : { actor: null, actorEmail: normalised };
      if (throttle.blockedUntil && throttle.blockedUntil > now) {
        const retryAfterSeconds = Math.ceil((throttle.blockedUntil.getTime() - now.getTime()) / 1000);
        await this.audit.record(
          { ...actor, action: 'auth.login_failed', detail: { reason: 'throttled', retryAfterSeconds } },
          manager,
        );
        return new DomainError(
          AuthErrors.LOGIN_THROTTLED,
          'Too many failed logins for this e-mail from your address; try again later',
          { retryAfterSeconds },
        );
      }
      const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
      if (!user || !ok || user.disabled) {
        const reason = !user ? 'unknown_user' : user.disabled ? 'disabled' : 'wrong_password';
        const { failures, delaySeconds } = await this.throttles.fail(manager, throttle, now);
        await this.audit.record({ ...actor, action: 'auth.login_failed', detail: { reason } }, manager);
        if (delaySeconds)
          await this.audit.record(
            { ...actor, action: 'auth.login_throttled', detail: { failures, delaySeconds } },
            manager,
          );
        return new DomainError(AuthErrors.INVALID_CREDENTIALS, 'Wrong e-mail or password');
      }
      await this.throttles.clear(manager, normalised, clientAddress);
      await this.users.recordLogin(user.id, now, manager);
      await this.audit.record({ actor: user, action: 'auth.login', entity: 'user', entityId: user.id }, manager);
      return user;
    });
    if (outcome instanceof DomainError) throw outcome;
    return outcome;
  }

  async issueToken(user: User): Promise<{ accessToken: string; expiresIn: number }> {
    const payload: TokenPayload = { sub: user.id, ver: user.tokenVersion, role: user.role, jur: user.jurisdictionCode };
    return { accessToken: await this.jwt.signAsync(payload), expiresIn: this.config.auth.jwtExpiresInSeconds };
  }

  /** The user behind a verified token, or null when the token was revoked or the user disabled. */
  async userForToken(payload: TokenPayload): Promise<AuthUser | null> {
    const user = await this.users.findById(payload.sub);
    if (!user || user.disabled || user.tokenVersion !== payload.ver) return null;
    return toAuthUser(user);
  }

  /** Revokes every token the user holds. */
  async logout(user: AuthUser): Promise<void> {
    await this.transactions.run(async (manager) => {
      await this.users.revokeTokens(user.id, manager);
      await this.audit.record({ actor: user, action: 'auth.logout', entity: 'user', entityId: user.id }, manager);
    });
  }
}
