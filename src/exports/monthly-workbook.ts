import * as ExcelJS from 'exceljs';
import { escapeCell } from 'src/common/spreadsheet-safety';
import { MonthlyFigures } from 'src/exports/monthly-figures';
import { Shown, suppress, TableShape } from 'src/exports/suppression';
import { CASE_STATUSES } from 'src/reference/code-lists';

export type Audience = 'ministry' | 'internal';

export interface WorkbookContext {
  readonly audience: Audience;
  readonly legalBasis: string;
  readonly threshold: number;
  readonly generatedAt: Date;
  readonly generatedBy: string;
}

const COUNTING_RULES: Array<[string, string]> = [
  ['(a) Cases registered', 'Cases whose FIR date falls in the month.'],
  ['(c) Cases investigated', 'Cases under investigation at any time in the month: registered by its end and not concluded before its start (the investigation concludes when the police report is filed: challan, cancellation or untraced).'],
  ['(d) Prosecutions', 'Persons whose prosecution began (challan accepted / charge filed in court) in the month; also their distinct cases.'],
  ['(e) Convictions', 'Persons convicted with a judgment date in the month; also their distinct cases.'],
  ['(b) Victims and defendants', 'Persons of the cases with a prosecution beginning in the month, by sex, age at the offence and nationality.'],
  ['(f) Status', 'Every case registered by the end of the month, by its status on the last day of the month.'],
  ['Victims identified', 'Victims identified in the month (or, without that date, whose case was registered in it).'],
  ['Suspects', 'Defendants of the cases registered in the month.'],
  ['Offence family', 'Trafficking in persons only: smuggling-of-migrants cases and mixed cases are not counted.'],
];

const AGE_BANDS = ['0-11', '12-17', '18-25', '26-40', '41-60', '61+', 'unknown'];
const SEX_ORDER = ['female', 'male', 'transgender', 'unknown'];
const label = (code: string) => code.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

/**
 * Builds the monthly workbook for ministries (aggregates with small cells suppressed) or
 * for NPB (exact, plus the status of each case active in the month).
 */
export async function buildMonthlyWorkbook(f: MonthlyFigures, ctx: WorkbookContext): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'TIP case database';
  wb.created = ctx.generatedAt;
  const ministry = ctx.audience === 'ministry';
  const show = (table: number[][], shape: TableShape): Shown[][] => (ministry ? suppress(table, ctx.threshold, shape) : table);

  cover(wb, f, ctx);

  const jurisdictions = f.summary.byJurisdiction;
  const summaryRows = jurisdictions.map((j) => [
    j.casesRegistered, j.casesInvestigated, j.prosecutions.persons, j.prosecutions.cases, j.convictions.persons, j.convictions.cases, j.victimsIdentified, j.suspects,
  ]);
  const s = f.summary;
  summaryRows.push([s.casesRegistered, s.casesInvestigated, s.prosecutions.persons, s.prosecutions.cases, s.convictions.persons, s.convictions.cases, s.victimsIdentified, s.suspects]);
  table(wb, 'Summary', ['Jurisdiction', 'Cases registered (a)', 'Cases investigated (c)', 'Prosecuted persons (d)', 'Prosecuted cases (d)', 'Convicted persons (e)', 'Convicted cases (e)', 'Victims identified', 'Suspects'],
    [...jurisdictions.map((j) => j.jurisdiction), 'Pakistan (total)'], show(summaryRows, { rowTotals: false, columnTotals: true }));

  const statusRows = f.status.byJurisdiction.map((j) => [...CASE_STATUSES.map((st) => j.counts[st]), j.total]);
  statusRows.push([...CASE_STATUSES.map((st) => f.status.total[st]), Object.values(f.status.total).reduce((a, b) => a + b, 0)]);
  table(wb, 'Case status', ['Jurisdiction', ...CASE_STATUSES.map(label), 'Total'], [...f.status.byJurisdiction.map((j) => j.jurisdiction), 'Pakistan (total)'],
    show(statusRows, { rowTotals: true, columnTotals: true }), `Status of each case registered by ${f.to}, on ${f.to} (item f)`);

  for (const [name, rows] of [['Victims', f.victims], ['Defendants', f.defendants]] as const) {
    const nationalities = [...new Set(rows.map((r) => r.nationality))].sort((a, b) => (a === 'PAK' ? -1 : b === 'PAK' ? 1 : a.localeCompare(b)));
    const lines = SEX_ORDER.flatMap((sex) => AGE_BANDS.map((band) => ({ sex, band })));
    const grid = lines.map(({ sex, band }) => nationalities.map((n) => rows.filter((r) => r.sex === sex && r.ageBand === band && r.nationality === n).reduce((a, r) => a + r.count, 0)));
    const withTotals = grid.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
    const totalRow = (withTotals[0] ?? []).map((_, c) => withTotals.reduce((a, row) => a + row[c], 0));
    const full = nationalities.length ? [...withTotals, totalRow] : lines.map(() => [0]).concat([[0]]);
    table(wb, name, ['Sex', 'Age band', ...nationalities, 'Total'], [...lines.map((l) => [label(l.sex), l.band]), ['Total', '']],
      show(full, { rowTotals: true, columnTotals: true }), `${name} of the cases with a prosecution beginning in the month, by sex × age band × nationality (item b)`);
  }

  table(wb, 'Exploitation forms', ['Exploitation form', 'Cases registered', 'Victims identified'], f.forms.map((r) => label(r.form)),
    show(f.forms.map((r) => [r.cases, r.victims]), { rowTotals: false, columnTotals: false }), 'A case with several forms counts under each.');
  table(wb, 'Routes', ['Origin', 'Destination', 'Cases', 'Victims'], f.routes.map((r) => [r.origin, r.destination]),
    show(f.routes.map((r) => [r.cases, r.victims]), { rowTotals: false, columnTotals: false }), 'Top 25 origin → destination of the cases registered in the month (ISO 3166-1 alpha-3).');
  table(wb, 'Trends', ['Month', 'Cases registered (a)', 'Cases investigated (c)', 'Prosecuted persons (d)', 'Convicted persons (e)', 'Victims identified'], f.trends.map((r) => r.period),
    show(f.trends.map((r) => [r.casesRegistered, r.casesInvestigated, r.prosecutions, r.convictions, r.victims]), { rowTotals: false, columnTotals: false }), 'The twelve months up to and including this one.');

  if (!ministry && f.cases) {
    const ws = sheet(wb, 'Cases', ['Jurisdiction', 'District', 'Police station', 'FIR no', 'FIR year', 'FIR date', `Status on ${f.to}`, 'Status date']);
    for (const c of f.cases) ws.addRow([c.jurisdiction, c.district, c.policeStation, c.firNumber, c.firYear, c.firDate, label(c.status), c.statusDate].map(safe));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cover(wb: ExcelJS.Workbook, f: MonthlyFigures, ctx: WorkbookContext): void {
  const ws = wb.addWorksheet('Cover', { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [{ width: 30 }, { width: 110 }];
  const monthName = new Date(`${f.from}T00:00:00Z`).toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  ws.addRow([`Trafficking in persons — monthly report, ${monthName}`]).font = { bold: true, size: 16 };
  ws.addRow(['National Police Bureau, Pakistan']);
  ws.addRow([]);
  const rows: Array<[string, string]> = [
    ['Legal basis', ctx.legalBasis],
    ['Period', `${f.from} to ${f.to}`],
    ['Audience', ctx.audience === 'ministry' ? 'Ministries (aggregates only)' : 'NPB internal (exact counts)'],
    ['Generated at', ctx.generatedAt.toISOString()],
    ['Generated by', ctx.generatedBy],
    ['Suppression', ctx.audience === 'ministry'
      ? `Counts from 1 to ${ctx.threshold - 1} are shown as <${ctx.threshold}, and further cells are hidden where a total would reveal them. Zeros are shown.`
      : 'None: exact counts, not for publication.'],
  ];
  for (const [k, v] of rows) ws.addRow([k, safe(v)]).getCell(1).font = { bold: true };
  ws.addRow([]);
  ws.addRow(['How each figure is counted']).font = { bold: true, size: 12 };
  for (const [k, v] of COUNTING_RULES) {
    const row = ws.addRow([k, v]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }
}

function sheet(wb: ExcelJS.Workbook, name: string, headers: string[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = headers.map((h) => ({ header: h, width: Math.max(12, Math.min(28, h.length + 4)) }));
  const head = ws.getRow(1);
  head.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  head.eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E78' } }));
  head.alignment = { wrapText: true, vertical: 'middle' };
  return ws;
}

/** A sheet of labelled rows of counts; counts are numeric cells, suppressed ones text. */
function table(wb: ExcelJS.Workbook, name: string, headers: string[], labels: Array<string | string[]>, values: Shown[][], note?: string): void {
  const ws = sheet(wb, name, headers);
  labels.forEach((l, i) => {
    const row = ws.addRow([...(Array.isArray(l) ? l : [l]).map(safe), ...values[i]]);
    if (typeof l === 'string' ? /total/i.test(l) : /total/i.test(l[0])) row.font = { bold: true };
  });
  if (note) {
    ws.addRow([]);
    ws.addRow([note]).font = { italic: true };
  }
}

const safe = (v: string | number): string | number => (typeof v === 'string' ? escapeCell(v) : v);
