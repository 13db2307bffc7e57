import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { AuthUser } from 'src/auth/auth-user';
import { generateOneTimePassword } from 'src/auth/one-time-password';
import { passwordProblem } from 'src/auth/password-policy';
import { hashPassword } from 'src/auth/passwords';
import { DomainError } from 'src/common/errors/domain-error';
import { CommonErrors, ReferenceErrors, UserErrors } from 'src/common/errors/error-codes';
import { Transactions } from 'src/database/transactions';
import { JurisdictionsRepository } from 'src/jurisdictions/jurisdictions.repository';
import { CommonFieldCodes } from 'src/common/errors/field-codes';
import { CreateUserDto } from 'src/users/dto/create-user.dto';
import { UpdateUserDto } from 'src/users/dto/update-user.dto';
import { Role, User } from 'src/users/user.entity';
import { UsersRepository } from 'src/users/users.repository';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly jurisdictions: JurisdictionsRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<User[]> {
    return this.users.list();
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw new DomainError(UserErrors.NOT_FOUND, 'No such user');
    return user;
  }

  /**
   * An account an admin opens. Its password is one-time whoever chose it: the admin's (under
   * the policy) or, when none is given, one generated here and answered this once. The user
   * must set their own at the first sign-in.
   */
  async createByAdmin(dto: CreateUserDto, actor: AuthUser): Promise<{ user: User; oneTimePassword?: string }> {
    const email = dto.email.toLowerCase();
    const oneTime = { mustChangePassword: true };
    if (dto.password !== undefined) {
      checkPassword(dto.password, email);
      return { user: await this.insert({ ...dto, email, password: dto.password }, actor, oneTime) };
    }
    const oneTimePassword = generateOneTimePassword({ email });
    return { user: await this.insert({ ...dto, email, password: oneTimePassword }, actor, oneTime), oneTimePassword };
  }

  /**
   * An account whose password its owner already holds: the first admin at start, from
   * ADMIN_PASSWORD or printed once to the operator. `allowWeakPassword` only for
   * ADMIN_PASSWORD outside production, where the service warns instead.
   */
  async create(
    dto: CreateUserDto & { password: string },
    actor: AuthUser | null,
    options: { allowWeakPassword?: boolean } = {},
  ): Promise<User> {
    const email = dto.email.toLowerCase();
    if (!options.allowWeakPassword) checkPassword(dto.password, email);
    return this.insert({ ...dto, email }, actor, { mustChangePassword: false });
  }

  /**
   * A new one-time password in place of the user's, answered this once: every session of the
   * user ends, failed sign-ins are forgotten, and the user must choose their own at the next
   * sign-in. A disabled user stays disabled.
   */
  async resetPassword(id: string, actor: AuthUser): Promise<string> {
    return this.transactions.run(async (manager) => {
      const user = await this.users.lockForChange(id, manager);
      if (!user) throw new DomainError(UserErrors.NOT_FOUND, 'No such user');
      const oneTimePassword = generateOneTimePassword(user);
      user.passwordHash = await hashPassword(oneTimePassword);
      user.mustChangePassword = true;
      user.tokenVersion += 1;
      await this.users.save(user, manager);
      await this.users.forgetLoginFailures(user.email, manager);
      await this.audit.record(
        { actor, action: 'user.password_reset', entity: 'user', entityId: user.id, changedFields: ['password'] },
        manager,
      );
      return oneTimePassword;
    });
  }

  private async insert(
    dto: CreateUserDto & { email: string; password: string },
    actor: AuthUser | null,
    { mustChangePassword }: { mustChangePassword: boolean },
  ): Promise<User> {
    return this.transactions.run(async (manager) => {
      const jurisdiction = await this.checkScope(manager, dto.role, dto.jurisdiction ?? null);
      if (await this.users.emailTaken(dto.email, manager)) {
        throw new DomainError(UserErrors.ALREADY_EXISTS, 'A user with this e-mail already exists');
      }
      const user = this.users.create(
        {
          email: dto.email,
          passwordHash: await hashPassword(dto.password),
          role: dto.role,
          jurisdictionCode: jurisdiction,
          mustChangePassword,
        },
        manager,
      );
      await this.users.save(user, manager);
      await this.audit.record(
        {
          actor,
          action: 'user.create',
          entity: 'user',
          entityId: user.id,
          changedFields: ['email', 'password', 'role', 'jurisdiction'],
          detail: { mustChangePassword },
        },
        manager,
      );
      return user;
    });
  }

  /**
   * Changing the password, the role or the scope, or disabling, revokes every token the user
   * holds. A password set here is the admin's choice, so one-time: the user must change it. A
   * change that would leave no active admin is refused; changes to users are serialised by
   * one lock, so two admins demoting each other at once cannot both succeed.
   */
  async update(id: string, dto: UpdateUserDto, actor: AuthUser): Promise<User> {
    return this.transactions.run(async (manager) => {
      const user = await this.users.lockForChange(id, manager);
      if (!user) throw new DomainError(UserErrors.NOT_FOUND, 'No such user');
      const role = dto.role ?? user.role;
      const staysActiveAdmin = role === 'admin' && !(dto.disabled ?? user.disabled);
      if (isActiveAdmin(user) && !staysActiveAdmin && !(await this.users.anotherActiveAdmin(user.id, manager))) {
        throw new DomainError(UserErrors.LAST_ADMIN, 'This is the last active admin: make another user admin first');
      }
      const changed: string[] = [];
      const jurisdiction =
        dto.jurisdiction !== undefined ? dto.jurisdiction : role === 'focal_person' ? user.jurisdictionCode : null;
      const scoped = await this.checkScope(manager, role, jurisdiction);
      if (role !== user.role) changed.push('role');
      if (scoped !== user.jurisdictionCode) changed.push('jurisdiction');
      user.role = role;
      user.jurisdictionCode = scoped;
      if (dto.password !== undefined) {
        checkPassword(dto.password, user.email);
        user.passwordHash = await hashPassword(dto.password);
        user.mustChangePassword = true;
        changed.push('password');
      }
      if (dto.disabled !== undefined && dto.disabled !== user.disabled) {
        user.disabled = dto.disabled;
        changed.push('disabled');
      }
      // a new password or re-enabling lifts the waits that failed logins put on the account
      if (dto.password !== undefined || dto.disabled === false)
        await this.users.forgetLoginFailures(user.email, manager);
      if (changed.some((f) => f !== 'disabled' || user.disabled)) user.tokenVersion += 1;
      await this.users.save(user, manager);
      await this.audit.record(
        { actor, action: 'user.update', entity: 'user', entityId: user.id, changedFields: changed },
        manager,
      );
      return user;
    });
  }

  private async checkScope(manager: EntityManager, role: Role, jurisdiction: string | null): Promise<string | null> {
    if (role !== 'focal_person') {
      if (jurisdiction) {
        throw new DomainError(UserErrors.INVALID_ROLE_SCOPE, 'Only a focal person is bound to a jurisdiction', {
          errors: [
            {
              field: 'jurisdiction',
              code: CommonFieldCodes.NOT_ALLOWED,
              message: 'jurisdiction is only for role focal_person',
            },
          ],
        });
      }
      return null;
    }
    if (!jurisdiction) {
      throw new DomainError(UserErrors.INVALID_ROLE_SCOPE, 'A focal person must be bound to a jurisdiction', {
        errors: [
          {
            field: 'jurisdiction',
            code: CommonFieldCodes.REQUIRED,
            message: 'jurisdiction is required for role focal_person',
          },
        ],
      });
    }
    if (!(await this.jurisdictions.exists(jurisdiction, manager))) {
      throw new DomainError(ReferenceErrors.JURISDICTION_NOT_FOUND, 'Unknown jurisdiction code');
    }
    return jurisdiction;
  }
}

/** Refuses a password the policy finds weak, saying why in a field problem. */
function checkPassword(password: string, email: string): void {
  const problem = passwordProblem(password, { email });
  if (problem)
    throw new DomainError(CommonErrors.VALIDATION_FAILED, 'The password is too weak', {
      errors: [{ field: 'password', ...problem }],
    });
}

function isActiveAdmin(user: User): boolean {
  return user.role === 'admin' && !user.disabled;
}
