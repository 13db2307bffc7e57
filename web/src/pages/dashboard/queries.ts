import { keepPreviousData, queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, call, Schemas } from '../../api/client';
import type {
  DemographicParams,
  DashboardFilters,
  RouteLevel,
  Scope,
  StatisticsParams,
  TrendGroup,
  TrendInterval,
  TrendMetric,
} from './filters';

export type Summary = Schemas['StatisticsSummaryResponse'];
export type StatusFigures = Schemas['StatusResponse'];
export type StatusCounts = Schemas['StatusCountsResponse'];
export type Trends = Schemas['TrendsResponse'];
export type Routes = Schemas['RoutesResponse'];
export type RouteFlow = Schemas['RouteFlowResponse'];
export type RouteLeg = Schemas['RouteLegResponse'];
export type Demographics = Schemas['DemographicsResponse'];
export type DemographicRow = Schemas['DemographicRowResponse'];
export type Attrition = Schemas['AttritionResponse'];
export type Vulnerabilities = Schemas['VulnerabilitiesResponse'];
export type RepeatOffenders = Schemas['RepeatOffendersResponse'];
export type CodeItem = Schemas['CodeItemResponse'];
export type District = Schemas['DistrictResponse'];
export type Jurisdiction = Schemas['JurisdictionResponse'];
export type ReportingUnit = Schemas['ReportingUnitResponse'];
export type AgencyFigures = Schemas['AgencyFiguresResponse'];

/** The routes the Sankey and the top routes show, and those looked at for the world map. */
export const TOP_ROUTES = 25;
export const MAP_ROUTES = 100;

/** Figures change only when someone writes; a minute's cache spares the service on back and forward. */
const FIGURES = { staleTime: 60_000, placeholderData: keepPreviousData } as const;
/** Reference lists change rarely. */
const REFERENCE = { staleTime: 10 * 60_000 } as const;

export const summaryQuery = (query: StatisticsParams) =>
  queryOptions({
    queryKey: ['statistics', 'summary', query],
    queryFn: () => call(api.GET('/api/v1/statistics/summary', { params: { query } })),
    ...FIGURES,
  });

export const statusQuery = (query: StatisticsParams) =>
  queryOptions({
    queryKey: ['statistics', 'status', query],
    queryFn: () => call(api.GET('/api/v1/statistics/status', { params: { query } })),
    ...FIGURES,
  });

export const trendsQuery = (
  base: StatisticsParams,
  view: { metric: TrendMetric; interval: TrendInterval; groupBy: TrendGroup },
) => {
  const query = { ...base, metric: view.metric, interval: view.interval, groupBy: view.groupBy };
  return queryOptions({
    queryKey: ['statistics', 'trends', query],
    queryFn: () => call(api.GET('/api/v1/statistics/trends', { params: { query } })),
    ...FIGURES,
  });
};

export const routesQuery = (base: StatisticsParams, level: RouteLevel, limit: number) => {
  const query = { ...base, level, limit };
  return queryOptions({
    queryKey: ['statistics', 'routes', query],
    queryFn: () => call(api.GET('/api/v1/statistics/routes', { params: { query } })),
    ...FIGURES,
  });
};

export const demographicsQuery = (
  base: StatisticsParams,
  population: DemographicParams['population'],
  scope: Scope,
) => {
  const query = { ...base, population, scope };
  return queryOptions({
    queryKey: ['statistics', 'demographics', query],
    queryFn: () => call(api.GET('/api/v1/statistics/demographics', { params: { query } })),
    ...FIGURES,
  });
};

export const attritionQuery = (query: StatisticsParams) =>
  queryOptions({
    queryKey: ['statistics', 'attrition', query],
    queryFn: () => call(api.GET('/api/v1/statistics/attrition', { params: { query } })),
    ...FIGURES,
  });

export const vulnerabilitiesQuery = (query: StatisticsParams) =>
  queryOptions({
    queryKey: ['statistics', 'vulnerabilities', query],
    queryFn: () => call(api.GET('/api/v1/statistics/vulnerabilities', { params: { query } })),
    ...FIGURES,
  });

export const repeatOffendersQuery = (query: StatisticsParams) =>
  queryOptions({
    queryKey: ['statistics', 'repeat-offenders', query],
    queryFn: () => call(api.GET('/api/v1/statistics/repeat-offenders', { params: { query } })),
    ...FIGURES,
  });

export const jurisdictionsQuery = queryOptions({
  queryKey: ['reference', 'jurisdictions'],
  queryFn: () => call(api.GET('/api/v1/jurisdictions')),
  ...REFERENCE,
});

export function useJurisdictions() {
  return useQuery(jurisdictionsQuery);
}

/** The reporting units (the administration's page refreshes the same key when it changes one). */
export function useReportingUnits(enabled: boolean) {
  return useQuery({
    queryKey: ['reference', 'reporting-units'],
    queryFn: () => call(api.GET('/api/v1/reporting-units')),
    enabled,
    ...REFERENCE,
  });
}

export const districtsQuery = (code: string) =>
  queryOptions({
    queryKey: ['reference', 'districts', code],
    queryFn: () => call(api.GET('/api/v1/jurisdictions/{code}/districts', { params: { path: { code } } })),
    ...REFERENCE,
  });

export function useDistricts(jurisdiction: string | undefined) {
  return useQuery({ ...districtsQuery(jurisdiction ?? ''), enabled: !!jurisdiction });
}

// module-level, so the combined map is recomputed only when a list changes
const districtNames = (lists: Array<{ data?: District[] }>): Map<string, string> =>
  new Map(lists.flatMap((list) => (list.data ?? []).map((d): [string, string] => [d.code, d.name])));

const NO_NAMES = new Map<string, string>();

/**
 * The names of the districts of these jurisdictions, by code (for routes at district level);
 * none when not `enabled`, even if a list is at hand for another reason (the filters' districts),
 * so that a chart naming no district is not drawn again when one arrives.
 */
export function useDistrictNames(jurisdictions: readonly string[], enabled: boolean): Map<string, string> {
  const names = useQueries({
    queries: jurisdictions.map((code) => ({ ...districtsQuery(code), enabled })),
    combine: districtNames,
  });
  return enabled ? names : NO_NAMES;
}

export const codeListsQuery = queryOptions({
  queryKey: ['reference', 'code-lists'],
  queryFn: () => call(api.GET('/api/v1/reference/code-lists')),
  ...REFERENCE,
});

export function useCodeLists() {
  return useQuery(codeListsQuery);
}

export const countriesQuery = queryOptions({
  queryKey: ['reference', 'countries'],
  queryFn: () => call(api.GET('/api/v1/reference/countries')),
  ...REFERENCE,
});

/** Country names by ISO alpha-3. */
export function useCountryNames(): Map<string, string> {
  const countries = useQuery(countriesQuery);
  return useMemo(() => new Map((countries.data ?? []).map((c) => [c.alpha3, c.name])), [countries.data]);
}

/** The previous-period parameters of the same filters. */
export function withPeriod(query: StatisticsParams, period: Pick<DashboardFilters, 'from' | 'to'>): StatisticsParams {
  return { ...query, from: period.from, to: period.to };
}
