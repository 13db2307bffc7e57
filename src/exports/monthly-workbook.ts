import * as ExcelJS from 'exceljs';
import { escapeCell } from 'src/common/spreadsheet-safety';
import { DEMO_NOTICE, DEMO_NOTICE_FONT } from 'src/demo/demo-mark';
import { MonthlyFigures } from 'src/exports/monthly-figures';
import { byCode, byName, coverLines, jurisdictionStates, unitStateWords } from 'src/exports/monthly-reporting-state';
import { label, SheetTable, SUMMARY_COLUMNS } from 'src/exports/monthly-tables';
import { SECONDARY, Shown, smallMarker, WITHHELD } from 'src/exports/suppression/publication';

export type Audience = 'ministry' | 'internal';

export interface WorkbookContext {
  readonly audience: Audience;
  readonly legalBasis: string;
  readonly threshold: number;
  readonly generatedAt: Date;
  readonly generatedBy: string;
  /** Demo mode: the cover says first that the figures are demonstration data. */
  readonly demo: boolean;
  /** Jurisdictions' names by code. */
  readonly jurisdictionNames: ReadonlyMap<string, string>;
}

const COUNTING_RULES: Array<[string, string]> = [
  ['(a) Cases registered', 'Cases whose FIR date falls in the month.'],
  [
    '(c) Cases investigated',
    'Cases under investigation at any time in the month: registered by its end and not concluded before its start (the investigation concludes when the police report is filed: challan, cancellation or untraced).',
  ],
  [
    '(d) Prosecutions',
    'Persons whose prosecution began (challan accepted / charge filed in court) in the month; also their distinct cases.',
  ],
  ['(e) Convictions', 'Persons convicted with a judgment date in the month; also their distinct cases.'],
  [
    '(b) Victims and defendants',
    'Persons of the cases with a prosecution beginning in the month, by sex, age at the offence and nationality.',
  ],
  ['(f) Status', 'Every case registered by the end of the month, by its status on the last day of the month.'],
  ['Victims identified', 'Victims identified in the month (or, without that date, whose case was registered in it).'],
  ['Suspects', 'Defendants of the cases registered in the month.'],
  ['Offence family', 'Trafficking in persons only: smuggling-of-migrants cases and mixed cases are not counted.'],
];

/** The markers in plain words, for the cover and beside each table. */
export function markerLegend(threshold: number): Array<[string, string]> {
  return [
    [
      smallMarker(threshold),
      `A number from 1 to ${threshold - 1}. The exact number is not shown, so that no victim or suspect can be recognised from it.`,
    ],
    [
      SECONDARY,
      `A number of ${threshold} or more that is not shown, because together with the totals it would let a reader work out a number shown as ${smallMarker(threshold)}.`,
    ],
    [
      WITHHELD,
      'Not shown, and nothing is said about it: a total of small numbers that would let a reader narrow them down, or a line that could not be protected in any other way.',
    ],
    ['0', 'None. Zeros are always shown.'],
  ];
}

/**
 * Builds the monthly workbook: for ministries the tables as `shown` decides (aggregates with
 * small counts hidden), for NPB (`shown` null) exact, plus the status of each case active in
 * the month.
 */
export async function buildMonthlyWorkbook(
  f: MonthlyFigures,
  tables: readonly SheetTable[],
  shown: ReadonlyMap<string, Shown> | null,
  ctx: WorkbookContext,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'TIP case database';
  wb.created = ctx.generatedAt;
  cover(wb, f, ctx);
  for (const t of tables) {
    const values = t.keys.map((row, r) => row.map((key, c) => (shown ? shown.get(key)! : t.values[r][c])));
    const notes = [t.note ?? ''];
    if (shown) {
      notes.push(
        `${smallMarker(ctx.threshold)}: 1 to ${ctx.threshold - 1}.  ${SECONDARY}: ${ctx.threshold} or more, hidden so that a ${smallMarker(ctx.threshold)} cannot be worked out from the totals.  0: none.`,
      );
      if (values.flat().includes(WITHHELD))
        notes.push(
          `${WITHHELD}: not shown (a total that would narrow down the small numbers it adds up, or a line that could not be protected otherwise).`,
        );
    }
    table(wb, t, values, notes.filter(Boolean));
  }
  // the month's reporting state in words, for ministries too: states, not figures
  const byJurisdiction = sheet(wb, 'Reporting state', ['Jurisdiction', `Reporting state of ${f.month}`]);
  byJurisdiction.getColumn(2).width = 80;
  const unitLabel = shown ? byName : byCode;
  for (const row of jurisdictionStates(f, ctx.jurisdictionNames, unitLabel)) byJurisdiction.addRow(row.map(safe));
  byJurisdiction.addRow([]);
  byJurisdiction.addRow([
    'Approved: every unit covering the jurisdiction has its month approved by NPB. Otherwise the units whose month is provisional (submitted, returned or re-opened, not yet approved) or missing (not submitted) are named, and the jurisdiction’s figures are provisional.',
  ]).font = { italic: true };
  // by name, and jurisdictions by name, as every table of the workbook; NPB's also by code
  const byUnit = sheet(wb, 'Reporting state by unit', [
    ...(shown ? [] : ['Unit']),
    'Name',
    'Agency',
    'Jurisdictions',
    `State of ${f.month}`,
  ]);
  byUnit.getColumn(shown ? 4 : 5).width = 50;
  for (const u of f.reporting.units)
    byUnit.addRow(
      [
        ...(shown ? [] : [u.reportingUnit]),
        u.name,
        u.agency,
        u.jurisdictions.map((j) => ctx.jurisdictionNames.get(j) ?? j).join(', '),
        unitStateWords(u),
      ].map(safe),
    );
  if (!f.reporting.ended) byUnit.addRow(['The month has not ended: every figure is provisional.']);
  if (!shown && f.byUnit) {
    // exact figures of each reporting unit: for NPB only, never published
    const ws = sheet(wb, 'By reporting unit', ['Unit', 'Name', 'Agency', ...SUMMARY_COLUMNS.map(([h]) => h)]);
    for (const u of f.byUnit)
      ws.addRow([u.code, u.name, u.agency, ...SUMMARY_COLUMNS.map(([, read]) => read(u))].map(safe));
  }
  if (!shown && f.cases) {
    const ws = sheet(wb, 'Cases', [
      'Jurisdiction',
      'District',
      'Police station',
      'FIR no',
      'FIR year',
      'FIR date',
      `Status on ${f.to}`,
      'Status date',
    ]);
    for (const c of f.cases)
      ws.addRow(
        [
          c.jurisdiction,
          c.district,
          c.policeStation,
          c.firNumber,
          c.firYear,
          c.firDate,
          label(c.status),
          c.statusDate,
        ].map(safe),
      );
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cover(wb: ExcelJS.Workbook, f: MonthlyFigures, ctx: WorkbookContext): void {
  const ws = wb.addWorksheet('Cover', {
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [{ width: 30 }, { width: 110 }];
  const monthName = new Date(`${f.from}T00:00:00Z`).toLocaleString('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  if (ctx.demo) ws.addRow([DEMO_NOTICE]).font = DEMO_NOTICE_FONT;
  ws.addRow([`Trafficking in persons — monthly report, ${monthName}`]).font = { bold: true, size: 16 };
  ws.addRow(['National Police Bureau, Pakistan']);
  ws.addRow([]);
  const ministry = ctx.audience === 'ministry';
  const rows: Array<[string, string]> = [
    ['Legal basis', ctx.legalBasis],
    ['Period', `${f.from} to ${f.to}`],
    ['Audience', ministry ? 'Ministries (aggregates only)' : 'NPB internal (exact counts)'],
    ['Generated at', ctx.generatedAt.toISOString()],
    ['Generated by', ctx.generatedBy],
    ...coverLines(f.reporting, ministry ? byName : byCode),
    [
      'Small numbers',
      ministry
        ? `To protect victims and suspects, numbers from 1 to ${ctx.threshold - 1} are not shown, and some other numbers are hidden so that those cannot be worked out from the totals, from the other sheets or from earlier months' reports. Totals include every hidden number.`
        : 'None hidden: exact counts, not for publication.',
    ],
  ];
  for (const [k, v] of rows) wrapped(ws.addRow([k, safe(v)]));
  if (ministry) {
    ws.addRow([]);
    ws.addRow(['How to read the marks in the tables']).font = { bold: true, size: 12 };
    for (const [mark, meaning] of markerLegend(ctx.threshold)) wrapped(ws.addRow([mark, meaning]));
  }
  ws.addRow([]);
  ws.addRow(['How each figure is counted']).font = { bold: true, size: 12 };
  for (const [k, v] of COUNTING_RULES) wrapped(ws.addRow([k, v]));
}

function wrapped(row: ExcelJS.Row): void {
  row.getCell(1).font = { bold: true };
  row.getCell(1).alignment = { horizontal: 'left', vertical: 'top' };
  row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
}

function sheet(wb: ExcelJS.Workbook, name: string, headers: readonly string[]): ExcelJS.Worksheet {
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

/** A sheet of labelled rows of counts: counts are numeric cells, markers text aligned like them. */
function table(wb: ExcelJS.Workbook, t: SheetTable, values: Shown[][], notes: string[]): void {
  const ws = sheet(wb, t.sheet, t.headers);
  t.labels.forEach((l, i) => {
    const labels = typeof l === 'string' ? [l] : [...l];
    const row = ws.addRow([...labels.map(safe), ...values[i]]);
    values[i].forEach((v, c) => {
      if (typeof v === 'string') row.getCell(labels.length + c + 1).alignment = { horizontal: 'right' };
    });
    if (/total/i.test(labels[0])) row.font = { bold: true };
  });
  if (notes.length) ws.addRow([]);
  for (const note of notes) ws.addRow([note]).font = { italic: true };
}

const safe = (v: string | number): string | number => (typeof v === 'string' ? escapeCell(v) : v);
