import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LoginThrottlesRepository } from 'src/auth/login-throttles.repository';
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
export function loginDelaySeconds(
  failures: number,
  rule: Pick<AppConfig['auth'], 'loginFailuresBeforeDelay' | 'loginFirstDelaySeconds' | 'loginDelayMaxSeconds'>,
): number {
  if (failures < rule.loginFailuresBeforeDelay) return 0;
  return Math.min(
    rule.loginFirstDelaySeconds * 2 ** (failures - rule.loginFailuresBeforeDelay),
    rule.loginDelayMaxSeconds,
  );
}

/** Counts failed logins per (e-mail, client address) and says how long that pair must wait. */
@Injectable()
export class LoginThrottlesService {
  private lastPurge = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly throttles: LoginThrottlesRepository,
  ) {}

  /**
   * The pair's state, its row created if need be and locked until the transaction ends, so
   * that attempts of one pair run one after another and none escapes the count.
   */
  async take(manager: EntityManager, email: string, clientAddress: string): Promise<ThrottleState> {
    const row = await this.throttles.take(email, clientAddress, manager);
    return { email, clientAddress, ...row };
  }

  /** Counts one more failure; answers the wait it starts (0 for none). */
  async fail(
    manager: EntityManager,
    state: ThrottleState,
    now: Date,
  ): Promise<{ failures: number; delaySeconds: number }> {
    const remembered =
      state.lastFailureAt && now.getTime() - state.lastFailureAt.getTime() < FAILURE_MEMORY_HOURS * 3600_000;
    const failures = (remembered ? state.failures : 0) + 1;
    const delaySeconds = loginDelaySeconds(failures, this.config.auth);
    await this.throttles.update(
      state,
      {
        failures,
        lastFailureAt: now,
        blockedUntil: delaySeconds ? new Date(now.getTime() + delaySeconds * 1000) : null,
      },
      manager,
    );
    return { failures, delaySeconds };
  }

  /** A successful login forgets the failures of its address (an admin's reset forgets all: UsersService). */
  async clear(manager: EntityManager, email: string, clientAddress: string): Promise<void> {
    await this.throttles.delete(email, clientAddress, manager);
  }

  /** Drops pairs whose failures are forgotten anyway, at most once an hour (failed logins for made-up addresses would pile up). */
  async purgeForgotten(now = Date.now()): Promise<void> {
    if (now - this.lastPurge < 3600_000) return;
    this.lastPurge = now;
    await this.throttles.deleteQuietFor(FAILURE_MEMORY_HOURS);
  }
}
