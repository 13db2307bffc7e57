import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { LoginThrottle } from 'src/auth/login-throttle.entity';
import { within } from 'src/database/transactions';

/** Failed logins per (e-mail, client address). */
@Injectable()
export class LoginThrottlesRepository {
  constructor(@InjectRepository(LoginThrottle) private readonly throttles: Repository<LoginThrottle>) {}

  /** The pair's row, created if need be and locked until the transaction ends. */
  async take(
    email: string,
    clientAddress: string,
    manager: EntityManager,
  ): Promise<Pick<LoginThrottle, 'failures' | 'blockedUntil' | 'lastFailureAt'>> {
    const [row] = await manager.query<
      Array<{ failures: number; blocked_until: Date | null; last_failure_at: Date | null }>
    >(
      `INSERT INTO login_throttles (email, client_address) VALUES ($1, $2)
       ON CONFLICT (email, client_address) DO UPDATE SET email = EXCLUDED.email
       RETURNING failures, blocked_until, last_failure_at`,
      [email, clientAddress],
    );
    return { failures: row.failures, blockedUntil: row.blocked_until, lastFailureAt: row.last_failure_at };
  }

  async update(
    pair: Pick<LoginThrottle, 'email' | 'clientAddress'>,
    state: Pick<LoginThrottle, 'failures' | 'blockedUntil' | 'lastFailureAt'>,
    manager?: EntityManager,
  ): Promise<void> {
    await within(this.throttles, manager).update({ email: pair.email, clientAddress: pair.clientAddress }, state);
  }

  async delete(email: string, clientAddress: string, manager?: EntityManager): Promise<void> {
    await within(this.throttles, manager).delete({ email, clientAddress });
  }

  /** Drops the pairs with no failure in the last `hours`. */
  async deleteQuietFor(hours: number): Promise<void> {
    await this.throttles.query(
      `DELETE FROM login_throttles WHERE last_failure_at IS NULL OR last_failure_at < now() - make_interval(hours => $1)`,
      [hours],
    );
  }
}
