import { stringify } from 'csv-stringify/sync';
import { Writable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { AuthUser } from 'src/auth/auth-user';
import { escapeCell, escapeCsvText } from 'src/common/spreadsheet-safety';
import { CaseExportQuery } from 'src/exports/dto/export-query.dto';
import { AGE_BAND } from 'src/statistics/statistics.sql';

const BATCH = 5000;

const CASE_COLUMNS = [
  'Case id', 'Jurisdiction', 'District code', 'District', 'Police station', 'FIR no', 'FIR year', 'FIR date', 'Offence family', 'Law sections',
  'Trafficking type', 'Exploitation forms', 'Route', 'Status', 'Status date', 'Investigation concluded on', 'Victims', 'Defendants',
] as const;
const VICTIM_COLUMNS = ['Case id', 'Jurisdiction', 'FIR no', 'FIR year', 'Victim ref', 'Sex', 'Age band', 'Nationality', 'Exploitation forms', 'Vulnerabilities', 'Identified on'] as const;

type Row = Array<string | number | null>;

/**
 * The case-level export for NPB (admins and analysts): one row per case — no remarks, no
 * names, no CNIC — and, in xlsx, the victims by pseudonymous reference. Rows are read in
 * keyset batches and written straight to the response, so memory stays flat at any size.
 */
@Injectable()
export class CaseExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async write(user: AuthUser, q: CaseExportQuery, out: Writable): Promise<number> {
    const count = q.format === 'csv' ? await this.csv(q, out) : await this.xlsx(q, out);
    await this.audit.record({ actor: user, action: 'export.cases', entity: 'case_export', detail: { format: q.format, rows: count, filters: { ...q } } });
    return count;
  }

  private async csv(q: CaseExportQuery, out: Writable): Promise<number> {
    let n = 0;
    await write(out, `\uFEFF${csvLine([...CASE_COLUMNS])}`);
    for await (const rows of this.batches(caseSql, q)) {
      n += rows.length;
      await write(out, rows.map(csvLine).join(''));
    }
    await new Promise<void>((resolve) => out.end(resolve));
    return n;
  }

  private async xlsx(q: CaseExportQuery, out: Writable): Promise<number> {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    const cases = wb.addWorksheet('Cases', { views: [{ state: 'frozen', ySplit: 1 }] });
    cases.addRow([...CASE_COLUMNS]).commit();
    let n = 0;
    for await (const rows of this.batches(caseSql, q)) {
      n += rows.length;
      for (const r of rows) cases.addRow(r.map(cell)).commit();
    }
    cases.commit();
    const victims = wb.addWorksheet('Victims', { views: [{ state: 'frozen', ySplit: 1 }] });
    victims.addRow([...VICTIM_COLUMNS]).commit();
    for await (const rows of this.batches(victimSql, q)) for (const r of rows) victims.addRow(r.map(cell)).commit();
    victims.commit();
    await wb.commit();
    return n;
  }

  /** Rows in batches, each batch after the last key of the one before (no OFFSET, no cursor left open). */
  private async *batches(sql: (where: string, after: string) => string, q: CaseExportQuery): AsyncGenerator<Row[]> {
    const params: unknown[] = [];
    const where: string[] = ['c.deleted_at IS NULL'];
    const add = (clause: string, value: unknown) => {
      params.push(value);
      where.push(clause.replace('?', `$${params.length}`));
    };
    if (q.jurisdiction) add('c.jurisdiction_code = ?', q.jurisdiction);
    if (q.district) add('c.district_code = ?', q.district);
    if (q.status) add('c.status = ?', q.status);
    if (q.offenceFamily) add('c.offence_family = ?', q.offenceFamily);
    if (q.exploitationForm) add('? = ANY(c.exploitation_forms)', q.exploitationForm);
    if (q.firDateFrom) add('c.fir_date >= ?', q.firDateFrom);
    if (q.firDateTo) add('c.fir_date <= ?', q.firDateTo);
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: Array<{ k: string; r: Row }> = await this.dataSource.query(sql(where.join(' AND '), `$${params.length + 1}::uuid`), [...params, after]);
      if (!rows.length) return;
      yield rows.map((x) => x.r);
      after = rows[rows.length - 1].k;
      if (rows.length < BATCH) return;
    }
  }
}

/** One row per case, in id order from `after` on. */
const caseSql = (where: string, after: string) => `
  SELECT c.id AS k, json_build_array(
      c.id, c.jurisdiction_code, c.district_code, d.name, c.police_station, c.fir_number, c.fir_year, c.fir_date::text, c.offence_family,
      array_to_string(c.law_sections, ', '), c.trafficking_type, array_to_string(c.exploitation_forms, ', '),
      (SELECT string_agg(rp.country_code || COALESCE('/' || rp.district_code, ''), ' → ' ORDER BY rp.position) FROM route_points rp WHERE rp.case_id = c.id),
      c.status, c.status_date::text, c.investigation_concluded_on::text,
      (SELECT count(*) FROM victims v WHERE v.case_id = c.id), (SELECT count(*) FROM defendants df WHERE df.case_id = c.id)) AS r
    FROM cases c JOIN districts d ON d.code = c.district_code
   WHERE ${where} AND c.id > ${after}
   ORDER BY c.id LIMIT ${BATCH}`;

/** Victims by their pseudonymous reference: sex, age band and nationality, never a name or CNIC. */
const victimSql = (where: string, after: string) => `
  SELECT v.id AS k, json_build_array(
      c.id, c.jurisdiction_code, c.fir_number, c.fir_year, v.ref, v.sex, ${AGE_BAND('v.age')}, COALESCE(v.nationality, 'UNK'),
      array_to_string(v.exploitation_forms, ', '), array_to_string(v.vulnerabilities, ', '), v.identified_on::text) AS r
    FROM victims v JOIN cases c ON c.id = v.case_id
   WHERE ${where} AND v.id > ${after}
   ORDER BY v.id LIMIT ${BATCH}`;

function cell(v: string | number | null): string | number | null {
  return typeof v === 'string' ? escapeCell(v) : v;
}

/** RFC 4180 (csv-stringify), every text field quoted (numbers bare, null empty), formula starts defused wherever a field may begin. */
function csvLine(row: Row): string {
  return stringify([row.map((v) => (typeof v === 'string' ? escapeCsvText(v) : v))], { quoted_string: true, record_delimiter: 'windows' });
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
