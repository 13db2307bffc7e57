import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { AuthUser } from 'src/auth/auth-user';
import { LoginThrottle } from 'src/auth/login-throttle.entity';
import { passwordProblem } from 'src/auth/password-policy';
import { hashPassword } from 'src/auth/passwords';
import { DomainError } from 'src/common/errors/domain-error';
import { CommonErrors, ReferenceErrors, UserErrors } from 'src/common/errors/error-codes';
import { CommonFieldCodes } from 'src/common/errors/field-codes';
import { Jurisdiction } from 'src/jurisdictions/jurisdiction.entity';
import { CreateUserDto } from 'src/users/dto/create-user.dto';
import { UpdateUserDto } from 'src/users/dto/update-user.dto';
import { Role, User } from 'src/users/user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<User[]> {
    return this.dataSource.getRepository(User).find({ order: { email: 'ASC' } });
  }

  async get(id: string): Promise<User> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id });
    if (!user) throw new DomainError(UserErrors.NOT_FOUND, 'No such user');
    return user;
  }

  /** `allowWeakPassword` only for ADMIN_PASSWORD outside production, where the service warns instead. */
  async create(dto: CreateUserDto, actor: AuthUser | null, options: { allowWeakPassword?: boolean } = {}): Promise<User> {
    const email = dto.email.toLowerCase();
    if (!options.allowWeakPassword) checkPassword(dto.password, email);
    return this.dataSource.transaction(async (manager) => {
      const jurisdiction = await this.checkScope(manager, dto.role, dto.jurisdiction ?? null);
      if (await manager.existsBy(User, { email })) {
        throw new DomainError(UserErrors.ALREADY_EXISTS, 'A user with this e-mail already exists');
      }
      const user = manager.create(User, {
        email,
        passwordHash: await hashPassword(dto.password),
        role: dto.role,
        jurisdictionCode: jurisdiction,
      });
      await manager.save(user);
      await this.audit.record(
        { actor, action: 'user.create', entity: 'user', entityId: user.id, changedFields: ['email', 'password', 'role', 'jurisdiction'] },
        manager,
      );
      return user;
    });
  }

  /**
   * Changing the password, the role or the scope, or disabling, revokes every token the user
   * holds. A change that would leave no active admin is refused; changes to users are
   * serialised by one lock, so two admins demoting each other at once cannot both succeed.
   */
  async update(id: string, dto: UpdateUserDto, actor: AuthUser): Promise<User> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('tip-users'))`);
      const user = await manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new DomainError(UserErrors.NOT_FOUND, 'No such user');
      const role = dto.role ?? user.role;
      const staysActiveAdmin = role === 'admin' && !(dto.disabled ?? user.disabled);
      if (isActiveAdmin(user) && !staysActiveAdmin && !(await this.anotherActiveAdmin(manager, user.id))) {
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
        changed.push('password');
      }
      if (dto.disabled !== undefined && dto.disabled !== user.disabled) {
        user.disabled = dto.disabled;
        changed.push('disabled');
      }
      // a new password or re-enabling lifts the waits that failed logins put on the account
      if (dto.password !== undefined || dto.disabled === false) await manager.delete(LoginThrottle, { email: user.email });
      if (changed.some((f) => f !== 'disabled' || user.disabled)) user.tokenVersion += 1;
      await manager.save(user);
      await this.audit.record({ actor, action: 'user.update', entity: 'user', entityId: user.id, changedFields: changed }, manager);
      return user;
    });
  }

  private anotherActiveAdmin(manager: EntityManager, userId: string): Promise<boolean> {
    return manager.createQueryBuilder(User, 'u').where(`u.role = 'admin' AND NOT u.disabled AND u.id <> :userId`, { userId }).getExists();
  }

  private async checkScope(manager: EntityManager, role: Role, jurisdiction: string | null): Promise<string | null> {
    if (role !== 'focal_person') {
      if (jurisdiction) {
        throw new DomainError(UserErrors.INVALID_ROLE_SCOPE, 'Only a focal person is bound to a jurisdiction', {
          errors: [{ field: 'jurisdiction', code: CommonFieldCodes.NOT_ALLOWED, message: 'jurisdiction is only for role focal_person' }],
        });
      }
      return null;
    }
    if (!jurisdiction) {
      throw new DomainError(UserErrors.INVALID_ROLE_SCOPE, 'A focal person must be bound to a jurisdiction', {
        errors: [{ field: 'jurisdiction', code: CommonFieldCodes.REQUIRED, message: 'jurisdiction is required for role focal_person' }],
      });
    }
    if (!(await manager.existsBy(Jurisdiction, { code: jurisdiction }))) {
      throw new DomainError(ReferenceErrors.JURISDICTION_NOT_FOUND, 'Unknown jurisdiction code');
    }
    return jurisdiction;
  }
}

/** Refuses a password the policy finds weak, saying why in a field problem. */
function checkPassword(password: string, email: string): void {
  const problem = passwordProblem(password, { email });
  if (problem) throw new DomainError(CommonErrors.VALIDATION_FAILED, 'The password is too weak', { errors: [{ field: 'password', ...problem }] });
}

function isActiveAdmin(user: User): boolean {
  return user.role === 'admin' && !user.disabled;
}
