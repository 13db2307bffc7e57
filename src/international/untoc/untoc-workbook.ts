import { escapeCell } from 'src/common/spreadsheet-safety';
import { CoverContext, coveredWorkbook } from 'src/international/international-cover';
import { BREAKDOWN_RULES, INDICATOR_RULES } from 'src/international/international-rules';
import { InternationalYear } from 'src/international/international.service';
import { SENTENCE_BANDS, UntocTable } from 'src/international/untoc/untoc-tables';

const SENTENCE_RULES: ReadonlyArray<readonly [string, string]> = [
  [
    'Sentence',
    `The conviction's months of imprisonment: under 12, 12 to 59, 60 to 119, 120 or more; ${SENTENCE_BANDS[4]}: a fine without imprisonment; ${SENTENCE_BANDS[5]}: neither imprisonment nor a fine recorded.`,
  ],
];

/** The UNTOC review workbook: a cover, then one sheet per table, exact counts in numeric cells. */
export async function untocWorkbook(
  counted: InternationalYear,
  tables: readonly UntocTable[],
  ctx: CoverContext,
): Promise<Buffer> {
  const wb = coveredWorkbook(counted, 'UNTOC review', ctx, 'None hidden: exact counts.', [
    ['How each figure is counted', [...INDICATOR_RULES, ...SENTENCE_RULES]],
    ['How persons are placed in the breakdowns', BREAKDOWN_RULES],
  ]);
  for (const t of tables) {
    const ws = wb.addWorksheet(t.sheet);
    ws.addRow([escapeCell(t.title)]).font = { bold: true, size: 12 };
    const head = ws.addRow(t.headers.map(escapeCell));
    head.font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 2 }];
    ws.getColumn(1).width = 40;
    for (let c = 2; c <= t.headers.length; c++) ws.getColumn(c).width = 16;
    for (const [label, ...values] of t.rows) {
      const row = ws.addRow([escapeCell(label), ...values]);
      if (label === 'Total') row.font = { bold: true };
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
