import fc from 'fast-check';
import { MonthlyFigures } from 'src/exports/monthly-figures';
import { draftOf, monthlyTables, SheetTable, summaryTable, tableSums, trendsTable } from 'src/exports/monthly-tables';
import { protect } from 'src/exports/suppression/protect';
import { Publication } from 'src/exports/suppression/publication';
import { CASE_STATUSES } from 'src/reference/code-lists';
import { JurisdictionFigures } from 'src/statistics/statistics.service';
import { readerFindings, ReaderView } from 'test/support/reader-audit';

const T = 5;
const CODES = ['PK-BA', 'PK-GB', 'PK-IS', 'PK-JK', 'PK-KP', 'PK-PB', 'PK-SD'];
const NAMES = new Map([
  ['PK-BA', 'Balochistan'],
  ['PK-GB', 'Gilgit-Baltistan'],
  ['PK-IS', 'Islamabad Capital Territory'],
  ['PK-JK', 'Azad Jammu and Kashmir'],
  ['PK-KP', 'Khyber Pakhtunkhwa'],
  ['PK-PB', 'Punjab'],
  ['PK-SD', 'Sindh'],
]);
const COLUMNS = [
  'casesRegistered',
  'casesInvestigated',
  'prosecutedPersons',
  'prosecutedCases',
  'convictedPersons',
  'convictedCases',
  'victimsIdentified',
  'suspects',
] as const;
type Column = (typeof COLUMNS)[number];

/** A Summary from one count per jurisdiction and column (jurisdictions not named are 0). */
function summaryOf(columns: Partial<Record<Column, Partial<Record<string, number>>>>) {
  const figures = (get: (c: Column) => number) => ({
    casesRegistered: get('casesRegistered'),
    casesInvestigated: get('casesInvestigated'),
    prosecutions: { persons: get('prosecutedPersons'), cases: get('prosecutedCases') },
    convictions: { persons: get('convictedPersons'), cases: get('convictedCases') },
    victimsIdentified: get('victimsIdentified'),
    suspects: get('suspects'),
  });
  const byJurisdiction: JurisdictionFigures[] = CODES.map((j) => ({
    jurisdiction: j,
    ...figures((c) => columns[c]?.[j] ?? 0),
  }));
  const total = figures((c) => CODES.reduce((n, j) => n + (columns[c]?.[j] ?? 0), 0));
  // police reports the Punjab cases, FIA the rest: the agencies' rows add up to the total as the jurisdictions' do
  const punjab = figures((c) => columns[c]?.['PK-PB'] ?? 0);
  const rest = figures((c) => CODES.reduce((n, j) => n + (j === 'PK-PB' ? 0 : (columns[c]?.[j] ?? 0)), 0));
  const byAgency = [
    { agency: 'police', ...punjab },
    { agency: 'fia', ...rest },
    { agency: 'other', ...figures(() => 0) },
  ];
  return { byJurisdiction, byAgency, ...total };
}

/** The March 2024 Summary of the issue: three columns a reader could solve with a pencil. */
const MARCH = summaryOf({
  casesRegistered: { 'PK-BA': 2, 'PK-IS': 1, 'PK-KP': 6, 'PK-PB': 40, 'PK-SD': 22 },
  casesInvestigated: { 'PK-BA': 5, 'PK-GB': 1, 'PK-IS': 3, 'PK-JK': 2, 'PK-KP': 15, 'PK-PB': 120, 'PK-SD': 70 },
  prosecutedPersons: { 'PK-KP': 2, 'PK-PB': 9, 'PK-SD': 1 },
  prosecutedCases: { 'PK-KP': 1, 'PK-PB': 5, 'PK-SD': 1 }, // KP <5, Punjab 5, Sindh <5, Pakistan 7
  convictedPersons: { 'PK-PB': 8, 'PK-SD': 6 },
  convictedCases: { 'PK-PB': 6, 'PK-SD': 5 },
  victimsIdentified: { 'PK-PB': 4, 'PK-SD': 4 }, // Punjab <5, Sindh <5, Pakistan 8
  suspects: { 'PK-PB': 5, 'PK-SD': 4 }, // Punjab 5 once written <5, Sindh <5, Pakistan 9
});

/** The reader's view of releases: each key once, its exact value if any release shows it, else its marker. */
function readerView(releases: Array<{ tables: SheetTable[]; publication: Publication }>): ReaderView {
  const cells = new Map<string, number | string>();
  for (const { publication } of releases) {
    for (const c of publication.cells) {
      const before = cells.get(c.key);
      if (typeof before !== 'number')
        cells.set(c.key, typeof c.shown === 'number' || before === undefined || before === '..' ? c.shown : before);
    }
  }
  return {
    threshold: T,
    cells,
    sums: releases.flatMap((r) => r.tables.flatMap(tableSums)),
    orders: releases.flatMap((r) => r.tables.flatMap((t) => t.orders)),
  };
}

async function release(tables: SheetTable[], earlier: Publication[] = []) {
  const { publication } = await protect(draftOf(tables), earlier, T);
  return { tables, publication };
}

/** Checks what every release must hold, whatever the reader computes. */
function expectTruthful(publication: Publication): void {
  for (const c of publication.cells) {
    if (c.shown === `<${T}`) expect([c.key, c.value]).toEqual([c.key, expect.any(Number)]);
    if (c.shown === `<${T}`) expect(c.value >= 1 && c.value < T).toBe(true);
    if (c.shown === 'x') expect(c.value).toBeGreaterThanOrEqual(T);
    if (c.value === 0) expect([c.key, c.shown]).toEqual([c.key, expect.anything()]);
    if (c.value === 0 && c.shown !== '..') expect(c.shown).toBe(0);
    if (typeof c.shown === 'number') expect(c.shown).toBe(c.value);
  }
}

const shownOf = (p: Publication, key: string) => p.cells.find((c) => c.key === key)!.shown;

describe('ministry suppression', () => {
  it('the March 2024 Summary as published before could be solved with a pencil (the test audit sees it)', async () => {
    const table = summaryTable('2024-03', MARCH, NAMES);
    const naive = new Map(table.keys.flat().map((k, i) => [k, table.values.flat()[i]] as [string, number | string]));
    for (const [k, v] of naive) if (typeof v === 'number' && v > 0 && v < T) naive.set(k, `<${T}`);
    naive.set('2024-03/summary/suspects/PK-PB', `<${T}`); // the old secondary marker, on a 5
    const findings = await readerFindings({ threshold: T, cells: naive, sums: tableSums(table), orders: table.orders });
    const pinned = findings.filter((f) => !f.protected).map((f) => [f.cell, f.possible]);
    expect(pinned).toEqual(
      expect.arrayContaining([
        ['2024-03/summary/prosecutedCases/PK-KP', [1]],
        ['2024-03/summary/prosecutedCases/PK-SD', [1]],
        ['2024-03/summary/victimsIdentified/PK-PB', [4]],
        ['2024-03/summary/victimsIdentified/PK-SD', [4]],
        ['2024-03/summary/suspects/PK-PB', []], // no value from 1 to 4 fits: the marker is false
      ]),
    );
  });

  it('protects the three Summary cases: every hidden cell keeps its full range for a reader with an LP', async () => {
    const table = summaryTable('2024-03', MARCH, NAMES);
    const r = await release([table]);
    expectTruthful(r.publication);
    const findings = await readerFindings(readerView([r]));
    expect(findings.filter((f) => !f.protected)).toEqual([]);
    for (const metric of ['prosecutedCases', 'victimsIdentified', 'suspects']) {
      const column = CODES.map((j) => shownOf(r.publication, `2024-03/summary/${metric}/${j}`));
      expect(column.filter((v) => typeof v === 'string').length).toBeGreaterThanOrEqual(2);
    }
    expect(shownOf(r.publication, '2024-03/summary/suspects/PK-PB')).toBe('x');
    expect(shownOf(r.publication, '2024-03/summary/suspects/PK-SD')).toBe(`<${T}`);
    expect(table.labels).toContain('Balochistan');
    // every hidden cell of the three columns was checked by the reader's model
    const checked = new Set(findings.map((f) => f.cell));
    for (const c of r.publication.cells)
      if (typeof c.shown === 'string' && c.shown !== '..') expect(checked.has(c.key)).toBe(true);
  });

  it('withholds a <5 total over several small counts, which would otherwise bound each of them below 4', async () => {
    const table = summaryTable(
      '2024-03',
      summaryOf({
        casesRegistered: { 'PK-PB': 30 },
        casesInvestigated: { 'PK-PB': 40 },
        prosecutedPersons: { 'PK-GB': 1, 'PK-JK': 1, 'PK-KP': 1 },
        prosecutedCases: { 'PK-GB': 1, 'PK-JK': 1, 'PK-KP': 1 },
      }),
      NAMES,
    );
    const naive = new Map(table.keys.flat().map((k, i) => [k, table.values.flat()[i]] as [string, number | string]));
    for (const [k, v] of naive) if (typeof v === 'number' && v > 0 && v < T) naive.set(k, `<${T}`);
    const pinned = (
      await readerFindings({ threshold: T, cells: naive, sums: tableSums(table), orders: table.orders })
    ).filter((f) => !f.protected);
    expect(pinned.map((f) => [f.cell, f.possible])).toContainEqual(['2024-03/summary/prosecutedCases/PK-GB', [1, 2]]);

    const r = await release([table]);
    expectTruthful(r.publication);
    expect(shownOf(r.publication, '2024-03/summary/prosecutedCases/PK')).toBe('..');
    expect(shownOf(r.publication, '2024-03/summary/prosecutedCases/PK-GB')).toBe(`<${T}`);
    expect(shownOf(r.publication, '2024-03/summary/prosecutedCases/PK-BA')).toBe(0);
    expect((await readerFindings(readerView([r]))).filter((f) => !f.protected)).toEqual([]);
  });

  it('keeps a cell hidden in one month hidden in the next, so the Trends sheet cannot difference it out', async () => {
    const month = (victims: Partial<Record<string, number>>) =>
      summaryOf({
        casesRegistered: { 'PK-PB': 30, 'PK-SD': 20 },
        casesInvestigated: { 'PK-PB': 60, 'PK-SD': 40 },
        victimsIdentified: victims,
      });
    const march = month({ 'PK-PB': 4, 'PK-SD': 4 });
    const april = month({ 'PK-PB': 12, 'PK-SD': 9 });
    const trendRow = (period: string, s: ReturnType<typeof month>) => ({
      period,
      casesRegistered: s.casesRegistered,
      casesInvestigated: s.casesInvestigated,
      prosecutions: 0,
      convictions: 0,
      victims: s.victimsIdentified,
    });
    const marchTables = [summaryTable('2024-03', march, NAMES), trendsTable([trendRow('2024-03', march)])];
    const aprilTables = [
      summaryTable('2024-04', april, NAMES),
      trendsTable([trendRow('2024-03', march), trendRow('2024-04', april)]),
    ];
    const first = await release(marchTables);
    expect(shownOf(first.publication, '2024-03/summary/victimsIdentified/PK')).toBe('x');

    // without the March release in view, April's Trends would print March's 8 and give both 4s away
    const blind = await release(aprilTables);
    expect(shownOf(blind.publication, '2024-03/summary/victimsIdentified/PK')).toBe(8);
    const exposed = (await readerFindings(readerView([first, blind]))).filter((f) => !f.protected).map((f) => f.cell);
    expect(exposed).toEqual(
      expect.arrayContaining(['2024-03/summary/victimsIdentified/PK-PB', '2024-03/summary/victimsIdentified/PK-SD']),
    );

    const second = await release(aprilTables, [first.publication]);
    expect(shownOf(second.publication, '2024-03/summary/victimsIdentified/PK')).toBe('x');
    expectTruthful(second.publication);
    expect((await readerFindings(readerView([first, second]))).filter((f) => !f.protected)).toEqual([]);
  });

  it('after suppression, no table shaped like a workbook sheet shows a false marker or a cell a reader can narrow', async () => {
    const count = fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min: 0, max: 6 }) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 40 }) },
    );
    const figures = fc.record({
      summary: fc.array(fc.tuple(count, count, count, count, count, count, count, count), {
        minLength: 7,
        maxLength: 7,
      }),
      status: fc.array(fc.array(count, { minLength: CASE_STATUSES.length, maxLength: CASE_STATUSES.length }), {
        minLength: 7,
        maxLength: 7,
      }),
      demographics: fc.array(
        fc.record({
          sex: fc.constantFrom('female', 'male', 'transgender', 'unknown'),
          ageBand: fc.constantFrom('0-11', '12-17', '18-25', '26-40', '41-60', '61+', 'unknown'),
          nationality: fc.constantFrom('PAK', 'AFG', 'UNK'),
          count: fc.integer({ min: 1, max: 9 }),
        }),
        { maxLength: 25 },
      ),
    });
    await fc.assert(
      fc.asyncProperty(figures, async (g) => {
        const columns = Object.fromEntries(COLUMNS.map((c) => [c, {}])) as Record<Column, Record<string, number>>;
        CODES.forEach((j, i) => {
          const [reg, inv, pp, pc, cp, cc, vi, su] = g.summary[i];
          Object.assign(columns.casesRegistered, { [j]: reg });
          Object.assign(columns.casesInvestigated, { [j]: reg + inv });
          Object.assign(columns.prosecutedCases, { [j]: pc });
          Object.assign(columns.prosecutedPersons, { [j]: pc + pp });
          Object.assign(columns.convictedCases, { [j]: cc });
          Object.assign(columns.convictedPersons, { [j]: cc + cp });
          Object.assign(columns.victimsIdentified, { [j]: vi });
          Object.assign(columns.suspects, { [j]: su });
        });
        const summary = summaryOf(columns);
        const statusCounts = (row: number[]) =>
          Object.fromEntries(CASE_STATUSES.map((s, i) => [s, row[i]])) as Record<
            (typeof CASE_STATUSES)[number],
            number
          >;
        const byJurisdiction = CODES.map((j, i) => ({
          jurisdiction: j,
          counts: statusCounts(g.status[i]),
          total: g.status[i].reduce((a, b) => a + b, 0),
        }));
        const f = {
          month: '2024-03',
          from: '2024-03-01',
          to: '2024-03-31',
          summary: {
            ...summary,
            period: { from: '2024-03-01', to: '2024-03-31' },
            statusAtEnd: statusCounts(CASE_STATUSES.map(() => 0)),
            reporting: { approved: [], provisional: [], missing: [] },
          },
          status: {
            asAt: '2024-03-31',
            byJurisdiction,
            total: statusCounts(CASE_STATUSES.map((_, s) => g.status.reduce((a, row) => a + row[s], 0))),
            reporting: { approved: [], provisional: [], missing: [] },
          },
          victims: g.demographics.map((d) => ({ ...d, ageGroup: '' })),
          defendants: g.demographics.slice(0, 8).map((d) => ({ ...d, ageGroup: '' })),
          forms: [],
          routes: [],
          reporting: { ended: true, units: [] },
          trends: [
            {
              period: '2024-03',
              casesRegistered: summary.casesRegistered,
              casesInvestigated: summary.casesInvestigated,
              prosecutions: summary.prosecutions.persons,
              convictions: summary.convictions.persons,
              victims: summary.victimsIdentified,
            },
          ],
        } as MonthlyFigures;
        const r = await release(monthlyTables(f, NAMES));
        expectTruthful(r.publication);
        const weak = (await readerFindings(readerView([r]))).filter((x) => !x.protected);
        expect(weak).toEqual([]);
      }),
      { numRuns: 12, seed: 20240301 },
    );
  });
});
