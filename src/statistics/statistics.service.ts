import { Injectable } from '@nestjs/common';
import { AuthUser } from 'src/auth/auth-user';
import { CaseAccess } from 'src/cases/case-access.service';
import { DomainError } from 'src/common/errors/domain-error';
import { StatisticsErrors } from 'src/common/errors/error-codes';
import { StatisticsFieldCodes } from 'src/common/errors/field-codes';
import { CASE_STATUSES, CaseStatus, REPORTING_AGENCIES } from 'src/reference/code-lists';
import {
  DemographicsQueryDto,
  RoutesQueryDto,
  StatisticsQueryDto,
  TrendsQueryDto,
} from 'src/statistics/dto/statistics-query.dto';
import {
  AgencyFiguresResponse,
  AttritionResponse,
  DemographicRowResponse,
  DemographicsResponse,
  JurisdictionFiguresResponse,
  PersonsAndCasesResponse,
  RepeatOffendersResponse,
  ReportingStatesResponse,
  RoutesResponse,
  StatisticsSummaryResponse,
  StatusResponse,
  TrendSeriesResponse,
  TrendsResponse,
  VulnerabilitiesResponse,
} from 'src/statistics/dto/statistics-response.dto';
import { FAMILIES_OF } from 'src/statistics/counting-rules.sql';
import { assertPeriod } from 'src/statistics/period-check';
import { StatisticsCube } from 'src/statistics/statistics-cube.service';
import { CubeQuery, StatisticsRepository } from 'src/statistics/statistics.repository';
import { groupByState, ReportingStates } from 'src/submissions/reporting-states';

/** The answers' shapes, described for the OpenAPI document in the response DTOs. */
export type PersonsAndCases = PersonsAndCasesResponse;
export type JurisdictionFigures = JurisdictionFiguresResponse;
export type Summary = StatisticsSummaryResponse;
export type DemographicRow = DemographicRowResponse;
export type TrendSeries = TrendSeriesResponse;
export type RouteFigures = RoutesResponse;
export type StatusFigures = StatusResponse;
export type Attrition = AttritionResponse;
export type VulnerabilityFigures = VulnerabilitiesResponse;

const zeroStatuses = (): Record<CaseStatus, number> =>
  Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;

/**
 * The figures NPB reports, computed by the SQL in statistics.sql.ts. Every method applies
 * the caller's jurisdiction scope before the query runs.
 */
@Injectable()
export class StatisticsService {
  constructor(
    private readonly figures: StatisticsRepository,
    private readonly access: CaseAccess,
    private readonly cube: StatisticsCube,
    private readonly states: ReportingStates,
  ) {}

  async summary(user: AuthUser, q: StatisticsQueryDto): Promise<Summary> {
    const params = await this.params(user, q);
    const cube = await this.cubeParams(q, params);
    const [rows, status, byAgency] = await Promise.all([
      this.figures.summary(params, cube),
      this.figures.status(params, cube),
      this.summaryByAgency(params, cube),
    ]);
    const byJurisdiction: JurisdictionFigures[] = rows.map((r) => ({
      jurisdiction: r.jurisdiction as string,
      ...summaryFigures([r]),
    }));
    const statusAtEnd = zeroStatuses();
    for (const r of status) statusAtEnd[r.status] += r.count;
    return {
      period: { from: q.from, to: q.to },
      ...summaryFigures(rows),
      statusAtEnd,
      byJurisdiction,
      byAgency,
      reporting: await this.reporting(q, params),
    };
  }

  /** The summary's figures of each of these reporting units (a unit outside the caller's scope has zeros). */
  async summaryByUnit(
    user: AuthUser,
    q: StatisticsQueryDto,
    codes: readonly string[],
  ): Promise<Array<{ code: string } & Omit<JurisdictionFigures, 'jurisdiction'>>> {
    const params = await this.params(user, q);
    const cube = await this.cubeParams(q, params);
    const units = params[7] as string[] | null;
    return Promise.all(
      codes.map(async (code) => {
        const rows = await this.figures.summary(
          ...withUnits(params, cube, units && !units.includes(code) ? [''] : [code]),
        );
        return { code, ...summaryFigures(rows) };
      }),
    );
  }

  /**
   * The summary once per agency, over that agency's units within the caller's scope, from the
   * cube when `cube` holds its parameters; an agency outside the scope has zeros.
   */
  private async summaryByAgency(params: unknown[], cube: CubeQuery | null): Promise<AgencyFiguresResponse[]> {
    const ofAgencies = await this.access.unitsOfAgencies(params[7] as string[] | null);
    return Promise.all(
      REPORTING_AGENCIES.map(async (agency) => {
        const rows = await this.figures.summary(...withUnits(params, cube, ofAgencies[agency]));
        return { agency, ...summaryFigures(rows) };
      }),
    );
  }

  async demographics(user: AuthUser, q: DemographicsQueryDto): Promise<DemographicsResponse> {
    const params = [...(await this.params(user, q)), q.population, q.scope];
    const cube = await this.cubeParams(q, params);
    return {
      rows: await this.figures.demographics<DemographicRow>(params, cube),
      reporting: await this.reporting(q, params),
    };
  }

  async trends(user: AuthUser, q: TrendsQueryDto): Promise<TrendsResponse> {
    if (q.groupBy === 'sex' && (q.metric === 'casesRegistered' || q.metric === 'casesInvestigated')) {
      throw new DomainError(
        StatisticsErrors.INVALID_GROUPING,
        'groupBy=sex applies to victims, prosecutions and convictions',
        {
          errors: [
            {
              field: 'groupBy',
              code: StatisticsFieldCodes.PERSONS_ONLY,
              message: 'sex is a property of persons, not of cases',
            },
          ],
        },
      );
    }
    const params = [...(await this.params(user, q)), q.interval, q.groupBy];
    const cube = await this.cubeParams(q, params);
    const rows = await this.figures.trend(q.metric, q.groupBy, params, cube);
    const series = new Map<string, TrendSeries>();
    for (const r of rows) {
      if (!series.has(r.key)) series.set(r.key, { key: r.key, points: [] });
      series.get(r.key)!.points.push({ period: periodLabel(r.start, q.interval), value: r.value });
    }
    return { series: [...series.values()], reporting: await this.reporting(q, params) };
  }

  async routes(user: AuthUser, q: RoutesQueryDto): Promise<RouteFigures> {
    const params = [...(await this.params(user, q)), q.level, q.limit];
    const cube = await this.cubeParams(q, params);
    const [flows, transits, legs] = await Promise.all([
      this.figures.routeFlows<RouteFigures['flows'][number]>(params, cube),
      this.figures.routeTransits<RouteFigures['transits'][number]>(params, cube),
      this.figures.routeLegs<RouteFigures['legs'][number]>(params, cube),
    ]);
    return { flows, transits, legs, reporting: await this.reporting(q, params) };
  }

  async status(user: AuthUser, q: StatisticsQueryDto): Promise<StatusFigures> {
    const params = await this.params(user, q);
    const cube = await this.cubeParams(q, params);
    const [rows, jurisdictions] = await Promise.all([
      this.figures.status(params, cube),
      this.figures.jurisdictionCodes(params[2] as string | null),
    ]);
    const total = zeroStatuses();
    const byJurisdiction = jurisdictions.map(({ code }) => {
      const counts = zeroStatuses();
      for (const r of rows.filter((x) => x.jurisdiction === code)) {
        counts[r.status] += r.count;
        total[r.status] += r.count;
      }
      return { jurisdiction: code, counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
    });
    return { asAt: q.to, byJurisdiction, total, reporting: await this.reporting(q, params) };
  }

  async attrition(user: AuthUser, q: StatisticsQueryDto): Promise<Attrition> {
    const params = await this.params(user, q);
    const cube = await this.cubeParams(q, params);
    const r = await this.figures.attrition(params, cube);
    const days = (v: number | null) => (v === null ? null : Number(v));
    return {
      registered: r.registered,
      investigationConcluded: r.investigationConcluded,
      challanSubmitted: r.challanSubmitted,
      prosecuted: r.prosecuted,
      convicted: r.convicted,
      acquitted: r.acquitted,
      cancelled: r.cancelled,
      untraced: r.untraced,
      medianDays: {
        firToChallan: days(r.firToChallan),
        challanToJudgment: days(r.challanToJudgment),
        firToJudgment: days(r.firToJudgment),
      },
      reporting: await this.reporting(q, params),
    };
  }

  async vulnerabilities(user: AuthUser, q: StatisticsQueryDto): Promise<VulnerabilityFigures> {
    const params = await this.params(user, q);
    const cube = await this.cubeParams(q, params);
    const [rows, hotspots] = await Promise.all([
      this.figures.vulnerabilities<VulnerabilityFigures['rows'][number]>(params, cube),
      this.figures.hotspots<VulnerabilityFigures['hotspots'][number]>(params, cube),
    ]);
    return { rows, hotspots, reporting: await this.reporting(q, params) };
  }

  /** Offenders are named only by a pseudonym valid within this answer (R1, R2, …). */
  async repeatOffenders(user: AuthUser, q: StatisticsQueryDto): Promise<RepeatOffendersResponse> {
    const params = await this.params(user, q);
    const rows = await this.figures.repeatOffenders(params, await this.cube.refresh());
    return {
      offenders: rows.map((r, i) => ({ offenderKey: `R${i + 1}`, ...r })),
      reporting: await this.reporting(q, params),
    };
  }

  /**
   * The parameters for the monthly cube, or null when the case tables answer. The cube counts
   * periods from the first of a month to the end of one, without a district filter, for any
   * reporting units (it keeps each case's unit); a period
   * ending mid-month is counted to the month's end when nothing is dated in between (the
   * same figures). A period cut at days holding a whole month is counted from the cube's whole
   * months and the case tables' edge days (period-edges.sql.ts); one within a month or two, from
   * the case tables. The cube is refreshed first, so it is exact; while another refresh runs, the case
   * tables answer instead (the generation is null; see CubeQuery). Every table keeps the case's
   * offence family, trafficking type and forms, so those filters are read from the cube on every
   * endpoint. Called after the period and the caller's scope are checked.
   */
  private async cubeParams(q: StatisticsQueryDto, params: unknown[]): Promise<CubeQuery | null> {
    if (q.district) return null;
    const months = await this.cube.wholeMonthsOf(q.from, q.to);
    if (!months) return null;
    return {
      values: [months.from, months.to, ...params.slice(2)],
      generation: await this.cube.current(),
      ...(months.edges && { edges: months.edges }),
    };
  }

  /**
   * Which months behind the figures are approved, provisional or missing, for the units of the
   * caller's scope and filters (`params` after the scope is checked: the jurisdiction is the 3rd, the units the 8th).
   */
  private async reporting(q: StatisticsQueryDto, params: unknown[]): Promise<ReportingStatesResponse> {
    const units = await this.states.of({
      from: q.from,
      to: q.to,
      units: params[7] as string[] | null,
      jurisdiction: params[2] as string | null,
    });
    return groupByState(units);
  }

  /** The eight bound parameters, after checking the period and the caller's scope. */
  private async params(user: AuthUser, q: StatisticsQueryDto): Promise<unknown[]> {
    assertPeriod(q);
    const scope = await this.access.readScope(user, q);
    return [
      q.from,
      q.to,
      scope.jurisdiction,
      q.district ?? null,
      FAMILIES_OF[q.offenceFamily],
      q.exploitationForm ?? null,
      q.traffickingType ?? null,
      scope.units,
    ];
  }
}

/** The case tables' and the cube's parameters (`cube` null: the case tables answer) with the reporting units `units` ($8). */
function withUnits(params: unknown[], cube: CubeQuery | null, units: string[]): [unknown[], CubeQuery | null] {
  return [[...params.slice(0, 7), units], cube && { ...cube, values: [...cube.values.slice(0, 7), units] }];
}

/** The summary's figures added up over rows of the summary query (one per jurisdiction). */
function summaryFigures(rows: Array<Record<string, number | string>>): Omit<JurisdictionFigures, 'jurisdiction'> {
  const sum = (column: string) => rows.reduce((n, r) => n + (r[column] as number), 0);
  return {
    casesRegistered: sum('casesRegistered'),
    casesInvestigated: sum('casesInvestigated'),
    prosecutions: { persons: sum('prosecutedPersons'), cases: sum('prosecutedCases') },
    convictions: { persons: sum('convictedPersons'), cases: sum('convictedCases') },
    victimsIdentified: sum('victimsIdentified'),
    suspects: sum('suspects'),
  };
}

function periodLabel(start: string, interval: 'month' | 'quarter' | 'year'): string {
  const [year, month] = start.split('-').map(Number);
  if (interval === 'year') return String(year);
  if (interval === 'quarter') return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
  return start.slice(0, 7);
}
