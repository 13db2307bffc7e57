import {
  AGE_LABELS,
  ageLabel,
  citizenshipCategory,
  FORM_CATEGORIES,
  formCategory,
  SEX_LABELS,
  sexLabel,
  TOTAL,
  UNKNOWN,
} from 'src/international/glotip/glotip-vocabulary';
import { InternationalYear } from 'src/international/international.service';
import { PersonGroup, PersonIndicator } from 'src/international/international.repository';

/** One sheet of the UNTOC review workbook: labelled rows of counts. */
export interface UntocTable {
  readonly sheet: string;
  readonly title: string;
  readonly headers: readonly string[];
  readonly rows: ReadonlyArray<readonly [string, ...number[]]>;
}

export const SENTENCE_BANDS = [
  'Imprisonment under 1 year',
  'Imprisonment 1 to under 5 years',
  'Imprisonment 5 to under 10 years',
  'Imprisonment 10 years or more',
  'Fine only',
  'Not recorded',
] as const;
export type SentenceBand = (typeof SENTENCE_BANDS)[number];

/** A conviction's sentence band: by its months of imprisonment; a fine without imprisonment; neither recorded. */
export function sentenceBand(imprisonmentMonths: number | null, fined: boolean): SentenceBand {
  if (imprisonmentMonths !== null && imprisonmentMonths > 0) {
    if (imprisonmentMonths < 12) return 'Imprisonment under 1 year';
    if (imprisonmentMonths < 60) return 'Imprisonment 1 to under 5 years';
    if (imprisonmentMonths < 120) return 'Imprisonment 5 to under 10 years';
    return 'Imprisonment 10 years or more';
  }
  return fined ? 'Fine only' : 'Not recorded';
}

const sum = (groups: readonly PersonGroup[], keep: (g: PersonGroup) => boolean) =>
  groups.filter(keep).reduce((n, g) => n + g.persons, 0);

/** Persons of an indicator by sex (rows) and age (columns), with totals. */
function bySexAndAge(sheet: string, title: string, groups: readonly PersonGroup[]): UntocTable {
  const rows = [...SEX_LABELS, TOTAL].map((sex) => {
    const ofSex = (g: PersonGroup) => sex === TOTAL || sexLabel(g.sex) === sex;
    return [
      sex,
      ...AGE_LABELS.map((age) => sum(groups, (g) => ofSex(g) && ageLabel(g.ageGroup) === age)),
      sum(groups, ofSex),
    ] as [string, ...number[]];
  });
  return { sheet, title, headers: ['Sex', ...AGE_LABELS, TOTAL], rows };
}

/** Rows of categories by sex, then by age, with the total; a last Total row. */
function byCategory(
  sheet: string,
  title: string,
  label: string,
  groups: readonly PersonGroup[],
  categoryOf: (g: PersonGroup) => string,
  categories: readonly string[],
): UntocTable {
  const line = (name: string, inCategory: (g: PersonGroup) => boolean): [string, ...number[]] => [
    name,
    ...SEX_LABELS.map((sex) => sum(groups, (g) => inCategory(g) && sexLabel(g.sex) === sex)),
    ...AGE_LABELS.map((age) => sum(groups, (g) => inCategory(g) && ageLabel(g.ageGroup) === age)),
    sum(groups, inCategory),
  ];
  return {
    sheet,
    title,
    headers: [
      label,
      ...SEX_LABELS.map((s) => `${s === UNKNOWN ? 'Sex unknown' : s}`),
      ...AGE_LABELS.map((a) => (a === UNKNOWN ? 'Age unknown' : a)),
      TOTAL,
    ],
    rows: [...categories.map((c) => line(c, (g) => categoryOf(g) === c)), line(TOTAL, () => true)],
  };
}

/** The tables the UNTOC review's self-assessment asks on trafficking in persons, from a counted year. */
export function untocTables(counted: InternationalYear): UntocTable[] {
  const of = (indicator: PersonIndicator) => counted.persons.filter((p) => p.indicator === indicator);
  const s = counted.statistics;
  const convicted = of('convicted');
  const victims = of('victims');
  const citizenships = [...new Set(victims.map((g) => citizenshipCategory(g.nationality, g.nationalityName)))].sort(
    (a, b) => {
      const rank = (c: string) => (c === 'Nationals' ? 0 : c === UNKNOWN ? 2 : 1);
      return rank(a) - rank(b) || a.localeCompare(b, 'en');
    },
  );
  return [
    {
      sheet: 'Cases',
      title: `Trafficking cases, ${counted.year}`,
      headers: ['Cases', 'Number'],
      rows: [
        ['Registered (FIR date in the year)', s.offences],
        ['Under investigation at some time in the year', s.casesInvestigated],
        ['With a prosecution begun in the year', s.casesProsecuted],
        ['With a person convicted in the year', s.casesConvicted],
      ],
    },
    bySexAndAge('Suspects', 'Persons brought into formal contact (defendants of the cases registered)', of('contact')),
    bySexAndAge('Prosecutions', 'Persons prosecuted (prosecution begun in the year)', of('prosecuted')),
    bySexAndAge('Convictions', 'Persons convicted (judgment dated in the year)', convicted),
    {
      sheet: 'Sentences',
      title: 'Persons convicted in the year by the sentence imposed',
      headers: ['Sentence', ...SEX_LABELS, TOTAL],
      rows: [...SENTENCE_BANDS, TOTAL].map((band) => {
        const inBand = (g: PersonGroup) => band === TOTAL || sentenceBand(g.imprisonmentMonths, g.fined) === band;
        return [
          band,
          ...SEX_LABELS.map((sex) => sum(convicted, (g) => inBand(g) && sexLabel(g.sex) === sex)),
          sum(convicted, inBand),
        ] as [string, ...number[]];
      }),
    },
    byCategory(
      'Victims by form',
      'Victims identified in the year by form of exploitation',
      'Form of exploitation',
      victims,
      (g) => formCategory(g.forms),
      FORM_CATEGORIES,
    ),
    byCategory(
      'Victims by citizenship',
      'Victims identified in the year by citizenship',
      'Citizenship',
      victims,
      (g) => citizenshipCategory(g.nationality, g.nationalityName),
      citizenships,
    ),
  ];
}
