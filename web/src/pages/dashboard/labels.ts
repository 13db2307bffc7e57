import { hasMessage, t } from '../../i18n/i18n';
import type { CodeItem } from './queries';

/** The case statuses in the order a case moves through them. */
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
export const SEXES = ['male', 'female', 'transgender', 'unknown'] as const;
export const AGE_BANDS = ['0-11', '12-17', '18-25', '26-40', '41-60', '61+', 'unknown'] as const;
export const JURISDICTIONS = ['PK-PB', 'PK-SD', 'PK-KP', 'PK-BA', 'PK-IS', 'PK-JK', 'PK-GB'] as const;

/** The catalogue's words for a code of a group (`dashboard.status.convicted`); an unknown code as it is. */
export function codeLabel(group: string, code: string): string {
  const key = `dashboard.${group}.${code}`;
  return hasMessage(key) ? t(key) : code;
}

export function jurisdictionLabel(code: string): string {
  const key = `jurisdiction.${code}`;
  return hasMessage(key) ? t(key) : code;
}

/** Police, FIA or another agency in words; one the catalogue does not know, as the service names it. */
export function agencyLabel(code: string): string {
  const key = `agency.${code}`;
  return hasMessage(key) ? t(key) : code;
}

/** The label of a code in one of the service's stored lists (exploitation forms, vulnerabilities). */
export function listLabel(items: readonly CodeItem[] | undefined, code: string): string {
  return items?.find((i) => i.code === code)?.label ?? code;
}

/**
 * Names a place of a route or a nationality: a country (ISO alpha-3), a province or region
 * (ISO 3166-2) or a district (P-code); `unknown` and `UNK` as "not known".
 */
export function placeNamer(countries: Map<string, string>, districts: Map<string, string>) {
  return (code: string): string => {
    if (code === 'unknown' || code === 'UNK') return t('dashboard.place.unknown');
    if (/^PK-[A-Z]{2}$/.test(code)) return jurisdictionLabel(code);
    return countries.get(code) ?? districts.get(code) ?? code;
  };
}

/** A percentage to one decimal, as Pakistan writes numbers. */
export function percent(part: number, whole: number): string {
  return new Intl.NumberFormat('en-PK', { style: 'percent', maximumFractionDigits: 1 }).format(
    whole ? part / whole : 0,
  );
}
