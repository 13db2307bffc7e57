import { queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import { api, ApiError, call, Schemas } from '../../api/client';
import type { operations } from '../../api/schema';
import type { Me } from '../../session/session';

export type CaseRecord = Schemas['CaseResponse'];
export type Victim = Schemas['VictimResponse'];
export type Defendant = Schemas['DefendantResponse'];
export type Prosecution = Schemas['ProsecutionResponse'];
export type StatusEvent = Schemas['StatusEventResponse'];
export type CodeLists = Schemas['CodeListsResponse'];
export type CodeItem = Schemas['CodeItemResponse'];
export type District = Schemas['DistrictResponse'];
export type CasePage = Schemas['CasePageResponse'];
export type CaseListQuery = NonNullable<operations['CasesController_list_v1']['parameters']['query']>;

/**
 * The case's entity tag as the service answers it in `ETag`, sent as `If-Match` with every change
 * made from a form: the version of the case as it was when the form was opened.
 */
export const caseETag = (caseRecord: Pick<CaseRecord, 'id' | 'version'>): string =>
  `"${caseRecord.id}:${caseRecord.version}"`;

/** A change refused because the case was changed by someone else after the form was opened. */
export const caseChanged = (error: unknown): boolean => error instanceof ApiError && error.code === 'CASE.CHANGED';

/** Everything about cases starts with 'cases', so one invalidation after a save refreshes the list and the case. */
export const caseKeys = {
  all: ['cases'] as const,
  list: (query: CaseListQuery) => ['cases', 'list', query] as const,
  record: (id: string) => ['cases', 'one', id, 'record'] as const,
  victims: (id: string) => ['cases', 'one', id, 'victims'] as const,
  defendants: (id: string) => ['cases', 'one', id, 'defendants'] as const,
  prosecutions: (id: string) => ['cases', 'one', id, 'prosecutions'] as const,
  history: (id: string) => ['cases', 'one', id, 'history'] as const,
};

export const caseListQuery = (query: CaseListQuery) =>
  queryOptions({
    queryKey: caseKeys.list(query),
    queryFn: () => call(api.GET('/api/v1/cases', { params: { query } })),
  });

export const caseQuery = (id: string) =>
  queryOptions({
    queryKey: caseKeys.record(id),
    queryFn: () => call(api.GET('/api/v1/cases/{id}', { params: { path: { id } } })),
  });

export const victimsQuery = (caseId: string) =>
  queryOptions({
    queryKey: caseKeys.victims(caseId),
    queryFn: () => call(api.GET('/api/v1/cases/{caseId}/victims', { params: { path: { caseId } } })),
  });

export const defendantsQuery = (caseId: string) =>
  queryOptions({
    queryKey: caseKeys.defendants(caseId),
    queryFn: () => call(api.GET('/api/v1/cases/{caseId}/defendants', { params: { path: { caseId } } })),
  });

export const prosecutionsQuery = (caseId: string) =>
  queryOptions({
    queryKey: caseKeys.prosecutions(caseId),
    queryFn: () => call(api.GET('/api/v1/cases/{caseId}/prosecutions', { params: { path: { caseId } } })),
  });

export const historyQuery = (caseId: string) =>
  queryOptions({
    queryKey: caseKeys.history(caseId),
    queryFn: () => call(api.GET('/api/v1/cases/{id}/history', { params: { path: { id: caseId } } })),
  });

// reference data changes rarely: read once per visit
const REFERENCE = { staleTime: Infinity, gcTime: Infinity } as const;

export const codeListsQuery = queryOptions({
  queryKey: ['reference', 'code-lists'],
  queryFn: () => call(api.GET('/api/v1/reference/code-lists')),
  ...REFERENCE,
});

export const countriesQuery = queryOptions({
  queryKey: ['reference', 'countries'],
  queryFn: () => call(api.GET('/api/v1/reference/countries')),
  ...REFERENCE,
});

export const lawSectionsQuery = queryOptions({
  queryKey: ['reference', 'law-sections'],
  queryFn: () => call(api.GET('/api/v1/reference/law-sections')),
  ...REFERENCE,
});

export const jurisdictionsQuery = queryOptions({
  queryKey: ['reference', 'jurisdictions'],
  queryFn: () => call(api.GET('/api/v1/jurisdictions')),
  ...REFERENCE,
});

/** The reporting units; an administrator may add or rename one, so they are read again after a while. */
export const reportingUnitsQuery = queryOptions({
  queryKey: ['reference', 'reporting-units'],
  queryFn: () => call(api.GET('/api/v1/reporting-units')),
  staleTime: 10 * 60_000,
});

/** Reporting unit names by code (a code the list does not know is shown as it is). */
export function useUnitNames(enabled = true): Map<string, string> {
  const units = useQuery({ ...reportingUnitsQuery, enabled });
  return new Map((units.data ?? []).map((u) => [u.code, u.name]));
}

export const districtsQuery = (jurisdiction: string) =>
  queryOptions({
    queryKey: ['reference', 'districts', jurisdiction],
    queryFn: () =>
      call(api.GET('/api/v1/jurisdictions/{code}/districts', { params: { path: { code: jurisdiction } } })),
    ...REFERENCE,
  });

/** District names by P-code, for the districts of the given jurisdictions. */
export function useDistrictNames(jurisdictions: readonly string[]): Map<string, string> {
  const unique = [...new Set(jurisdictions)].sort();
  return useQueries({
    queries: unique.map((code) => districtsQuery(code)),
    combine: (results) => new Map(results.flatMap((r) => (r.data ?? []).map((d) => [d.code, d.name] as const))),
  });
}

/** Country names by ISO alpha-3 code. */
export function useCountryNames(): Map<string, string> {
  const countries = useQuery(countriesQuery);
  return new Map((countries.data ?? []).map((c) => [c.alpha3, c.name]));
}

/**
 * Whether the signed-in user may change this case: the service lets admins change any case
 * and focal persons the cases of their reporting unit (in its jurisdictions); analysts only read.
 */
export function canWrite(me: Me | null | undefined, caseRecord: CaseRecord): boolean {
  if (!me) return false;
  if (me.role === 'admin') return true;
  return (
    me.role === 'focal_person' &&
    me.reportingUnit?.code === caseRecord.reportingUnit &&
    me.reportingUnit.jurisdictions.includes(caseRecord.jurisdiction)
  );
}
