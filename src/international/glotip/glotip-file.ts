import { stringify } from 'csv-stringify/sync';
import { escapeCell, escapeCsvText } from 'src/common/spreadsheet-safety';
import { markerLegend } from 'src/exports/monthly-workbook';
import { Shown } from 'src/exports/suppression/publication';
import { figureKey } from 'src/international/glotip/glotip-figures';
import { GLOTIP_COLUMNS, GLOTIP_COUNTRY, glotipCount, INDICATORS } from 'src/international/glotip/glotip-vocabulary';
import { CoverContext, coveredWorkbook } from 'src/international/international-cover';
import { BREAKDOWN_RULES, INDICATOR_RULES } from 'src/international/international-rules';
import { InternationalYear } from 'src/international/international.service';

export type GlotipRow = Record<(typeof GLOTIP_COLUMNS)[number], string>;

/** The rows of the file: the listed figures, each value as the published rows write it (`1,526`, `<5`). */
export function glotipRows(counted: InternationalYear, shown: ReadonlyMap<string, Shown>): GlotipRow[] {
  return counted.figures.figures
    .filter((f) => f.listed)
    .map((f) => {
      const value = shown.get(figureKey(f))!;
      return {
        Iso3_code: GLOTIP_COUNTRY.iso3,
        Country: GLOTIP_COUNTRY.country,
        Region: GLOTIP_COUNTRY.region,
        Subregion: GLOTIP_COUNTRY.subregion,
        Indicator: INDICATORS[f.indicator],
        Dimension: f.dimension,
        Category: f.category,
        Sex: f.sex,
        Age: f.age,
        Year: String(counted.year),
        'Unit of measurement': GLOTIP_COUNTRY.unit,
        txtVALUE: typeof value === 'number' ? glotipCount(value) : value,
        Source: GLOTIP_COUNTRY.source,
      };
    });
}

/** The CSV: UTF-8 with a byte-order mark, the columns of the published file, a field quoted only when it must be. */
export function glotipCsv(rows: readonly GlotipRow[]): string {
  const lines = [[...GLOTIP_COLUMNS], ...rows.map((r) => GLOTIP_COLUMNS.map((c) => escapeCsvText(r[c])))];
  return `\uFEFF${stringify(lines, { record_delimiter: 'windows' })}`;
}

export interface GlotipWorkbookContext extends CoverContext {
  readonly suppressed: boolean;
  readonly threshold: number;
}

/** The workbook: a cover (counting rules, provisional months, warnings) and the rows in the published columns. */
export async function glotipWorkbook(
  counted: InternationalYear,
  rows: readonly GlotipRow[],
  ctx: GlotipWorkbookContext,
): Promise<Buffer> {
  const smallNumbers = ctx.suppressed
    ? `Numbers from 1 to ${ctx.threshold - 1} are shown as <${ctx.threshold}, and some others hidden so that those cannot be worked out from the totals.`
    : 'None hidden: exact counts.';
  const wb = coveredWorkbook(counted, 'UNODC GLOTIP figures', ctx, smallNumbers, [
    ...(ctx.suppressed ? [['How to read the marks', markerLegend(ctx.threshold)] as const] : []),
    ['How each indicator is counted', INDICATOR_RULES],
    ['How persons are placed in the breakdowns', BREAKDOWN_RULES],
  ]);
  const sheet = wb.addWorksheet('GLOTIP', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = GLOTIP_COLUMNS.map((c) => ({ header: c, width: Math.max(12, c.length + 4) }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(GLOTIP_COLUMNS.map((c) => escapeCell(r[c])));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
