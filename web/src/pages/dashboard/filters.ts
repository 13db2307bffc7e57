import type { operations } from '../../api/schema';
import type { Me } from '../../session/session';
import { isValidPeriod, Period, presetPeriod } from './period';

/** The parameters every statistic takes, as the service describes them. */
export type StatisticsParams = NonNullable<operations['StatisticsController_summary_v1']['parameters']['query']>;
export type TrendParams = NonNullable<operations['StatisticsController_trends_v1']['parameters']['query']>;
export type RouteParams = NonNullable<operations['StatisticsController_routes_v1']['parameters']['query']>;
export type DemographicParams = NonNullable<operations['StatisticsController_demographics_v1']['parameters']['query']>;

export type FamilyFilter = NonNullable<StatisticsParams['offenceFamily']>;
export type ExploitationForm = NonNullable<StatisticsParams['exploitationForm']>;
export type TraffickingType = NonNullable<StatisticsParams['traffickingType']>;
export type TrendMetric = TrendParams['metric'];
export type TrendInterval = NonNullable<TrendParams['interval']>;
export type TrendGroup = NonNullable<TrendParams['groupBy']>;
export type RouteLevel = NonNullable<RouteParams['level']>;
export type Scope = NonNullable<DemographicParams['scope']>;
export type Agency = NonNullable<StatisticsParams['agency']>;

export const FAMILY_FILTERS = ['tip', 'som', 'mixed', 'all'] as const satisfies readonly FamilyFilter[];
export const TRAFFICKING_TYPES = ['internal', 'transnational'] as const satisfies readonly TraffickingType[];
export const EXPLOITATION_FORMS = [
  'sexual_exploitation',
  'forced_labour',
  'bonded_labour',
  'domestic_servitude',
  'forced_marriage',
  'forced_begging',
  'child_labour',
  'forced_criminality',
  'organ_removal',
  'armed_group_recruitment',
  'other',
] as const satisfies readonly ExploitationForm[];
export const TREND_METRICS = [
  'casesRegistered',
  'casesInvestigated',
  'prosecutions',
  'convictions',
  'victims',
] as const satisfies readonly TrendMetric[];
export const TREND_INTERVALS = ['month', 'quarter', 'year'] as const satisfies readonly TrendInterval[];
export const TREND_GROUPS = [
  'none',
  'jurisdiction',
  'exploitationForm',
  'sex',
  'offenceFamily',
] as const satisfies readonly TrendGroup[];
export const TREND_CHARTS = ['line', 'bars'] as const;
export type TrendChart = (typeof TREND_CHARTS)[number];
export const ROUTE_LEVELS = ['country', 'jurisdiction', 'district'] as const satisfies readonly RouteLevel[];
export const SCOPES = ['prosecuted', 'all'] as const satisfies readonly Scope[];
export const AGENCIES = ['police', 'fia', 'other'] as const satisfies readonly Agency[];

/** What selects the cases: the filters every statistic takes. */
export interface DashboardFilters extends Period {
  jurisdiction?: string;
  district?: string;
  offenceFamily: FamilyFilter;
  exploitationForm?: ExploitationForm;
  traffickingType?: TraffickingType;
  /** National roles only: a focal person's cases are their own unit's. */
  agency?: Agency;
  reportingUnit?: string;
}

/** How the charts show them. */
export interface DashboardView {
  metric: TrendMetric;
  interval: TrendInterval;
  groupBy: TrendGroup;
  trendChart: TrendChart;
  routeLevel: RouteLevel;
  scope: Scope;
}

export interface DashboardState {
  filters: DashboardFilters;
  view: DashboardView;
}

export const DEFAULT_VIEW: DashboardView = {
  metric: 'casesRegistered',
  interval: 'month',
  groupBy: 'none',
  trendChart: 'line',
  routeLevel: 'country',
  scope: 'prosecuted',
};

/** Sex is a property of persons: the service groups only person counts by it. */
export const groupsFor = (metric: TrendMetric): TrendGroup[] =>
  metric === 'casesRegistered' || metric === 'casesInvestigated'
    ? TREND_GROUPS.filter((g) => g !== 'sex')
    : [...TREND_GROUPS];

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((v) => v === value);
}

const JURISDICTION = /^PK-[A-Z]{2}$/;
/** A district code as the service takes it (a P-code, or a provisional code an administrator gave). */
const DISTRICT = /^[A-Za-z0-9-]{1,16}$/;
/** A reporting unit's code (`POLICE-PK-PB`, `FIA`, `FIA-PUNJAB`). */
const UNIT = /^[A-Z0-9][A-Z0-9-]{0,39}$/;

/** Who looks at the dashboard: a focal person's jurisdiction and unit are fixed. */
export type Viewer = Pick<Me, 'jurisdiction' | 'reportingUnit'>;

/**
 * The dashboard as the address describes it. Anything missing or unreadable takes its default
 * (the last twelve whole months, TIP cases, the whole country, every agency); a focal person's
 * jurisdiction and unit are always their own, whatever the address says.
 */
export function readState(params: URLSearchParams, me: Viewer, today: string): DashboardState {
  const asked = { from: params.get('from') ?? '', to: params.get('to') ?? '' };
  const period = isValidPeriod(asked) ? asked : presetPeriod('last12Months', today);
  const jurisdiction = me.jurisdiction ?? params.get('jurisdiction');
  const district = params.get('district');
  const filters: DashboardFilters = {
    ...period,
    jurisdiction: jurisdiction && JURISDICTION.test(jurisdiction) ? jurisdiction : undefined,
    district: jurisdiction && district && DISTRICT.test(district) ? district : undefined,
    offenceFamily: oneOf(FAMILY_FILTERS, params.get('offenceFamily')) ?? 'tip',
    exploitationForm: oneOf(EXPLOITATION_FORMS, params.get('exploitationForm')),
    traffickingType: oneOf(TRAFFICKING_TYPES, params.get('traffickingType')),
  };
  if (!me.reportingUnit) {
    filters.agency = oneOf(AGENCIES, params.get('agency'));
    const unit = params.get('reportingUnit');
    filters.reportingUnit = unit && UNIT.test(unit) ? unit : undefined;
  }
  const metric = oneOf(TREND_METRICS, params.get('metric')) ?? DEFAULT_VIEW.metric;
  const view: DashboardView = {
    metric,
    interval: oneOf(TREND_INTERVALS, params.get('interval')) ?? DEFAULT_VIEW.interval,
    groupBy: oneOf(groupsFor(metric), params.get('groupBy')) ?? DEFAULT_VIEW.groupBy,
    trendChart: oneOf(TREND_CHARTS, params.get('trendChart')) ?? DEFAULT_VIEW.trendChart,
    routeLevel: oneOf(ROUTE_LEVELS, params.get('routeLevel')) ?? DEFAULT_VIEW.routeLevel,
    scope: oneOf(SCOPES, params.get('scope')) ?? DEFAULT_VIEW.scope,
  };
  return { filters, view };
}

/**
 * The address of a state: the period always (so a link reproduces it on another day), the
 * rest only where it differs from the default. A focal person's jurisdiction is implied.
 */
export function writeState({ filters, view }: DashboardState, me: Viewer): URLSearchParams {
  const out = new URLSearchParams({ from: filters.from, to: filters.to });
  if (filters.jurisdiction && !me.jurisdiction) out.set('jurisdiction', filters.jurisdiction);
  if (filters.district) out.set('district', filters.district);
  if (filters.offenceFamily !== 'tip') out.set('offenceFamily', filters.offenceFamily);
  if (filters.exploitationForm) out.set('exploitationForm', filters.exploitationForm);
  if (filters.traffickingType) out.set('traffickingType', filters.traffickingType);
  if (filters.agency && !me.reportingUnit) out.set('agency', filters.agency);
  if (filters.reportingUnit && !me.reportingUnit) out.set('reportingUnit', filters.reportingUnit);
  for (const name of Object.keys(DEFAULT_VIEW) as Array<keyof DashboardView>) {
    if (view[name] !== DEFAULT_VIEW[name]) out.set(name, view[name]);
  }
  return out;
}

/**
 * The statistics parameters of the filters: only those set. A focal person's jurisdiction and
 * unit are left to the service, which applies it to every answer.
 */
export function statisticsParams(filters: DashboardFilters, me: Viewer): StatisticsParams {
  return {
    from: filters.from,
    to: filters.to,
    offenceFamily: filters.offenceFamily,
    ...(filters.jurisdiction && !me.jurisdiction ? { jurisdiction: filters.jurisdiction } : {}),
    ...(filters.district ? { district: filters.district } : {}),
    ...(filters.exploitationForm ? { exploitationForm: filters.exploitationForm } : {}),
    ...(filters.traffickingType ? { traffickingType: filters.traffickingType } : {}),
    ...(filters.agency && !me.reportingUnit ? { agency: filters.agency } : {}),
    ...(filters.reportingUnit && !me.reportingUnit ? { reportingUnit: filters.reportingUnit } : {}),
  };
}
