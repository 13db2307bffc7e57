import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from 'src/audit/audit.service';
import { AuthUser } from 'src/auth/auth-user';
import { todayInPakistan } from 'src/common/dto/iso-date';
import { DomainError } from 'src/common/errors/domain-error';
import { InternationalErrors } from 'src/common/errors/error-codes';
import { AppConfig } from 'src/config/app-config';
import { APP_CONFIG } from 'src/config/config.module';
import { protect } from 'src/exports/suppression/protect';
import { Shown } from 'src/exports/suppression/publication';
import { CheckInputs, InternationalCheck, runChecks } from 'src/international/checks/international-checks';
import { figureKey, GlotipFigures, glotipFigures } from 'src/international/glotip/glotip-figures';
import { IndicatorKey } from 'src/international/glotip/glotip-vocabulary';
import { InternationalRepository, PersonGroup, yearSpan } from 'src/international/international.repository';
import { StatisticsService } from 'src/statistics/statistics.service';
import { endedMonths, ReportingStates } from 'src/submissions/reporting-states';

/** The whole country, as the statistics see it: international reporting is national. */
const NATIONAL: AuthUser = {
  id: '00000000-0000-0000-0000-000000000000',
  email: 'international-report',
  role: 'analyst',
  reportingUnit: null,
};

/** A year's figures, their checks and what makes them provisional: everything an international export is made from. */
export interface InternationalYear {
  readonly year: number;
  readonly figures: GlotipFigures;
  readonly persons: readonly PersonGroup[];
  readonly statistics: Readonly<Record<IndicatorKey, number>> & {
    readonly casesInvestigated: number;
    readonly casesProsecuted: number;
    readonly casesConvicted: number;
  };
  readonly checks: readonly InternationalCheck[];
  readonly provisional: CheckInputs['provisional'];
  readonly monthsNotEnded: number;
  readonly generatedAt: Date;
}

@Injectable()
export class InternationalService {
  constructor(
    private readonly repository: InternationalRepository,
    private readonly statistics: StatisticsService,
    private readonly states: ReportingStates,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The year's figures, counted and checked. */
  async year(year: number): Promise<InternationalYear> {
    const today = todayInPakistan();
    if (`${year}-01-01` > today) throw new DomainError(InternationalErrors.FUTURE_YEAR, 'That year has not begun');
    const { from, to } = yearSpan(year);
    const [persons, inconsistencies, summary, before, units] = await Promise.all([
      this.repository.persons(year),
      this.repository.inconsistencies(year),
      this.totals(year),
      this.totals(year - 1),
      this.states.of({ from, to }),
    ]);
    const figures = glotipFigures(year, summary.offences, persons);
    const provisional = [...new Set(units.flatMap((u) => u.months.map((m) => m.month)))]
      .sort()
      .map((month) => ({
        month,
        units: units
          .filter((u) => u.months.some((m) => m.month === month && m.state !== 'approved'))
          .map((u) => u.reportingUnit),
      }))
      .filter((m) => m.units.length > 0);
    const monthsNotEnded = 12 - endedMonths(from, to, today).length;
    const checks = runChecks({
      figures,
      inconsistencies,
      statistics: summary,
      previousYear: before,
      changeFactor: this.config.internationalChangeFactor,
      provisional,
      monthsNotEnded,
    });
    return {
      year,
      figures,
      persons,
      statistics: summary,
      checks,
      provisional,
      monthsNotEnded,
      generatedAt: new Date(),
    };
  }

  /** The year's figures, refused (409) while a hard check fails. */
  async exportable(year: number): Promise<InternationalYear> {
    const counted = await this.year(year);
    const failing = counted.checks.filter((c) => c.severity === 'hard');
    if (failing.length)
      throw new DomainError(
        InternationalErrors.CHECK_FAILED,
        `${failing.length} consistency check(s) of ${year} failed; nothing was exported. Put the data right, then export again.`,
        { checks: failing },
      );
    return counted;
  }

  /** Each figure as it is written: exact, or with the project's small-count protection. */
  async shown(figures: GlotipFigures, suppress: boolean): Promise<ReadonlyMap<string, Shown>> {
    if (!suppress) return new Map(figures.figures.map((f) => [figureKey(f), f.value]));
    const protection = await protect(
      { cells: figures.figures.map((f) => ({ key: figureKey(f), value: f.value })), sums: figures.sums, orders: [] },
      [],
      this.config.suppressionThreshold,
    );
    return new Map(protection.publication.cells.map((c) => [c.key, c.shown]));
  }

  async recordExport(user: AuthUser, action: string, detail: Record<string, unknown>): Promise<void> {
    await this.audit.record({ actor: user, action, entity: 'international_export', detail });
  }

  get threshold(): number {
    return this.config.suppressionThreshold;
  }

  get legalBasis(): string {
    return this.config.legalBasis;
  }

  get demo(): boolean {
    return this.config.demo.enabled;
  }

  /** Each indicator's total for the year as the Rule 42 statistics count it (trafficking cases only). */
  private async totals(year: number): Promise<InternationalYear['statistics']> {
    const { from, to } = yearSpan(year);
    const s = await this.statistics.summary(NATIONAL, { from, to, offenceFamily: 'tip' });
    return {
      offences: s.casesRegistered,
      contact: s.suspects,
      prosecuted: s.prosecutions.persons,
      convicted: s.convictions.persons,
      victims: s.victimsIdentified,
      casesInvestigated: s.casesInvestigated,
      casesProsecuted: s.prosecutions.cases,
      casesConvicted: s.convictions.cases,
    };
  }
}
