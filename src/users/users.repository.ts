import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { LoginThrottle } from 'src/auth/login-throttle.entity';
import { within } from 'src/database/transactions';
import { User } from 'src/users/user.entity';

const WITH_UNIT = { reportingUnit: { jurisdictions: true } };

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
