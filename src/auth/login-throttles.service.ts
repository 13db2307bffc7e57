import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { LoginThrottle } from 'src/auth/login-throttle.entity';
import { AppConfig } from 'src/config/app-config';
import { APP_CONFIG } from 'src/config/config.module';

/** Failures older than this are forgotten: the count starts again. */
const FAILURE_MEMORY_HOURS = 24;

export interface ThrottleState {
  readonly email: string;
  readonly clientAddress: string;
  readonly failures: number;
  readonly blockedUntil: Date | null;
  readonly lastFailureAt: Date | null;
}

/** The wait after `failures` failures: none before the limit, then the first delay doubled per failure, capped. */
export function loginDelaySeconds(failures: number, rule: Pick<AppConfig['auth'], 'loginFailuresBeforeDelay' | 'loginFirstDelaySeconds' | 'loginDelayMaxSeconds'>): number {
  if (failures < rule.loginFailuresBeforeDelay) return 0;
  return Math.min(rule.loginFirstDelaySeconds * 2 ** (failures - rule.loginFailuresBeforeDelay), rule.loginDelayMaxSeconds);
}

/** Counts failed logins per (e-mail, client address) and says how long that pair must wait. */
@Injectable()
export class LoginThrottlesService {
  private lastPurge = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * The pair's state, its row created if need be and locked until the transaction ends, so
   * that attempts of one pair run one after another and none escapes the count.
   */
  async take(manager: EntityManager, email: string, clientAddress: string): Promise<ThrottleState> {
    const [row] = (await manager.query(
      `INSERT INTO login_throttles (email, client_address) VALUES ($1, $2)
       ON CONFLICT (email, client_address) DO UPDATE SET email = EXCLUDED.email
       RETURNING failures, blocked_until, last_failure_at`,
      [email, clientAddress],
    )) as Array<{ failures: number; blocked_until: Date | null; last_failure_at: Date | null }>;
    return { email, clientAddress, failures: row.failures, blockedUntil: row.blocked_until, lastFailureAt: row.last_failure_at };
  }

  /** Counts one more failure; answers the wait it starts (0 for none). */
  async fail(manager: EntityManager, state: ThrottleState, now: Date): Promise<{ failures: number; delaySeconds: number }> {
    const remembered = state.lastFailureAt && now.getTime() - state.lastFailureAt.getTime() < FAILURE_MEMORY_HOURS * 3600_000;
    const failures = (remembered ? state.failures : 0) + 1;
    const delaySeconds = loginDelaySeconds(failures, this.config.auth);
    await manager.update(
      LoginThrottle,
      { email: state.email, clientAddress: state.clientAddress },
      { failures, lastFailureAt: now, blockedUntil: delaySeconds ? new Date(now.getTime() + delaySeconds * 1000) : null },
    );
    return { failures, delaySeconds };
  }

  /** A successful login forgets the failures of its address (an admin's reset forgets all: UsersService). */
  async clear(manager: EntityManager, email: string, clientAddress: string): Promise<void> {
    await manager.delete(LoginThrottle, { email, clientAddress });
  }

  /** Drops pairs whose failures are forgotten anyway, at most once an hour (failed logins for made-up addresses would pile up). */
  async purgeForgotten(now = Date.now()): Promise<void> {
    if (now - this.lastPurge < 3600_000) return;
    this.lastPurge = now;
    await this.dataSource.query(
      `DELETE FROM login_throttles WHERE last_failure_at IS NULL OR last_failure_at < now() - make_interval(hours => $1)`,
      [FAILURE_MEMORY_HOURS],
    );
  }
}
