import { stringify } from 'csv-stringify/sync';
import { Writable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import * as ExcelJS from 'exceljs';
import { AuditService } from 'src/audit/audit.service';
import { AuthUser } from 'src/auth/auth-user';
import { CaseAccess, ReadScope } from 'src/cases/case-access.service';
import { assertValidCaseFilter } from 'src/cases/case-selection';
import { todayInPakistan } from 'src/common/dto/iso-date';
import { escapeCell, escapeCsvText } from 'src/common/spreadsheet-safety';
import { AppConfig } from 'src/config/app-config';
import { APP_CONFIG } from 'src/config/config.module';
import { DEMO_NOTICE } from 'src/demo/demo-mark';
import { CaseExportRepository, ExportRow } from 'src/exports/case-export.repository';
import { CaseExportQuery } from 'src/exports/dto/export-query.dto';

const CASE_COLUMNS = [
  'Case id',
  'Jurisdiction',
  'District code',
  'District',
  'Police station',
  'FIR no',
  'FIR year',
  'FIR date',
  'Offence family',
  'Law sections',
  'Trafficking type',
  'Exploitation forms',
  'Route',
  'Status',
  'Status date',
  'Investigation concluded on',
  'Victims',
  'Defendants',
  'Reporting unit',
  'Agency',
] as const;
const VICTIM_COLUMNS = [
  'Case id',
  'Jurisdiction',
  'FIR no',
  'FIR year',
  'Victim ref',
  'Sex',
  'Age band',
  'Nationality',
  'Exploitation forms',
  'Vulnerabilities',
  'Identified on',
] as const;

/**
 * The case-level export for NPB (admins and analysts): one row per case — no remarks, no
 * names, no CNIC — and, in xlsx, the victims by pseudonymous reference. Rows are written to
 * the response batch by batch as they are read, so memory stays flat at any size.
 */
@Injectable()
export class CaseExportService {
  constructor(
    private readonly exportRows: CaseExportRepository,
    private readonly access: CaseAccess,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The download's name: generated, never taken from input; marked in demo mode. */
  fileName(format: CaseExportQuery['format']): string {
    return `tip-cases-${this.config.demo.enabled ? 'demo-' : ''}${todayInPakistan()}.${format}`;
  }

  /** Refuses filters that do not go together (as the case list does), before anything is sent. */
  check(q: CaseExportQuery): void {
    assertValidCaseFilter(q);
  }

  async write(user: AuthUser, q: CaseExportQuery, out: Writable): Promise<number> {
    this.check(q);
    const scope = await this.access.readScope(user, q);
    const count = q.format === 'csv' ? await this.csv(q, scope, out) : await this.xlsx(q, scope, out);
    await this.audit.record({
      actor: user,
      action: 'export.cases',
      entity: 'case_export',
      detail: { format: q.format, rows: count, filters: { ...q } },
    });
    return count;
  }

  private async csv(q: CaseExportQuery, scope: ReadScope, out: Writable): Promise<number> {
    let n = 0;
    await write(out, `\uFEFF${csvLine([...CASE_COLUMNS])}`);
    for await (const rows of this.exportRows.cases(q, scope)) {
      n += rows.length;
      await write(out, rows.map(csvLine).join(''));
    }
    await new Promise<void>((resolve) => out.end(resolve));
    return n;
  }

  private async xlsx(q: CaseExportQuery, scope: ReadScope, out: Writable): Promise<number> {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    if (this.config.demo.enabled) {
      const cover = wb.addWorksheet('Cover');
      cover.addRow([DEMO_NOTICE]).commit();
      cover.commit();
    }
    const cases = wb.addWorksheet('Cases', { views: [{ state: 'frozen', ySplit: 1 }] });
    cases.addRow([...CASE_COLUMNS]).commit();
    let n = 0;
    for await (const rows of this.exportRows.cases(q, scope)) {
      n += rows.length;
      for (const r of rows) cases.addRow(r.map(cell)).commit();
    }
    cases.commit();
    const victims = wb.addWorksheet('Victims', { views: [{ state: 'frozen', ySplit: 1 }] });
    victims.addRow([...VICTIM_COLUMNS]).commit();
    for await (const rows of this.exportRows.victims(q, scope))
      for (const r of rows) victims.addRow(r.map(cell)).commit();
    victims.commit();
    await wb.commit();
    return n;
  }
}

function cell(v: string | number | null): string | number | null {
  return typeof v === 'string' ? escapeCell(v) : v;
}

/** RFC 4180 (csv-stringify), every text field quoted (numbers bare, null empty), formula starts defused wherever a field may begin. */
function csvLine(row: ExportRow): string {
  return stringify([row.map((v) => (typeof v === 'string' ? escapeCsvText(v) : v))], {
    quoted_string: true,
    record_delimiter: 'windows',
  });
}

/** Writes a chunk, waiting for the client to drain the buffer when it is full. */
function write(out: Writable, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (out.write(chunk)) return resolve();
    const onDrain = () => {
      out.off('error', onError);
      resolve();
    };
    const onError = (error: Error) => {
      out.off('drain', onDrain);
      reject(error);
    };
    out.once('drain', onDrain);
    out.once('error', onError);
  });
}
