import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { formatDate, hasMessage, t } from '../../i18n/i18n';
import { codeLabel, listLabel, SEXES, STATUSES, TRAFFICKING_TYPES } from './labels';
import {
  CaseListQuery,
  codeListsQuery,
  jurisdictionsQuery,
  useCountryNames,
  useDistrictNames,
  useUnitNames,
} from './queries';

/**
 * The case list's drill-down: the address the dashboard opens for the cases behind a figure
 * (`from`, `to`, `basis` and the statistics' filters, a route, a residence district, an
 * attrition stage), read into the list query and shown as removable chips.
 */
export const BASES = ['registered', 'investigated', 'prosecuted', 'convicted', 'victims', 'status'] as const;
export type Basis = (typeof BASES)[number];
export const FAMILY_FILTERS = ['tip', 'som', 'mixed', 'all'] as const;
export const ROUTE_LEVELS = ['country', 'jurisdiction', 'district'] as const;
export const POPULATIONS = ['victims', 'defendants'] as const;
export const PERSON_SCOPES = ['prosecuted', 'all'] as const;
export const AGE_BANDS = ['0-11', '12-17', '18-25', '26-40', '41-60', '61+', 'unknown'] as const;
export const AGE_GROUPS = ['child', 'adult', 'unknown'] as const;
export const STAGES = [
  'concluded',
  'challan',
  'prosecuted',
  'convicted',
  'acquitted',
  'cancelled',
  'untraced',
] as const;

/** The parameters of the drill-down, as the address names them. */
export const DRILL_PARAMS = [
  'from',
  'to',
  'basis',
  'stage',
  'exploitationForm',
  'traffickingType',
  'origin',
  'destination',
  'transit',
  'routeLevel',
  'residenceDistrict',
  'population',
  'scope',
  'sex',
  'ageBand',
  'ageGroup',
  'nationality',
  'vulnerability',
  'firDateFrom',
  'firDateTo',
] as const;

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  values.find((v) => v === value);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[A-Za-z0-9_-]{2,40}$/;

/**
 * The drill-down part of the list query the address asks for. A value of the wrong shape is
 * left out; values that do not go together are sent, for the service to say why (shown in words).
 */
export function drillQueryOf(params: URLSearchParams): Partial<CaseListQuery> {
  const matching = (name: string, pattern: RegExp) => {
    const value = params.get(name)?.trim();
    return value && pattern.test(value) ? value : undefined;
  };
  return {
    from: matching('from', DATE),
    to: matching('to', DATE),
    basis: oneOf(BASES, params.get('basis')),
    stage: oneOf(STAGES, params.get('stage')),
    offenceFamily: oneOf(FAMILY_FILTERS, params.get('offenceFamily')),
    exploitationForm: matching('exploitationForm', CODE) as CaseListQuery['exploitationForm'],
    traffickingType: oneOf(TRAFFICKING_TYPES, params.get('traffickingType')),
    origin: matching('origin', CODE),
    destination: matching('destination', CODE),
    transit: matching('transit', CODE),
    routeLevel: oneOf(ROUTE_LEVELS, params.get('routeLevel')),
    residenceDistrict: matching('residenceDistrict', CODE),
    population: oneOf(POPULATIONS, params.get('population')),
    scope: oneOf(PERSON_SCOPES, params.get('scope')),
    sex: oneOf(SEXES, params.get('sex')),
    ageBand: oneOf(AGE_BANDS, params.get('ageBand')),
    ageGroup: oneOf(AGE_GROUPS, params.get('ageGroup')),
    nationality: matching('nationality', /^[A-Z]{3}$/),
    vulnerability: matching('vulnerability', CODE) as CaseListQuery['vulnerability'],
    firDateFrom: matching('firDateFrom', DATE),
    firDateTo: matching('firDateTo', DATE),
  };
}

/**
 * The basis the service applies: as given, else that of the persons' scope, else victims for a
 * residence district or a vulnerability, else registered with a period.
 */
export function basisOf(query: CaseListQuery): Basis | undefined {
  if (query.basis) return query.basis;
  if (query.population) return query.scope === 'all' ? 'registered' : 'prosecuted';
  if (query.residenceDistrict || query.vulnerability) return 'victims';
  return query.from || query.to || query.stage ? 'registered' : undefined;
}

/** The persons' filters, removed with the period or the population they belong to. */
const PERSONS_CLEARED = {
  population: undefined,
  scope: undefined,
  sex: undefined,
  ageBand: undefined,
  ageGroup: undefined,
  nationality: undefined,
  vulnerability: undefined,
};

/** One active filter: its words, and how the address changes when it is removed. */
export interface Chip {
  key: string;
  label: string;
  /** The parameters to set (a value) or remove (undefined). */
  change: Record<string, string | undefined>;
}

/** The active filters of the list as chips, in the order they read as a sentence. */
export function useDrillChips(query: CaseListQuery): Chip[] {
  const codeLists = useQuery(codeListsQuery);
  const places = [query.origin, query.destination, query.transit].filter((p): p is string => !!p && p !== 'unknown');
  const needsDistricts = !!query.residenceDistrict || places.some((p) => !/^[A-Z]{3}$|^PK-[A-Z]{2}$/.test(p));
  const jurisdictions = useQuery({ ...jurisdictionsQuery, enabled: needsDistricts || !!query.district });
  const districtNames = useDistrictNames(
    needsDistricts || query.district ? (jurisdictions.data ?? []).map((j) => j.code) : [],
  );
  const countryNames = useCountryNames();
  const unitNames = useUnitNames(!!query.reportingUnit);
  const jurisdictionName = (code: string) => {
    const key = `jurisdiction.${code}`;
    return hasMessage(key) ? t(key) : code;
  };
  const placeName = (code: string) => {
    if (/^PK-[A-Z]{2}$/.test(code)) return jurisdictionName(code);
    if (/^[A-Z]{3}$/.test(code)) return countryNames.get(code) ?? code;
    return districtNames.get(code) ?? code;
  };

  const chips: Chip[] = [];
  const add = (key: string, label: string, change: Chip['change']) => chips.push({ key, label, change });
  const basis = basisOf(query);
  if (basis && query.to && (query.from || basis === 'status')) {
    const from = formatDate(query.from);
    const to = formatDate(query.to);
    const label =
      basis === 'status'
        ? t('cases.drill.status', { to, status: codeLabel('status', query.status) })
        : t(`cases.drill.${basis}`, { from, to });
    add('period', label, {
      from: undefined,
      to: undefined,
      basis: undefined,
      stage: undefined,
      residenceDistrict: undefined,
      ...PERSONS_CLEARED,
      ...(basis === 'status' ? { status: undefined } : {}),
    });
  }
  if (query.stage) add('stage', t(`cases.drill.stage.${query.stage}`), { stage: undefined });
  if (query.jurisdiction)
    add('jurisdiction', jurisdictionName(query.jurisdiction), { jurisdiction: undefined, district: undefined });
  if (query.district)
    add('district', t('cases.drill.district', { name: districtNames.get(query.district) ?? query.district }), {
      district: undefined,
    });
  if (query.agency)
    add('agency', t('cases.drill.agency', { agency: codeLabel('reportingAgency', query.agency) }), {
      agency: undefined,
    });
  if (query.reportingUnit)
    add(
      'reportingUnit',
      t('cases.drill.reportingUnit', { name: unitNames.get(query.reportingUnit) ?? query.reportingUnit }),
      { reportingUnit: undefined },
    );
  if (query.offenceFamily && query.offenceFamily !== 'all')
    add('offenceFamily', codeLabel('offenceFamily', query.offenceFamily), { offenceFamily: undefined });
  if (query.exploitationForm)
    add(
      'exploitationForm',
      query.exploitationForm === 'unspecified'
        ? t('cases.drill.noForm')
        : listLabel(codeLists.data?.exploitation_form, query.exploitationForm),
      { exploitationForm: undefined },
    );
  if (query.traffickingType)
    add('traffickingType', codeLabel('traffickingType', query.traffickingType), { traffickingType: undefined });
  if (query.status && basis !== 'status' && STATUSES.includes(query.status))
    add('status', t('cases.drill.statusNow', { status: codeLabel('status', query.status) }), { status: undefined });
  const route = (name: 'origin' | 'transit' | 'destination', unknown: string) => {
    const place = query[name];
    if (!place) return;
    const label = place === 'unknown' ? unknown : t(`cases.drill.${name}`, { place: placeName(place) });
    add(name, label, { [name]: undefined });
  };
  route('origin', t('cases.drill.noOrigin'));
  if (query.transit === 'none') add('transit', t('cases.drill.noTransit'), { transit: undefined });
  else route('transit', '');
  route('destination', t('cases.drill.noDestination'));
  if (query.residenceDistrict)
    add(
      'residenceDistrict',
      t('cases.drill.residence', { name: districtNames.get(query.residenceDistrict) ?? query.residenceDistrict }),
      // the period still counts victims identified in it
      { residenceDistrict: undefined, basis: 'victims' },
    );
  if (query.population)
    add('population', t(`cases.drill.population.${query.population}`), { ...PERSONS_CLEARED, basis: basis });
  if (query.vulnerability)
    add(
      'vulnerability',
      t('cases.drill.vulnerability', { name: listLabel(codeLists.data?.vulnerability, query.vulnerability) }),
      // the period still counts victims identified in it; sex and age group go with the vulnerability
      { vulnerability: undefined, sex: undefined, ageGroup: undefined, basis: 'victims' },
    );
  // sex narrows the persons of a population or a vulnerability, or those a basis counts (prosecuted, convicted, victims)
  if (query.sex) add('sex', t('cases.drill.sex', { sex: codeLabel('sex', query.sex) }), { sex: undefined });
  if (query.population || query.vulnerability) {
    if (query.ageBand) add('ageBand', t(`cases.drill.ageBand.${query.ageBand}`), { ageBand: undefined });
    if (query.ageGroup) add('ageGroup', t(`cases.drill.ageGroup.${query.ageGroup}`), { ageGroup: undefined });
    if (query.nationality)
      add(
        'nationality',
        query.nationality === 'UNK'
          ? t('cases.drill.nationalityUnknown')
          : t('cases.drill.nationality', { name: countryNames.get(query.nationality) ?? query.nationality }),
        { nationality: undefined },
      );
  }
  if (query.firDateFrom || query.firDateTo) {
    const from = formatDate(query.firDateFrom);
    const to = formatDate(query.firDateTo);
    const label =
      query.firDateFrom && query.firDateTo
        ? t('cases.drill.firDates', { from, to })
        : query.firDateFrom
          ? t('cases.drill.firFrom', { from })
          : t('cases.drill.firTo', { to });
    add('firDates', label, { firDateFrom: undefined, firDateTo: undefined });
  }
  if (query.firYear) add('firYear', t('cases.drill.firYear', { year: String(query.firYear) }), { firYear: undefined });
  if (query.search) add('search', t('cases.drill.search', { text: query.search }), { search: undefined });
  return chips;
}

/**
 * The active filters as a line of chips, each with a button that removes it. The button is named
 * "Remove filter" and described by its chip's words (a name holding them would read as a second
 * label of the form field of the same filter).
 */
export function DrillChips({ chips, onChange }: { chips: Chip[]; onChange: (change: Chip['change']) => void }) {
  const id = useId();
  if (!chips.length) return null;
  return (
    <ul className="drill-chips" aria-label={t('cases.drill.label')}>
      {chips.map((chip) => (
        <li key={chip.key} className="drill-chip">
          <span id={`${id}-${chip.key}`}>{chip.label}</span>
          <button
            type="button"
            className="chip-remove"
            aria-label={t('cases.drill.remove')}
            aria-describedby={`${id}-${chip.key}`}
            title={t('cases.drill.removeTitle', { filter: chip.label })}
            onClick={() => onChange(chip.change)}
          >
            <span aria-hidden="true">×</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
