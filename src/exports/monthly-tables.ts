import { countryName } from 'src/reference/countries';
import { MonthlyFigures } from 'src/exports/monthly-figures';
import { provisionalNote } from 'src/exports/monthly-reporting-state';
import { OrderRelation, SumRelation } from 'src/exports/suppression/publication';
import { Draft } from 'src/exports/suppression/protect';
import { CASE_STATUSES } from 'src/reference/code-lists';
import { AgencyFiguresResponse as AgencyFigures } from 'src/statistics/dto/statistics-response.dto';
import { JurisdictionFigures } from 'src/statistics/statistics.service';

/** One sheet of counts: a key per cell names the quantity it shows in every release. */
export interface SheetTable {
  readonly sheet: string;
  readonly headers: readonly string[];
  readonly labels: ReadonlyArray<string | readonly string[]>;
  readonly keys: readonly string[][];
  readonly values: readonly number[][];
  /** The last column holds each row's total. */
  readonly rowTotals: boolean;
  /** The last row holds each column's total. */
  readonly columnTotals: boolean;
  readonly orders: readonly OrderRelation[];
  readonly note?: string;
}

export const NATIONAL = 'PK';
const NATIONAL_LABEL = 'Pakistan (total)';
const AGE_BANDS = ['0-11', '12-17', '18-25', '26-40', '41-60', '61+', 'unknown'];
const SEX_ORDER = ['female', 'male', 'transgender', 'unknown'];
export const label = (code: string): string => code.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

type Figures = Omit<JurisdictionFigures, 'jurisdiction'>;
const SUMMARY: Array<[metric: string, header: string, read: (f: Figures) => number]> = [
  ['casesRegistered', 'Cases registered (a)', (f) => f.casesRegistered],
  ['casesInvestigated', 'Cases investigated (c)', (f) => f.casesInvestigated],
  ['prosecutedPersons', 'Prosecuted persons (d)', (f) => f.prosecutions.persons],
  ['prosecutedCases', 'Prosecuted cases (d)', (f) => f.prosecutions.cases],
  ['convictedPersons', 'Convicted persons (e)', (f) => f.convictions.persons],
  ['convictedCases', 'Convicted cases (e)', (f) => f.convictions.cases],
  ['victimsIdentified', 'Victims identified', (f) => f.victimsIdentified],
  ['suspects', 'Suspects', (f) => f.suspects],
];
/** Orders the counting rules imply: every case registered in the month was under investigation in it; a prosecuted (convicted) case has at least one prosecuted (convicted) person. */
const SUMMARY_ORDERS: Array<[small: string, large: string]> = [
  ['casesRegistered', 'casesInvestigated'],
  ['prosecutedCases', 'prosecutedPersons'],
  ['convictedCases', 'convictedPersons'],
];
/** The Trends sheet repeats the national Summary figures of each month, under the same keys. */
const TRENDS: Array<[metric: keyof MonthlyFigures['trends'][number], summaryMetric: string, header: string]> = [
  ['casesRegistered', 'casesRegistered', 'Cases registered (a)'],
  ['casesInvestigated', 'casesInvestigated', 'Cases investigated (c)'],
  ['prosecutions', 'prosecutedPersons', 'Prosecuted persons (d)'],
  ['convictions', 'convictedPersons', 'Convicted persons (e)'],
  ['victims', 'victimsIdentified', 'Victims identified'],
];
/** The Summary's column headers and how each reads a set of figures. */
export const SUMMARY_COLUMNS: ReadonlyArray<readonly [header: string, read: (f: Figures) => number]> = SUMMARY.map(
  ([, header, read]) => [header, read] as const,
);
export const summaryKey = (month: string, metric: string, jurisdiction: string): string =>
  `${month}/summary/${metric}/${jurisdiction}`;

export function summaryTable(
  month: string,
  summary: { byJurisdiction: JurisdictionFigures[] } & Figures,
  names: ReadonlyMap<string, string>,
): SheetTable {
  return figuresTable('Summary', 'Jurisdiction', month, [
    ...summary.byJurisdiction.map((j): FiguresRow => [j.jurisdiction, names.get(j.jurisdiction) ?? j.jurisdiction, j]),
    [NATIONAL, NATIONAL_LABEL, summary],
  ]);
}

const AGENCY_LABELS: Record<string, string> = { police: 'Police', fia: 'FIA', other: 'Other agencies' };
export const agencyRow = (agency: string): string => `agency-${agency}`;

/**
 * The Summary's figures of the cases of police, FIA and other agencies' units, with the national
 * total under the Summary's own keys: published beside the jurisdictions, so protected the same way.
 */
export function agencyTable(month: string, summary: { byAgency: AgencyFigures[] } & Figures): SheetTable {
  return figuresTable('Summary by agency', 'Reporting agency', month, [
    ...summary.byAgency.map((a): FiguresRow => [agencyRow(a.agency), AGENCY_LABELS[a.agency] ?? a.agency, a]),
    [NATIONAL, NATIONAL_LABEL, summary],
  ]);
}

type FiguresRow = [code: string, label: string, figures: Figures];

/** Rows of the Rule 42 figures, the last the total of the others. */
function figuresTable(sheet: string, rowHeader: string, month: string, rows: FiguresRow[]): SheetTable {
  const keys = rows.map(([code]) => SUMMARY.map(([metric]) => summaryKey(month, metric, code)));
  const values = rows.map(([, , f]) => SUMMARY.map(([, , read]) => read(f)));
  const col = (metric: string) => SUMMARY.findIndex(([m]) => m === metric);
  const orders = rows.flatMap((_, r) =>
    SUMMARY_ORDERS.filter(([s, l]) => values[r][col(s)] <= values[r][col(l)]).map(([s, l]) => ({
      small: keys[r][col(s)],
      large: keys[r][col(l)],
    })),
  );
  return {
    sheet,
    headers: [rowHeader, ...SUMMARY.map(([, h]) => h)],
    labels: rows.map(([, rowLabel]) => rowLabel),
    keys,
    values,
    rowTotals: false,
    columnTotals: true,
    orders,
  };
}

export function trendsTable(trends: MonthlyFigures['trends']): SheetTable {
  return {
    sheet: 'Trends',
    headers: ['Month', ...TRENDS.map(([, , h]) => h)],
    labels: trends.map((t) => t.period),
    keys: trends.map((t) => TRENDS.map(([, metric]) => summaryKey(t.period, metric, NATIONAL))),
    values: trends.map((t) => TRENDS.map(([metric]) => t[metric] as number)),
    rowTotals: false,
    columnTotals: false,
    orders: [],
    note: 'The twelve months up to and including this one.',
  };
}

/** Every table of the monthly workbook, in sheet order. */
export function monthlyTables(f: MonthlyFigures, names: ReadonlyMap<string, string>): SheetTable[] {
  const m = f.month;
  const name = (code: string) => names.get(code) ?? code;
  const statusRows = [
    ...f.status.byJurisdiction.map((j) => ({ code: j.jurisdiction, counts: j.counts })),
    { code: NATIONAL, counts: f.status.total },
  ];
  const statusValues = statusRows.map((r) => {
    const counts = CASE_STATUSES.map((st) => r.counts[st]);
    return [...counts, counts.reduce((a, b) => a + b, 0)];
  });
  const tables: SheetTable[] = [
    { ...summaryTable(m, f.summary, names), note: provisionalNote(f, names) },
    agencyTable(m, f.summary),
    {
      sheet: 'Case status',
      headers: ['Jurisdiction', ...CASE_STATUSES.map(label), 'Total'],
      labels: statusRows.map((r) => (r.code === NATIONAL ? NATIONAL_LABEL : name(r.code))),
      keys: statusRows.map((r) => [...CASE_STATUSES, 'total'].map((st) => `${m}/status/${st}/${r.code}`)),
      values: statusValues,
      rowTotals: true,
      columnTotals: true,
      orders: [],
      note: `Status of each case registered by ${f.to}, on ${f.to} (item f).`,
    },
  ];
  for (const [sheet, rows] of [
    ['Victims', f.victims],
    ['Defendants', f.defendants],
  ] as const) {
    const nationalities = [...new Set(rows.map((r) => r.nationality))].sort((a, b) =>
      a === 'PAK' ? -1 : b === 'PAK' ? 1 : a.localeCompare(b),
    );
    const lines = SEX_ORDER.flatMap((sex) => AGE_BANDS.map((band) => ({ sex, band })));
    const grid = lines.map(({ sex, band }) =>
      nationalities.map((n) =>
        rows.filter((r) => r.sex === sex && r.ageBand === band && r.nationality === n).reduce((a, r) => a + r.count, 0),
      ),
    );
    const withTotals = grid.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
    const totalRow = withTotals[0].map((_, c) => withTotals.reduce((a, row) => a + row[c], 0));
    const population = sheet.toLowerCase();
    tables.push({
      sheet,
      headers: ['Sex', 'Age band', ...nationalities.map(countryName), 'Total'],
      labels: [...lines.map((l) => [label(l.sex), l.band]), ['Total', '']],
      keys: [...lines, { sex: 'all', band: 'all' }].map(({ sex, band }) =>
        [...nationalities, 'all'].map((n) => `${m}/${population}/${sex}/${band}/${n}`),
      ),
      values: [...withTotals, totalRow],
      rowTotals: true,
      columnTotals: true,
      orders: [],
      note: `${sheet} of the cases with a prosecution beginning in the month, by sex × age band × nationality (item b).`,
    });
  }
  tables.push(
    {
      sheet: 'Exploitation forms',
      headers: ['Exploitation form', 'Cases registered', 'Victims identified'],
      labels: f.forms.map((r) => label(r.form)),
      keys: f.forms.map((r) => [`${m}/forms/cases/${r.form}`, `${m}/forms/victims/${r.form}`]),
      values: f.forms.map((r) => [r.cases, r.victims]),
      rowTotals: false,
      columnTotals: false,
      orders: [],
      note: 'A case with several forms counts under each.',
    },
    {
      sheet: 'Routes',
      headers: ['Origin', 'Destination', 'Cases', 'Victims'],
      labels: f.routes.map((r) => [countryName(r.origin), countryName(r.destination)]),
      keys: f.routes.map((r) => [
        `${m}/routes/cases/${r.origin}>${r.destination}`,
        `${m}/routes/victims/${r.origin}>${r.destination}`,
      ]),
      values: f.routes.map((r) => [r.cases, r.victims]),
      rowTotals: false,
      columnTotals: false,
      orders: [],
      note: 'Top 25 origin → destination countries of the cases registered in the month.',
    },
    trendsTable(f.trends),
  );
  return tables;
}

/** The rows and columns of a table that have a total, as sums of keys. */
export function tableSums(t: SheetTable): SumRelation[] {
  const sums: SumRelation[] = [];
  const rows = t.keys.length;
  const cols = rows ? t.keys[0].length : 0;
  if (t.rowTotals)
    for (let r = 0; r < rows; r++) sums.push({ terms: t.keys[r].slice(0, cols - 1), total: t.keys[r][cols - 1] });
  if (t.columnTotals)
    for (let c = 0; c < cols; c++)
      sums.push({ terms: t.keys.slice(0, rows - 1).map((row) => row[c]), total: t.keys[rows - 1][c] });
  return sums;
}

/**
 * The release as the suppression sees it: each quantity once (the Trends sheet repeats the
 * month's national Summary figures), with every total and order of every table. A total that
 * does not add up would be a wrong figure in an official table, so it stops the export.
 */
export function draftOf(tables: readonly SheetTable[]): Draft {
  const values = new Map<string, number>();
  for (const t of tables) {
    t.keys.forEach((row, r) =>
      row.forEach((key, c) => {
        const v = t.values[r][c];
        if (values.has(key) && values.get(key) !== v)
          throw new Error(`${key} is ${values.get(key)} on one sheet and ${v} on ${t.sheet}`);
        values.set(key, v);
      }),
    );
  }
  const sums = tables.flatMap(tableSums);
  for (const s of sums) {
    const sum = s.terms.reduce((a, k) => a + values.get(k)!, 0);
    if (sum !== values.get(s.total))
      throw new Error(`${s.total} is ${values.get(s.total)}, but its terms add up to ${sum}`);
  }
  return { cells: [...values].map(([key, value]) => ({ key, value })), sums, orders: tables.flatMap((t) => t.orders) };
}
