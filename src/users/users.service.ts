import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { AuthUser } from 'src/auth/auth-user';
import { generateOneTimePassword } from 'src/auth/one-time-password';
import { passwordProblem } from 'src/auth/password-policy';
import { hashPassword } from 'src/auth/passwords';
import { DomainError } from 'src/common/errors/domain-error';
import { CommonErrors, ReferenceErrors, ReportingUnitErrors, UserErrors } from 'src/common/errors/error-codes';
import { Transactions } from 'src/database/transactions';
import { JurisdictionsRepository } from 'src/jurisdictions/jurisdictions.repository';
import { CommonFieldCodes, FieldCode } from 'src/common/errors/field-codes';
import { ReportingUnitsRepository } from 'src/reporting-units/reporting-units.repository';
import { CreateUserDto } from 'src/users/dto/create-user.dto';
import { UpdateUserDto } from 'src/users/dto/update-user.dto';
import { Role, User } from 'src/users/user.entity';
import { UsersRepository } from 'src/users/users.repository';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly jurisdictions: JurisdictionsRepository,
    private readonly units: ReportingUnitsRepository,
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
      const unit = await this.checkScope(manager, dto.role, dto);
      if (await this.users.emailTaken(dto.email, manager)) {
        throw new DomainError(UserErrors.ALREADY_EXISTS, 'A user with this e-mail already exists');
      }
      const user = this.users.create(
        {
          email: dto.email,
          passwordHash: await hashPassword(dto.password),
          role: dto.role,
          reportingUnitCode: unit,
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
          changedFields: ['email', 'password', 'role', 'reportingUnit'],
          detail: { mustChangePassword },
        },
        manager,
      );
      return (await this.users.findById(user.id, manager))!;
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
      const named = dto.reportingUnit !== undefined || dto.jurisdiction !== undefined;
      const scoped = named
        ? await this.checkScope(manager, role, dto)
        : role === 'focal_person'
          ? await this.checkScope(manager, role, { reportingUnit: user.reportingUnitCode })
          : null;
      if (role !== user.role) changed.push('role');
      if (scoped !== user.reportingUnitCode) changed.push('reportingUnit');
      user.role = role;
      user.reportingUnitCode = scoped;
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
      return (await this.users.findById(user.id, manager))!;
    });
  }

  /**
   * The reporting unit of a user of `role`: a focal person's, named by `reportingUnit` or by
   * `jurisdiction` (that jurisdiction's police unit), active, and covering the jurisdiction when
   * both are given; none for other roles.
   */
  private async checkScope(
    manager: EntityManager,
    role: Role,
    named: { reportingUnit?: string | null; jurisdiction?: string | null },
  ): Promise<string | null> {
    const refuse = (field: string, code: FieldCode, message: string) =>
      new DomainError(UserErrors.INVALID_ROLE_SCOPE, message, { errors: [{ field, code, message }] });
    if (role !== 'focal_person') {
      for (const field of ['reportingUnit', 'jurisdiction'] as const)
        if (named[field]) throw refuse(field, CommonFieldCodes.NOT_ALLOWED, `${field} is only for role focal_person`);
      return null;
    }
    if (named.jurisdiction && !(await this.jurisdictions.exists(named.jurisdiction, manager)))
      throw new DomainError(ReferenceErrors.JURISDICTION_NOT_FOUND, 'Unknown jurisdiction code');
    const code =
      named.reportingUnit ?? (named.jurisdiction ? await this.units.policeUnitOf(named.jurisdiction, manager) : null);
    if (!code) {
      if (named.jurisdiction)
        throw refuse('jurisdiction', CommonFieldCodes.NOT_ALLOWED, 'the jurisdiction has no active police unit');
      throw refuse('reportingUnit', CommonFieldCodes.REQUIRED, 'reportingUnit is required for role focal_person');
    }
    const unit = await this.units.scope(code, manager);
    if (!unit) throw new DomainError(ReportingUnitErrors.NOT_FOUND, 'No such reporting unit');
    if (!unit.active) throw new DomainError(ReportingUnitErrors.INACTIVE, 'The reporting unit is inactive');
    if (named.jurisdiction && !unit.jurisdictions.includes(named.jurisdiction))
      throw refuse('jurisdiction', CommonFieldCodes.NOT_ALLOWED, 'the jurisdiction is not one of the reporting unit’s');
    return unit.code;
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
