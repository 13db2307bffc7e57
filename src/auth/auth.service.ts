import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuditService } from 'src/audit/audit.service';
import { AuthUser, SignedInUser } from 'src/auth/auth-user';
import { LoginThrottlesService } from 'src/auth/login-throttles.service';
import { passwordProblem } from 'src/auth/password-policy';
import { decoyHash, hashPassword, verifyPassword } from 'src/auth/passwords';
import { DomainError, FieldProblem } from 'src/common/errors/domain-error';
import { AuthErrors, CommonErrors } from 'src/common/errors/error-codes';
import { AuthFieldCodes } from 'src/common/errors/field-codes';
import { AppConfig } from 'src/config/app-config';
import { APP_CONFIG } from 'src/config/config.module';
import { Transactions } from 'src/database/transactions';
import { toScope } from 'src/reporting-units/reporting-units.repository';
import { User } from 'src/users/user.entity';
import { UsersRepository } from 'src/users/users.repository';

export interface TokenPayload {
  sub: string;
  /** The user's token version when issued; a higher version in the database revokes it. */
  ver: number;
  role: string;
  /** The focal person's reporting unit when issued (informative: the scope is read from the database per request). */
  unit: string | null;
}

/** A disabled account, or a focal person of an inactive unit, may not sign in or keep a session. */
function barred(user: {
  disabled: boolean;
  reportingUnit?: { active: boolean } | null;
}): 'disabled' | 'unit_inactive' | null {
  if (user.disabled) return 'disabled';
  return user.reportingUnit && !user.reportingUnit.active ? 'unit_inactive' : null;
}

/** The signed-in user of `user`, loaded with its reporting unit and the unit's jurisdictions. */
export function toAuthUser(user: User): SignedInUser {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    reportingUnit: user.reportingUnit ? toScope(user.reportingUnit) : null,
    mustChangePassword: user.mustChangePassword,
  };
}

/** A refusal of the password change (400), naming each field at fault. */
function refusal(errors: FieldProblem[]): DomainError {
  return new DomainError(CommonErrors.VALIDATION_FAILED, 'The password was not changed', { errors });
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
      if (!user || !ok || barred(user)) {
        const reason = !user ? 'unknown_user' : (barred(user) ?? 'wrong_password');
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
    const payload: TokenPayload = {
      sub: user.id,
      ver: user.tokenVersion,
      role: user.role,
      unit: user.reportingUnitCode,
    };
    return { accessToken: await this.jwt.signAsync(payload), expiresIn: this.config.auth.jwtExpiresInSeconds };
  }

  /**
   * The user's own new password in place of the current one (an admin's one-time password or
   * their own). A wrong current password counts as a failed login of the account from this
   * client address, so guessing it through a session is throttled like guessing at sign-in.
   * Clears the duty to change it, and revokes every token of the user: the caller gets a new one.
   */
  async changePassword(
    caller: AuthUser,
    currentPassword: string,
    newPassword: string,
    clientAddress: string,
  ): Promise<User> {
    const policy = passwordProblem(newPassword, caller);
    const weak: FieldProblem | null = policy && {
      field: 'newPassword',
      code: policy.code,
      message: policy.message.replace(/^password/, 'newPassword'),
    };
    await this.throttles.purgeForgotten();
    // locks as an admin's change does (users, then throttle rows) and leaves the user's row, which a login
    // updates while holding its throttle row, for last: neither can deadlock with this
    const outcome = await this.transactions.run(async (manager): Promise<User | DomainError> => {
      const now = new Date();
      await this.users.serialiseChanges(manager);
      const throttle = await this.throttles.take(manager, caller.email, clientAddress);
      const user = await this.users.lockForChange(caller.id, manager);
      if (!user || user.disabled)
        return new DomainError(AuthErrors.UNAUTHENTICATED, 'A valid bearer token is required');
      const audited = { actor: caller, entity: 'user', entityId: user.id };
      if (throttle.blockedUntil && throttle.blockedUntil > now) {
        const retryAfterSeconds = Math.ceil((throttle.blockedUntil.getTime() - now.getTime()) / 1000);
        await this.audit.record(
          { ...audited, action: 'auth.password_change_failed', detail: { reason: 'throttled', retryAfterSeconds } },
          manager,
        );
        return new DomainError(
          AuthErrors.LOGIN_THROTTLED,
          'Too many wrong passwords for this account from your address; try again later',
          { retryAfterSeconds },
        );
      }
      if (!(await verifyPassword(user.passwordHash, currentPassword))) {
        const { failures, delaySeconds } = await this.throttles.fail(manager, throttle, now);
        await this.audit.record(
          { ...audited, action: 'auth.password_change_failed', detail: { reason: 'wrong_password' } },
          manager,
        );
        if (delaySeconds)
          await this.audit.record(
            { ...audited, action: 'auth.login_throttled', detail: { failures, delaySeconds } },
            manager,
          );
        return refusal([
          {
            field: 'currentPassword',
            code: AuthFieldCodes.CURRENT_PASSWORD_WRONG,
            message: 'currentPassword is not your current password',
          },
          ...(weak ? [weak] : []),
        ]);
      }
      if (newPassword === currentPassword)
        return refusal([
          {
            field: 'newPassword',
            code: AuthFieldCodes.PASSWORD_UNCHANGED,
            message: 'newPassword must differ from the current password',
          },
        ]);
      if (weak) return refusal([weak]);
      user.passwordHash = await hashPassword(newPassword);
      user.mustChangePassword = false;
      user.tokenVersion += 1;
      await this.users.save(user, manager);
      // guesses at the old password no longer matter
      await this.users.forgetLoginFailures(user.email, manager);
      await this.audit.record({ ...audited, action: 'auth.password_change', changedFields: ['password'] }, manager);
      return user;
    });
    if (outcome instanceof DomainError) throw outcome;
    return outcome;
  }

  /** The user behind a verified token, or null when the token was revoked or the user disabled. */
  async userForToken(payload: TokenPayload): Promise<SignedInUser | null> {
    const session = await this.users.sessionOf(payload.sub);
    if (!session || barred(session) || session.tokenVersion !== payload.ver) return null;
    const { id, email, role, reportingUnit, mustChangePassword } = session;
    return { id, email, role, reportingUnit, mustChangePassword };
  }

  /** Revokes every token the user holds. */
  async logout(user: AuthUser): Promise<void> {
    await this.transactions.run(async (manager) => {
      await this.users.revokeTokens(user.id, manager);
      await this.audit.record({ actor: user, action: 'auth.logout', entity: 'user', entityId: user.id }, manager);
    });
  }
}
