import { PersonGroup, PersonIndicator } from 'src/international/international.repository';
import {
  AGE_LABELS,
  AGES_AND_TOTAL,
  AgeLabel,
  ageLabel,
  citizenshipCategory,
  Dimension,
  FORM_CATEGORIES,
  formCategory,
  IndicatorKey,
  SEX_LABELS,
  SEXES_AND_TOTAL,
  SexLabel,
  sexLabel,
  TOTAL,
  UNKNOWN,
} from 'src/international/glotip/glotip-vocabulary';
import { SumRelation } from 'src/exports/suppression/publication';

/** One figure of the GLOTIP table: a row of the long format before its value is written. */
export interface GlotipFigure {
  readonly indicator: IndicatorKey;
  readonly dimension: Dimension;
  readonly category: string;
  readonly sex: SexLabel | typeof TOTAL;
  readonly age: AgeLabel | typeof TOTAL;
  readonly value: number;
  /**
   * Whether the figure is a row of the file: every Female, Male and Total figure by
   * `0 to 17 years`, `18 years or over` and Total (zeros included); an `Other` or `Unknown`
   * sex or an `Unknown` age only when not zero. A figure left out is zero.
   */
  readonly listed: boolean;
}

/** A year's GLOTIP figures and how they add up (each breakdown's categories to its total). */
export interface GlotipFigures {
  readonly year: number;
  readonly figures: readonly GlotipFigure[];
  readonly sums: readonly SumRelation[];
}

export const figureKey = (f: Pick<GlotipFigure, 'indicator' | 'dimension' | 'category' | 'sex' | 'age'>): string =>
  `${f.indicator}/${f.dimension}/${f.category}/${f.sex}/${f.age}`;

/** The breakdowns each indicator is reported with, after the published rows: a whole sex × age grid, or its total only. */
const BREAKDOWNS: Record<PersonIndicator, Array<{ dimension: Exclude<Dimension, 'Total'>; grid: boolean }>> = {
  contact: [],
  prosecuted: [],
  convicted: [
    { dimension: 'by form of exploitation', grid: false },
    { dimension: 'by citizenship', grid: false },
  ],
  victims: [
    { dimension: 'by form of exploitation', grid: true },
    { dimension: 'by citizenship', grid: false },
  ],
};

const CORE_SEXES = new Set<string>(['Female', 'Male', TOTAL]);
const CORE_AGES = new Set<string>(['0 to 17 years', '18 years or over', TOTAL]);

interface Cell {
  sex: SexLabel;
  age: AgeLabel;
  persons: number;
}

/** The figures and sums of one category: its sex × age grid with totals, or only its total. */
function categoryFigures(
  indicator: IndicatorKey,
  dimension: Dimension,
  category: string,
  cells: readonly Cell[],
  grid: boolean,
): { figures: GlotipFigure[]; sums: SumRelation[] } {
  const count = (sex: string, age: string) =>
    cells
      .filter((c) => (sex === TOTAL || c.sex === sex) && (age === TOTAL || c.age === age))
      .reduce((n, c) => n + c.persons, 0);
  const figure = (sex: SexLabel | typeof TOTAL, age: AgeLabel | typeof TOTAL): GlotipFigure => {
    const value = count(sex, age);
    return {
      indicator,
      dimension,
      category,
      sex,
      age,
      value,
      listed: (CORE_SEXES.has(sex) && CORE_AGES.has(age)) || value > 0,
    };
  };
  if (!grid) return { figures: [figure(TOTAL, TOTAL)], sums: [] };
  const sexes = SEXES_AND_TOTAL;
  const ages = AGES_AND_TOTAL;
  const figures = sexes.flatMap((sex) => ages.map((age) => figure(sex, age)));
  const key = (sex: string, age: string) =>
    figureKey({ indicator, dimension, category, sex: sex as SexLabel, age: age as AgeLabel });
  const sums: SumRelation[] = [
    ...sexes.map((sex) => ({ terms: AGE_LABELS.map((age) => key(sex, age)), total: key(sex, TOTAL) })),
    ...ages.map((age) => ({ terms: SEX_LABELS.map((sex) => key(sex, age)), total: key(TOTAL, age) })),
  ];
  return { figures, sums };
}

function byCategory(groups: readonly PersonGroup[], categoryOf: (g: PersonGroup) => string): Map<string, Cell[]> {
  const out = new Map<string, Cell[]>();
  for (const g of groups) {
    const category = categoryOf(g);
    const cells = out.get(category) ?? [];
    cells.push({ sex: sexLabel(g.sex), age: ageLabel(g.ageGroup), persons: g.persons });
    out.set(category, cells);
  }
  return out;
}

/** Categories in the order of the file: forms as GLOTIP lists them; Nationals, then countries by name; Unknown last. */
function categoryOrder(dimension: Dimension, categories: Iterable<string>): string[] {
  const list = [...categories];
  if (dimension === 'by form of exploitation') return FORM_CATEGORIES.filter((c) => list.includes(c));
  const rank = (c: string) => (c === 'Nationals' ? 0 : c === UNKNOWN ? 2 : 1);
  return list.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b, 'en'));
}

/**
 * The year's GLOTIP figures from the offences (cases registered) and the persons counted:
 * every indicator's total by sex and age, and its breakdowns; each breakdown's categories add
 * up, cell by cell, to the indicator's total (persons without the value are in `Unknown`).
 */
export function glotipFigures(year: number, offences: number, persons: readonly PersonGroup[]): GlotipFigures {
  const figures: GlotipFigure[] = [
    {
      indicator: 'offences',
      dimension: 'Total',
      category: TOTAL,
      sex: TOTAL,
      age: TOTAL,
      value: offences,
      listed: true,
    },
  ];
  const sums: SumRelation[] = [];
  const add = (part: { figures: GlotipFigure[]; sums: SumRelation[] }) => {
    figures.push(...part.figures);
    sums.push(...part.sums);
  };
  for (const indicator of ['contact', 'prosecuted', 'convicted', 'victims'] as const) {
    const groups = persons.filter((p) => p.indicator === indicator);
    add(categoryFigures(indicator, 'Total', TOTAL, byCategory(groups, () => TOTAL).get(TOTAL) ?? [], true));
    for (const { dimension, grid } of BREAKDOWNS[indicator]) {
      const cells = byCategory(groups, (g) =>
        dimension === 'by citizenship' ? citizenshipCategory(g.nationality, g.nationalityName) : formCategory(g.forms),
      );
      const categories = categoryOrder(dimension, cells.keys());
      for (const category of categories)
        add(categoryFigures(indicator, dimension, category, cells.get(category)!, grid));
      // each cell of the breakdown, across its categories, is the indicator's total of that cell
      const cellsOfGrid = grid
        ? SEXES_AND_TOTAL.flatMap((sex) => AGES_AND_TOTAL.map((age) => [sex, age] as const))
        : [[TOTAL, TOTAL] as const];
      for (const [sex, age] of cellsOfGrid)
        sums.push({
          terms: categories.map((category) => figureKey({ indicator, dimension, category, sex, age })),
          total: figureKey({ indicator, dimension: 'Total', category: TOTAL, sex, age }),
        });
    }
  }
  return { year, figures, sums };
}
