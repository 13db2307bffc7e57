import { GlotipFigure, GlotipFigures, figureKey } from 'src/international/glotip/glotip-figures';
import {
  AGES_AND_TOTAL,
  ageLabel,
  IndicatorKey,
  INDICATORS,
  SEXES_AND_TOTAL,
  sexLabel,
  TOTAL,
} from 'src/international/glotip/glotip-vocabulary';
import { InconsistencyKind, InconsistentGroup } from 'src/international/international.repository';

/** `hard`: the export is refused until the data is put right; `warning`: said on the cover and by the checks, the export goes. */
export type CheckSeverity = 'hard' | 'warning';

export const CHECK_CODES = {
  /** A person counted in a year's figures against the case rules (see INTERNATIONAL_INCONSISTENCIES). */
  CONVICTED_BEFORE_PROSECUTION: 'hard',
  CONVICTION_OUTCOME_MISMATCH: 'hard',
  PROSECUTED_BEFORE_REGISTRATION: 'hard',
  /** A breakdown whose categories do not add up to its total. */
  BREAKDOWN_SUM: 'hard',
  /** An indicator's total that differs from the Rule 42 statistics of the year. */
  TOTAL_DIFFERS_FROM_STATISTICS: 'hard',
  /** A category, sex or age that reads as a code (`Q6.1_10s_2019`, `PAK`, `forced_labour`) rather than a name. */
  CODE_LIKE_CATEGORY: 'hard',
  /** More persons convicted than prosecuted in the year (per sex and age), or more prosecuted than brought into formal contact. */
  CONVICTED_EXCEEDS_PROSECUTED: 'warning',
  PROSECUTED_EXCEEDS_CONTACT: 'warning',
  /** An indicator's total changed from the previous year by more than the configured factor. */
  YEAR_ON_YEAR_CHANGE: 'warning',
  /** Months of the year whose submissions are not approved (or the year has not ended): the figures are provisional. */
  PROVISIONAL_MONTHS: 'warning',
} as const satisfies Record<string, CheckSeverity>;
export type CheckCode = keyof typeof CHECK_CODES;

export interface InternationalCheck {
  readonly code: CheckCode;
  readonly severity: CheckSeverity;
  /** The indicator concerned, as the file names it; null for a check of the whole year. */
  readonly indicator: string | null;
  /** The figure concerned (`Persons convicted, Total, Total, Female, 18 years or over`); null for the whole year. */
  readonly figure: string | null;
  readonly message: string;
}

/** Texts that are codes, not names: questionnaire cells, bare ISO codes, our own snake_case codes. */
const CODE_LIKE = [/^Q\d/i, /_\d{4}$/, /^[A-Z]{2,3}$/, /^[a-z0-9]+(_[a-z0-9]+)+$/];
export const isCodeLike = (text: string): boolean => CODE_LIKE.some((re) => re.test(text.trim()));

/** What the checks look at besides the figures. */
export interface CheckInputs {
  readonly figures: GlotipFigures;
  readonly inconsistencies: readonly InconsistentGroup[];
  /** Each indicator's total as the statistics count it for the year. */
  readonly statistics: Readonly<Record<IndicatorKey, number>>;
  /** The same for the year before. */
  readonly previousYear: Readonly<Record<IndicatorKey, number>>;
  /** A total that grows or shrinks by more than this factor from one year to the next is flagged. */
  readonly changeFactor: number;
  /** The months of the year (`YYYY-MM`) not approved by every unit, each with the units concerned. */
  readonly provisional: ReadonlyArray<{ month: string; units: readonly string[] }>;
  /** Months of the year that have not ended. */
  readonly monthsNotEnded: number;
}

export const describeFigure = (f: Pick<GlotipFigure, 'indicator' | 'dimension' | 'category' | 'sex' | 'age'>) =>
  `${INDICATORS[f.indicator]}, ${f.dimension}, ${f.category}, ${f.sex}, ${f.age}`;

const INCONSISTENCY: Record<
  InconsistencyKind,
  { code: CheckCode; indicator: IndicatorKey; why: (n: number, year: number) => string }
> = {
  convicted_before_prosecution: {
    code: 'CONVICTED_BEFORE_PROSECUTION',
    indicator: 'convicted',
    why: (n, year) =>
      `${n} person(s) counted as convicted in ${year} have a judgment dated before their prosecution began; correct the dates of those prosecutions or convictions`,
  },
  conviction_outcome_mismatch: {
    code: 'CONVICTION_OUTCOME_MISMATCH',
    indicator: 'convicted',
    why: (n, year) =>
      `${n} person(s) counted as convicted in ${year} have a conviction recorded on a prosecution whose outcome is not "convicted"; correct the outcome or remove the conviction`,
  },
  prosecuted_before_registration: {
    code: 'PROSECUTED_BEFORE_REGISTRATION',
    indicator: 'prosecuted',
    why: (n, year) =>
      `${n} person(s) counted as prosecuted in ${year} have a prosecution that began before their case's FIR date; correct those dates`,
  },
};

/** Every check of a year's international figures, hard ones first. */
export function runChecks(input: CheckInputs): InternationalCheck[] {
  const { figures } = input;
  const year = figures.year;
  const checks: InternationalCheck[] = [];
  const push = (code: CheckCode, indicator: IndicatorKey | null, figure: string | null, message: string) =>
    checks.push({ code, severity: CHECK_CODES[code], indicator: indicator && INDICATORS[indicator], figure, message });
  const byKey = new Map(figures.figures.map((f) => [figureKey(f), f]));
  const value = (indicator: IndicatorKey, sex: string, age: string) =>
    byKey.get(figureKey({ indicator, dimension: 'Total', category: TOTAL, sex: sex as 'Total', age: age as 'Total' }))
      ?.value ?? 0;

  for (const g of input.inconsistencies) {
    const rule = INCONSISTENCY[g.kind];
    const figure = describeFigure({
      indicator: rule.indicator,
      dimension: 'Total',
      category: TOTAL,
      sex: sexLabel(g.sex),
      age: ageLabel(g.ageGroup),
    });
    push(rule.code, rule.indicator, figure, `${figure}: ${rule.why(g.persons, year)}.`);
  }

  for (const s of figures.sums) {
    const terms = s.terms.reduce((n, k) => n + (byKey.get(k)?.value ?? 0), 0);
    const total = byKey.get(s.total);
    if (total && terms !== total.value) {
      const figure = describeFigure(total);
      push(
        'BREAKDOWN_SUM',
        total.indicator,
        figure,
        `${figure} is ${total.value}, but the ${s.terms.length} figures that make it up add up to ${terms}.`,
      );
    }
  }

  for (const indicator of Object.keys(INDICATORS) as IndicatorKey[]) {
    const ours = value(indicator, TOTAL, TOTAL);
    if (ours !== input.statistics[indicator]) {
      const figure = describeFigure({ indicator, dimension: 'Total', category: TOTAL, sex: TOTAL, age: TOTAL });
      push(
        'TOTAL_DIFFERS_FROM_STATISTICS',
        indicator,
        figure,
        `${figure} is ${ours}, but the Rule 42 statistics of ${year} count ${input.statistics[indicator]}.`,
      );
    }
  }

  for (const f of figures.figures.filter((x) => x.listed))
    for (const [field, text] of [
      ['Category', f.category],
      ['Sex', f.sex],
      ['Age', f.age],
    ] as const)
      if (isCodeLike(text)) {
        const figure = describeFigure(f);
        push(
          'CODE_LIKE_CATEGORY',
          f.indicator,
          figure,
          `${field} "${text}" of ${figure} is a code, not a name; give it its name in the reference data.`,
        );
      }

  const cells = SEXES_AND_TOTAL.flatMap((sex) => AGES_AND_TOTAL.map((age) => [sex, age] as const));
  for (const [small, large, code] of [
    ['convicted', 'prosecuted', 'CONVICTED_EXCEEDS_PROSECUTED'],
    ['prosecuted', 'contact', 'PROSECUTED_EXCEEDS_CONTACT'],
  ] as const)
    for (const [sex, age] of cells) {
      const a = value(small, sex, age);
      const b = value(large, sex, age);
      if (a > b) {
        const figure = describeFigure({ indicator: small, dimension: 'Total', category: TOTAL, sex, age });
        push(
          code,
          small,
          figure,
          `${figure} is ${a}, more than ${INDICATORS[large]} (${b}) of the same sex and age in ${year}: the persons ${
            small === 'convicted' ? 'convicted were prosecuted' : 'prosecuted were brought into formal contact'
          } in earlier years; confirm before sending.`,
        );
      }
    }

  for (const indicator of Object.keys(INDICATORS) as IndicatorKey[]) {
    const now = input.statistics[indicator];
    const before = input.previousYear[indicator];
    if (now > 0 && before > 0 && Math.max(now, before) > input.changeFactor * Math.min(now, before)) {
      const figure = describeFigure({ indicator, dimension: 'Total', category: TOTAL, sex: TOTAL, age: TOTAL });
      push(
        'YEAR_ON_YEAR_CHANGE',
        indicator,
        figure,
        `${figure} is ${now} in ${year} against ${before} in ${year - 1}: a change beyond the factor ${input.changeFactor}; confirm it is not a recording or counting change.`,
      );
    }
  }

  if (input.provisional.length || input.monthsNotEnded) {
    const parts: string[] = [];
    if (input.provisional.length)
      parts.push(
        `${input.provisional.length} month(s) are not approved by every reporting unit (${input.provisional
          .map((p) => `${p.month}: ${p.units.join(', ')}`)
          .join('; ')})`,
      );
    if (input.monthsNotEnded) parts.push(`${input.monthsNotEnded} month(s) of ${year} have not ended`);
    push('PROVISIONAL_MONTHS', null, null, `The figures of ${year} are provisional: ${parts.join('; ')}.`);
  }

  return checks.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'hard' ? -1 : 1));
}
