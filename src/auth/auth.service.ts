import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { AuthUser } from 'src/auth/auth-user';
import { decoyHash, verifyPassword } from 'src/auth/passwords';
import { DomainError } from 'src/common/errors/domain-error';
import { AuthErrors } from 'src/common/errors/error-codes';
import { AppConfig } from 'src/config/app-config';
import { APP_CONFIG } from 'src/config/config.module';
import { User } from 'src/users/user.entity';

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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Checks a password, counting failures per account: the failure that reaches the limit
   * locks the account for the lockout period, during which even the right password is refused.
   */
  async validateCredentials(email: unknown, password: unknown): Promise<User> {
    if (typeof email !== 'string' || typeof password !== 'string') throw new DomainError(AuthErrors.INVALID_CREDENTIALS, 'Wrong e-mail or password');
    const normalised = email.trim().toLowerCase();
    // The failure is recorded (count, lock, audit) in a transaction that commits; the error is thrown after it.
    const outcome = await this.dataSource.transaction(async (manager): Promise<User | DomainError> => {
      const user = await manager.findOne(User, { where: { email: normalised }, lock: { mode: 'pessimistic_write' } });
      if (!user) {
        await verifyPassword(await decoyHash(), password);
        await this.audit.record({ actor: null, actorEmail: normalised, action: 'auth.login_failed', detail: { reason: 'unknown_user' } }, manager);
        return new DomainError(AuthErrors.INVALID_CREDENTIALS, 'Wrong e-mail or password');
      }
      const now = new Date();
      if (user.lockedUntil && user.lockedUntil > now) {
        await this.audit.record({ actor: user, action: 'auth.login_failed', entity: 'user', entityId: user.id, detail: { reason: 'locked' } }, manager);
        return new DomainError(AuthErrors.ACCOUNT_LOCKED, 'This account is locked after repeated failed logins; try again later', {
          lockedUntil: user.lockedUntil.toISOString(),
        });
      }
      const ok = await verifyPassword(user.passwordHash, password);
      if (!ok || user.disabled) {
        const failures = user.failedLogins + 1;
        const lock = failures >= this.config.auth.lockoutAttempts;
        await manager.update(User, user.id, {
          failedLogins: lock ? 0 : failures,
          lockedUntil: lock ? new Date(now.getTime() + this.config.auth.lockoutMinutes * 60_000) : user.lockedUntil,
        });
        await this.audit.record(
          {
            actor: user,
            action: lock ? 'auth.account_locked' : 'auth.login_failed',
            entity: 'user',
            entityId: user.id,
            detail: { reason: user.disabled ? 'disabled' : 'wrong_password' },
          },
          manager,
        );
        return new DomainError(AuthErrors.INVALID_CREDENTIALS, 'Wrong e-mail or password');
      }
      await manager.update(User, user.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: now });
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
    const user = await this.dataSource.getRepository(User).findOneBy({ id: payload.sub });
    if (!user || user.disabled || user.tokenVersion !== payload.ver) return null;
    return toAuthUser(user);
  }

  /** Revokes every token the user holds. */
  async logout(user: AuthUser): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.increment(User, { id: user.id }, 'tokenVersion', 1);
      await this.audit.record({ actor: user, action: 'auth.logout', entity: 'user', entityId: user.id }, manager);
    });
  }
}
