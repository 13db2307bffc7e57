import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { LoginThrottle } from 'src/auth/login-throttle.entity';
import { within } from 'src/database/transactions';
import { UnitScope } from 'src/auth/auth-user';
import { Role, User } from 'src/users/user.entity';

const WITH_UNIT = { reportingUnit: { jurisdictions: true } };

/** A user as a request sees them (UsersRepository.sessionOf). */
export interface SessionRow {
  id: string;
  email: string;
  role: Role;
  disabled: boolean;
  tokenVersion: number;
  mustChangePassword: boolean;
  reportingUnit: (UnitScope & { active: boolean }) | null;
}

/** User accounts. */
@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  list(): Promise<User[]> {
    return this.users.find({ order: { email: 'ASC' }, relations: WITH_UNIT });
  }

  /** The user with their reporting unit and its jurisdictions. */
  findById(id: string, manager?: EntityManager): Promise<User | null> {
    return within(this.users, manager).findOne({ where: { id }, relations: WITH_UNIT });
  }

  /**
   * What a request needs of its caller, in one query: the account's state and token version,
   * its unit and the unit's jurisdictions (sorted). Read at every request, so a revocation,
   * a disabled account or a unit's change takes effect at once.
   */
  async sessionOf(id: string): Promise<SessionRow | null> {
    const [row] = await this.users.query<SessionRow[]>(
      `SELECT account.id, account.email, account.role, account.disabled, account.token_version AS "tokenVersion",
              account.must_change_password AS "mustChangePassword",
              CASE WHEN unit.code IS NOT NULL THEN json_build_object(
                'code', unit.code, 'name', unit.name, 'agency', unit.agency, 'active', unit.active,
                'jurisdictions', ARRAY(SELECT unit_jurisdiction.jurisdiction_code FROM reporting_unit_jurisdictions unit_jurisdiction
                                        WHERE unit_jurisdiction.reporting_unit_code = unit.code ORDER BY 1)) END AS "reportingUnit"
         FROM users account LEFT JOIN reporting_units unit ON unit.code = account.reporting_unit_code
        WHERE account.id = $1`,
      [id],
    );
    return row ?? null;
  }

  findByEmail(email: string, manager?: EntityManager): Promise<User | null> {
    return within(this.users, manager).findOne({ where: { email }, relations: WITH_UNIT });
  }

  emailTaken(email: string, manager?: EntityManager): Promise<boolean> {
    return within(this.users, manager).existsBy({ email });
  }

  adminExists(): Promise<boolean> {
    return this.users.existsBy({ role: 'admin' });
  }

  anotherActiveAdmin(userId: string, manager?: EntityManager): Promise<boolean> {
    return within(this.users, manager)
      .createQueryBuilder('account')
      .where(`account.role = 'admin' AND NOT account.disabled AND account.id <> :userId`, { userId })
      .getExists();
  }

  /**
   * Waits for every other change to users, until the transaction ends: one lock serialises
   * them, so two admins demoting each other at once cannot both succeed.
   */
  async serialiseChanges(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('tip-users'))`);
  }

  /** The user, locked until the transaction ends, after every other change to users (serialiseChanges). */
  async lockForChange(id: string, manager: EntityManager): Promise<User | null> {
    await this.serialiseChanges(manager);
    return manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  create(
    fields: Pick<User, 'email' | 'passwordHash' | 'role' | 'reportingUnitCode' | 'mustChangePassword'>,
    manager?: EntityManager,
  ): User {
    return within(this.users, manager).create(fields);
  }

  save(user: User, manager?: EntityManager): Promise<User> {
    return within(this.users, manager).save(user);
  }

  async recordLogin(id: string, at: Date, manager?: EntityManager): Promise<void> {
    await within(this.users, manager).update(id, { lastLoginAt: at });
  }

  /** Revokes every token the user holds. */
  async revokeTokens(id: string, manager?: EntityManager): Promise<void> {
    await within(this.users, manager).increment({ id }, 'tokenVersion', 1);
  }

  /** Lifts the waits that failed logins put on the account, from every client address. */
  async forgetLoginFailures(email: string, manager?: EntityManager): Promise<void> {
    await (manager ?? this.users.manager).delete(LoginThrottle, { email });
  }
}
