import { useQuery } from '@tanstack/react-query';
import { api, call, Schemas } from '../../api/client';

export type User = Schemas['UserResponse'];
export type Jurisdiction = Schemas['JurisdictionResponse'];
export type District = Schemas['DistrictResponse'];
export type AuditEvent = Schemas['AuditEventResponse'];
export type ReportingUnit = Schemas['ReportingUnitResponse'];

export const USERS_KEY = ['admin', 'users'] as const;
export const UNITS_KEY = ['reference', 'reporting-units'] as const;
export const districtsKey = (jurisdiction: string) => ['reference', 'districts', jurisdiction] as const;

/** Every account (the service answers them all at once: a few hundred at most). */
export function useUsers() {
  return useQuery({ queryKey: USERS_KEY, queryFn: () => call(api.GET('/api/v1/users')) });
}

/** The seven jurisdictions; they change only by a release. */
export function useJurisdictions() {
  return useQuery({
    queryKey: ['reference', 'jurisdictions'],
    queryFn: () => call(api.GET('/api/v1/jurisdictions')),
    staleTime: Infinity,
  });
}

export function useDistricts(jurisdiction: string | null) {
  return useQuery({
    queryKey: districtsKey(jurisdiction ?? ''),
    queryFn: () =>
      call(api.GET('/api/v1/jurisdictions/{code}/districts', { params: { path: { code: jurisdiction! } } })),
    enabled: jurisdiction !== null,
  });
}

/** Every reporting unit, with its counts of cases and focal persons (a few dozen at most). */
export function useReportingUnits() {
  return useQuery({ queryKey: UNITS_KEY, queryFn: () => call(api.GET('/api/v1/reporting-units')) });
}
