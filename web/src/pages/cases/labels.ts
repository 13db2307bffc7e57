import { hasMessage, t } from '../../i18n/i18n';
import type { CodeItem } from './queries';

/** The fixed enumerations the catalogue words (the service labels them only by their codes). */
export type CodeGroup =
  | 'status'
  | 'offenceFamily'
  | 'traffickingType'
  | 'reportingAgency'
  | 'sex'
  | 'custody'
  | 'outcome'
  | 'appeal'
  | 'referral'
  | 'routeKind';

export const STATUSES = [
  'registered',
  'under_investigation',
  'challan_submitted',
  'under_trial',
  'convicted',
  'acquitted',
  'cancelled',
  'untraced',
  'transferred',
  'closed_other',
] as const;
export type Status = (typeof STATUSES)[number];
export const OFFENCE_FAMILIES = ['tip', 'som', 'mixed'] as const;
export const TRAFFICKING_TYPES = ['internal', 'transnational'] as const;
export const REPORTING_AGENCIES = ['police', 'fia', 'other'] as const;
export const SEXES = ['male', 'female', 'transgender', 'unknown'] as const;
export const CUSTODY_STATUSES = [
  'suspect',
  'arrested',
  'on_bail',
  'absconding',
  'proclaimed_offender',
  'released',
] as const;
/** The outcomes a prosecution may be given directly; `convicted` comes with a recorded conviction. */
export const PLAIN_OUTCOMES = ['pending', 'acquitted', 'discharged', 'withdrawn'] as const;
export const APPEAL_STATUSES = ['none', 'pending', 'upheld', 'overturned'] as const;
export const REFERRALS = ['shelter', 'ngo', 'none'] as const;
export const ROUTE_KINDS = ['origin', 'transit', 'destination'] as const;

/** The words for a coded value; an unknown code is shown as it is. */
export function codeLabel(group: CodeGroup, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return t('app.none');
  const key = `cases.${group}.${code}`;
  return hasMessage(key) ? t(key) : code;
}

/** The label of a code in one of the service's stored lists (exploitation forms, vulnerabilities, defendant roles). */
export function listLabel(items: readonly CodeItem[] | undefined, code: string | null | undefined): string {
  if (!code) return t('app.none');
  return items?.find((i) => i.code === code)?.label ?? code;
}

/** Several codes of a stored list, as one line. */
export function listLabels(items: readonly CodeItem[] | undefined, codes: readonly string[]): string {
  return codes.length ? codes.map((c) => listLabel(items, c)).join(', ') : t('app.none');
}

/** Under 18 at the offence is a child (PTPA 2018); an unknown age has no band. */
export function ageBand(age: number | null): string {
  if (age === null) return t('cases.victims.ageBandUnknown');
  return age < 18 ? t('cases.victims.ageBandChild') : t('cases.victims.ageBandAdult');
}
