import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { EntityManager } from 'typeorm';
import { AppConfig } from 'src/config/app-config';
import { APP_CONFIG } from 'src/config/config.module';
import { EdgeDays } from 'src/statistics/period-edges.sql';
import { StatisticsRepository } from 'src/statistics/statistics.repository';

/** How often the cube is brought up to date in the background, so that a reader seldom waits for it. */
const BACKGROUND_REFRESH_MS = 15_000;

/**
 * How long a write waits for the cube to take it in before it is answered (takeInWrites): a
 * few edits take ≈ 0.1 s at a million cases; a longer refresh (another's, of many cells) goes on,
 * and a reader waits for what is left of it.
 */
const WRITE_WAITS_MS = 2_000;

/**
 * Keeps the monthly cube exact: before a figure is read from it, what writes have changed since
 * the last refresh is taken in — the edited cases' own changes, or the cells writes marked dirty
 * recomputed from the case tables (one transaction, one refresh at a time). Writes committed
 * while a refresh runs stay dirty for the next one.
 */
@Injectable()
export class StatisticsCube implements OnApplicationBootstrap {
  private readonly logger = new Logger('StatisticsCube');

  constructor(
    private readonly statistics: StatisticsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.schedulerEnabled) return;
    const timer = setInterval(() => {
      this.refresh().catch((error: unknown) =>
        this.logger.error(`background refresh failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    }, BACKGROUND_REFRESH_MS);
    this.scheduler.addInterval('statistics-cube', timer);
  }

  /**
   * Recomputes what writes have changed since the last refresh. True when the cube is then up
   * to date; false when another refresh is still running (a whole jurisdiction can take a
   * while): the caller counts from the case tables rather than wait.
   */
  async refresh(): Promise<boolean> {
    return (await this.current()) !== null;
  }

  /**
   * Takes committed writes into the cube, so that the next reader finds it up to date: waits at
   * most WRITE_WAITS_MS, and never fails (the write has committed; a reader refreshes the cube
   * if this did not).
   */
  async takeInWrites(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const refreshed = this.refresh().catch((error: unknown) =>
      this.logger.warn(`the cube was left to a later refresh: ${error instanceof Error ? error.name : typeof error}`),
    );
    await Promise.race([refreshed, new Promise((resolve) => (timer = setTimeout(resolve, WRITE_WAITS_MS)))]);
    clearTimeout(timer);
  }

  /**
   * Takes what the calling transaction wrote (and whatever else is marked) into the cube before
   * it commits, when it can do so at once (StatisticsRepository.refreshWithin): the cube's next
   * generation, else null (a refresh after the commit takes it, as for any write).
   */
  refreshWithin(manager: EntityManager): Promise<number | null> {
    return this.statistics.refreshWithin(manager);
  }

  /** As refresh, answering the generation of the cube brought up to date (null while another refresh runs). */
  current(): Promise<number | null> {
    return this.statistics.upToDate();
  }

  /**
   * The whole months `from`–`to` holds, which the cube counts, and its edge days before and
   * after them (null: none), which the case tables count (period-edges.sql.ts); null when it
   * holds no whole month. A period ending mid-month ends its whole months at the month's end
   * when nothing is dated in between (monthEndFor).
   */
  async wholeMonthsOf(from: string, to: string): Promise<{ from: string; to: string; edges?: EdgeDays } | null> {
    const first = from.endsWith('-01') ? from : addDays(monthEnd(from), 1);
    const last = (await this.monthEndFor(to)) ?? addDays(`${to.slice(0, 8)}01`, -1);
    if (first > last) return null;
    if (first === from && last >= to) return { from: first, to: last };
    return {
      from: first,
      to: last,
      edges: [
        first === from ? null : from,
        first === from ? null : addDays(first, -1),
        last >= to ? null : addDays(last, 1),
        last >= to ? null : to,
      ],
    };
  }

  /**
   * The end of the period the cube counts for one ending on `to`: `to` itself at a month's
   * end; the end of its month when nothing is dated after `to` in that month (a period up to
   * today, say); else null.
   */
  async monthEndFor(to: string): Promise<string | null> {
    const end = monthEnd(to);
    if (end === to) return to;
    return (await this.statistics.datedBetween(to, end)) ? null : end;
  }
}

/** The ISO date `days` after `date`. */
function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The last day of the month of an ISO date. */
export function monthEnd(date: string): string {
  const [y, m] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
