import { Injectable } from '@nestjs/common';
import { nationalReader } from 'src/auth/auth-user';
import { todayInPakistan } from 'src/common/dto/iso-date';
import { MonthlyExportsRepository } from 'src/exports/monthly-exports.repository';
import { MonthReporting } from 'src/exports/monthly-reporting-state';
import { ReportingUnitsRepository } from 'src/reporting-units/reporting-units.repository';
import { StatisticsQueryDto, TrendMetric } from 'src/statistics/dto/statistics-query.dto';
import {
  DemographicRow,
  JurisdictionFigures,
  RouteFigures,
  StatisticsService,
  StatusFigures,
  Summary,
} from 'src/statistics/statistics.service';
import { endedMonths, ReportingStates } from 'src/submissions/reporting-states';
import { monthSpan } from 'src/submissions/submission-months';

export interface MonthlyFigures {
  month: string;
  from: string;
  to: string;
  summary: Summary;
  status: StatusFigures;
  victims: DemographicRow[];
  defendants: DemographicRow[];
  forms: Array<{ form: string; cases: number; victims: number }>;
  routes: RouteFigures['flows'];
  trends: Array<{ period: string } & Record<TrendMetric, number>>;
  /** Each unit's month: approved, provisional or missing (figures not approved are provisional). */
  reporting: MonthReporting;
  /** Internal audience only: the Summary's figures of each reporting unit. */
  byUnit?: Array<{ code: string; name: string; agency: string } & Omit<JurisdictionFigures, 'jurisdiction'>>;
  /** Internal audience only: cases registered in the month or whose status changed in it. */
  cases?: Array<{
    jurisdiction: string;
    district: string;
    policeStation: string;
    firNumber: string;
    firYear: number;
    firDate: string;
    status: string;
    statusDate: string;
  }>;
}

/** The monthly workbook is national. */
const NATIONAL = nationalReader('monthly-report');
const METRICS: TrendMetric[] = ['casesRegistered', 'casesInvestigated', 'prosecutions', 'convictions', 'victims'];

function monthsBefore(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 - n, 1));
  return d.toISOString().slice(0, 7);
}

/**
 * Gathers every figure of the monthly workbook from the statistics service — the counting
 * rules live there once; this only asks for them.
 */
@Injectable()
export class MonthlyFiguresSource {
  constructor(
    private readonly statistics: StatisticsService,
    private readonly exports: MonthlyExportsRepository,
    private readonly units: ReportingUnitsRepository,
    private readonly states: ReportingStates,
  ) {}

  async gather(month: string, withCases: boolean): Promise<MonthlyFigures> {
    const { from, to } = monthSpan(month);
    const base = { from, to, offenceFamily: 'tip' } as StatisticsQueryDto;
    const trendFrom = monthSpan(monthsBefore(month, 11)).from;
    const [summary, status, victims, defendants, routes, formCases, formVictims, ...trendSeries] = await Promise.all([
      this.statistics.summary(NATIONAL, base),
      this.statistics.status(NATIONAL, base),
      this.statistics.demographics(NATIONAL, {
        ...base,
        population: 'victims',
        scope: 'prosecuted',
      }),
      this.statistics.demographics(NATIONAL, {
        ...base,
        population: 'defendants',
        scope: 'prosecuted',
      }),
      this.statistics.routes(NATIONAL, { ...base, level: 'country', limit: 25 }),
      this.statistics.trends(NATIONAL, {
        ...base,
        metric: 'casesRegistered',
        interval: 'month',
        groupBy: 'exploitationForm',
      }),
      this.statistics.trends(NATIONAL, {
        ...base,
        metric: 'victims',
        interval: 'month',
        groupBy: 'exploitationForm',
      }),
      ...METRICS.map((metric) =>
        this.statistics.trends(NATIONAL, {
          from: trendFrom,
          to,
          offenceFamily: 'tip',
          metric,
          interval: 'month',
          groupBy: 'none',
        }),
      ),
    ]);
    const formTotal = (series: { series: Array<{ key: string; points: Array<{ value: number }> }> }, key: string) =>
      series.series.find((s) => s.key === key)?.points.reduce((n, p) => n + p.value, 0) ?? 0;
    const formKeys = [...new Set([...formCases.series, ...formVictims.series].map((s) => s.key))].sort();
    const periods = trendSeries[0].series[0]?.points.map((p) => p.period) ?? [];
    return {
      month,
      from,
      to,
      summary,
      status,
      victims: victims.rows,
      defendants: defendants.rows,
      forms: formKeys.map((form) => ({
        form,
        cases: formTotal(formCases, form),
        victims: formTotal(formVictims, form),
      })),
      routes: routes.flows,
      trends: periods.map((period, i) => ({
        period,
        ...(Object.fromEntries(
          METRICS.map((metric, k) => [metric, trendSeries[k].series[0].points[i].value]),
        ) as Record<TrendMetric, number>),
      })),
      reporting: {
        ended: endedMonths(from, to, todayInPakistan()).length > 0,
        units: await this.states.of({ from, to }),
      },
      byUnit: withCases ? await this.byUnit(base) : undefined,
      cases: withCases ? await this.exports.activeCases(from, to) : undefined,
    };
  }

  private async byUnit(base: StatisticsQueryDto): Promise<MonthlyFigures['byUnit']> {
    const units = (await this.units.rows()).map((r) => r.unit);
    const figures = await this.statistics.summaryByUnit(
      NATIONAL,
      base,
      units.map((u) => u.code),
    );
    return units.map((u, i) => ({ ...figures[i], name: u.name, agency: u.agency }));
  }
}
