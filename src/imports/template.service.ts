import { Inject, Injectable } from '@nestjs/common';
import * as ExcelJS from 'exceljs';
import { AuthUser, scopeOf, UnitScope } from 'src/auth/auth-user';
import { REPORTING_AGENCIES } from 'src/reference/code-lists';
import { AppConfig } from 'src/config/app-config';
import { APP_CONFIG } from 'src/config/config.module';
import { DEMO_NOTICE, DEMO_NOTICE_FONT } from 'src/demo/demo-mark';
import { COLUMNS, SHEETS } from 'src/imports/columns';
import { DistrictResolver } from 'src/jurisdictions/district-resolver.service';
import { ReportingUnitsRepository } from 'src/reporting-units/reporting-units.repository';

const TEMPLATE_ROWS = 5000;
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E78' } };

function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

/**
 * The upload template: one sheet per kind of row with styled, frozen headers and a
 * dropdown on every coded column; the caller's districts; and an Instructions sheet
 * generated from the same column list the reader uses.
 */
@Injectable()
export class TemplateService {
  constructor(
    private readonly districts: DistrictResolver,
    private readonly units: ReportingUnitsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async build(user: AuthUser): Promise<Buffer> {
    const scope = scopeOf(user);
    const districts = (await this.districts.load())
      .all()
      .filter((d) => !scope || scope.jurisdictions.includes(d.jurisdiction))
      .sort((a, b) => a.name.localeCompare(b.name));
    // a focal person's rows are their unit's; a national upload may name any active unit
    const unitCodes = scope
      ? [scope.code]
      : (await this.units.rows()).filter((u) => u.unit.active).map((u) => u.unit.code);
    const wb = new ExcelJS.Workbook();
    wb.creator = 'TIP case database';

    const instructions = wb.addWorksheet('Instructions');
    instructions.columns = [{ width: 16 }, { width: 28 }, { width: 10 }, { width: 60 }, { width: 70 }];
    if (this.config.demo.enabled) instructions.addRow([DEMO_NOTICE]).font = DEMO_NOTICE_FONT;
    instructions.addRow(['How to fill this workbook']).font = { bold: true, size: 14 };
    instructions.addRow([
      'One row per case on Cases; victims, defendants and prosecutions name their case by District, Police Station, FIR No and FIR Year.',
    ]);
    instructions.addRow([
      'Headers are matched by name (case, spaces and punctuation ignored). Dates as Excel dates or DD/MM/YYYY. Do not type formulas.',
    ]);
    instructions.addRow(['Uploading the same or a corrected workbook again updates the cases; nothing is duplicated.']);
    instructions.addRow([
      scope
        ? `Every row is a case of ${scope.code} (${scope.name}); a row whose Reporting Agency names another unit or agency is refused.`
        : `Reporting Agency names each row's unit by its code (${unitCodes.join(', ')}) or name; blank or Police: the police of the jurisdiction, FIA: the FIA.`,
    ]);
    instructions.addRow([]);
    const head = instructions.addRow([
      'Sheet',
      'Column',
      'Required',
      'Meaning',
      'Accepted values (other headers accepted)',
    ]);
    head.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    head.eachCell((c) => (c.fill = HEADER_FILL));
    for (const sheet of SHEETS) {
      for (const c of COLUMNS[sheet]) {
        instructions.addRow([
          sheet,
          c.header,
          c.required ? 'yes' : '',
          c.meaning,
          c.accepts + (c.aliases?.length ? ` (also: ${c.aliases.join(', ')})` : ''),
        ]);
      }
    }

    const lists = wb.addWorksheet('Lists', { state: 'veryHidden' });
    const districtSheet = wb.addWorksheet('Districts');
    districtSheet.columns = [
      { header: 'District', width: 28 },
      { header: 'P-code', width: 10 },
      { header: 'Jurisdiction', width: 12 },
    ];
    for (const d of districts) districtSheet.addRow([d.name, d.code, d.jurisdiction]);
    this.styleHeader(districtSheet);
    const districtRange = `Districts!$A$2:$A$${Math.max(2, districts.length + 1)}`;

    let listColumn = 0;
    for (const sheet of SHEETS) {
      const ws = wb.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = COLUMNS[sheet].map((c) => ({ header: c.header, width: Math.max(12, c.header.length + 4) }));
      this.styleHeader(ws);
      COLUMNS[sheet].forEach((c, i) => {
        const letter = columnLetter(i + 1);
        ws.getCell(`${letter}1`).note = `${c.meaning}. Accepts: ${c.accepts}`;
        let formula: string | null = null;
        if (c.districts) formula = districtRange;
        else if (c.choices) {
          const choices = c.field === 'reportingAgency' ? this.reporters(scope, unitCodes, c.choices) : c.choices;
          const col = columnLetter(++listColumn);
          choices.forEach((choice, k) => (lists.getCell(`${col}${k + 1}`).value = choice));
          formula = `Lists!$${col}$1:$${col}$${choices.length}`;
        }
        if (formula) {
          // exceljs has range validations at run time but not in its type declarations
          (
            ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }
          ).dataValidations.add(`${letter}2:${letter}${TEMPLATE_ROWS}`, {
            type: 'list',
            allowBlank: !c.required,
            formulae: [formula],
            showErrorMessage: true,
            errorStyle: 'warning',
            errorTitle: c.header,
            error: `Choose from the list: ${c.accepts}`,
          });
        }
      });
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  /** What a Reporting Agency cell may name: a focal person's unit (by code or agency), else any unit or agency. */
  private reporters(scope: UnitScope | null, unitCodes: readonly string[], agencies: readonly string[]): string[] {
    if (!scope) return [...unitCodes, ...agencies];
    const agency = agencies[REPORTING_AGENCIES.indexOf(scope.agency)];
    return [...new Set([scope.code, agency])];
  }

  private styleHeader(ws: ExcelJS.Worksheet): void {
    const row = ws.getRow(1);
    row.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    row.eachCell((c) => (c.fill = HEADER_FILL));
  }
}
