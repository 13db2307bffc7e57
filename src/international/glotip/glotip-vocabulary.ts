import { countryName } from 'src/reference/countries';
import { Sex } from 'src/reference/code-lists';
import { AgeGroup } from 'src/statistics/counting-rules.sql';

/** The columns of UNODC's long format, as Pakistan's published GLOTIP rows have them. */
export const GLOTIP_COLUMNS = [
  'Iso3_code',
  'Country',
  'Region',
  'Subregion',
  'Indicator',
  'Dimension',
  'Category',
  'Sex',
  'Age',
  'Year',
  'Unit of measurement',
  'txtVALUE',
  'Source',
] as const;

/** What every row says of the reporting country and the measure, as in the published rows. */
export const GLOTIP_COUNTRY = {
  iso3: 'PAK',
  country: 'Pakistan',
  region: 'Asia',
  subregion: 'Southern Asia',
  unit: 'Counts',
  source: 'GLOTIP',
} as const;

export const INDICATOR_KEYS = ['offences', 'contact', 'prosecuted', 'convicted', 'victims'] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

export const INDICATORS: Record<IndicatorKey, string> = {
  offences: 'Offences of trafficking in persons',
  contact: 'Persons brought into formal contact',
  prosecuted: 'Persons prosecuted',
  convicted: 'Persons convicted',
  victims: 'Detected trafficking victims',
};

export const DIMENSIONS = ['Total', 'by form of exploitation', 'by citizenship'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** A breakdown's own category for persons whose value is not recorded: counted, never dropped. */
export const UNKNOWN = 'Unknown';
export const TOTAL = 'Total';

export const SEX_LABELS = ['Female', 'Male', 'Other', UNKNOWN] as const;
export type SexLabel = (typeof SEX_LABELS)[number];
const SEX_OF: Record<Sex, SexLabel> = { female: 'Female', male: 'Male', transgender: 'Other', unknown: UNKNOWN };
export const sexLabel = (sex: Sex): SexLabel => SEX_OF[sex];

export const AGE_LABELS = ['0 to 17 years', '18 years or over', UNKNOWN] as const;
export type AgeLabel = (typeof AGE_LABELS)[number];

/** Each sex with the total, and each age with the total: the rows and columns of a sex × age grid. */
export const SEXES_AND_TOTAL: ReadonlyArray<SexLabel | typeof TOTAL> = [...SEX_LABELS, TOTAL];
export const AGES_AND_TOTAL: ReadonlyArray<AgeLabel | typeof TOTAL> = [...AGE_LABELS, TOTAL];
const AGE_OF: Record<AgeGroup, AgeLabel> = { child: '0 to 17 years', adult: '18 years or over', unknown: UNKNOWN };
export const ageLabel = (group: AgeGroup): AgeLabel => AGE_OF[group];

export const FORM_CATEGORIES = [
  'Sexual exploitation',
  'Forced labour',
  'Other forms of exploitation',
  UNKNOWN,
] as const;
export type FormCategory = (typeof FORM_CATEGORIES)[number];

/** Our forms of exploitation (DESIGN §4) in GLOTIP's three groups. */
const FORM_GROUP: Record<string, Exclude<FormCategory, typeof UNKNOWN>> = {
  sexual_exploitation: 'Sexual exploitation',
  forced_labour: 'Forced labour',
  bonded_labour: 'Forced labour',
  domestic_servitude: 'Forced labour',
  child_labour: 'Forced labour',
  forced_marriage: 'Other forms of exploitation',
  forced_begging: 'Other forms of exploitation',
  forced_criminality: 'Other forms of exploitation',
  organ_removal: 'Other forms of exploitation',
  armed_group_recruitment: 'Other forms of exploitation',
  other: 'Other forms of exploitation',
};

/** The forms and the GLOTIP group each is reported under, for the cover sheet and the README. */
export const FORM_GROUPS: ReadonlyArray<readonly [string, string]> = Object.entries(FORM_GROUP);

/**
 * A person's one GLOTIP form: the group of their forms; forms in two or more groups (mixed
 * exploitation) count once, under `Other forms of exploitation`; no form recorded: `Unknown`.
 */
export function formCategory(forms: readonly string[]): FormCategory {
  const groups = new Set(forms.map((f) => FORM_GROUP[f] ?? 'Other forms of exploitation'));
  if (groups.size === 0) return UNKNOWN;
  if (groups.size > 1) return 'Other forms of exploitation';
  return [...groups][0];
}

/**
 * A person's citizenship category: `Nationals` for Pakistanis, else the country's English short
 * name from the ISO package (for a code the package does not know, the reference table's name),
 * `Unknown` when not recorded.
 */
export function citizenshipCategory(alpha3: string, tableName: string | null = null): string {
  if (alpha3 === GLOTIP_COUNTRY.iso3) return 'Nationals';
  if (alpha3 === 'UNK') return UNKNOWN;
  const name = countryName(alpha3);
  return name === alpha3 && tableName ? tableName : name;
}

/** A count as the published rows write it: thousands separated by commas (`1,526`). */
export const glotipCount = (n: number): string => n.toLocaleString('en-US');
