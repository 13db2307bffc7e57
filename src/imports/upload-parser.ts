import { hashCnic, normaliseCnic } from 'src/common/cnic';
import { ColumnSpec, COLUMNS, headerOf, matchHeaders, SheetKind, SHEETS } from 'src/imports/columns';
import { ImportError } from 'src/imports/import-batch.entity';
import { caseKey, CaseRow, DefendantRow, ParsedUpload, ProsecutionRow, RoutePointRow, VictimRow } from 'src/imports/import-rows';
import { Cell, SheetRow } from 'src/imports/reading/sheet-rows';
import * as read from 'src/imports/reading/values';
import { CellProblem } from 'src/imports/reading/values';
import { DistrictLookup } from 'src/jurisdictions/district-resolver.service';
import {
  APPEAL_STATUSES, CASE_STATUSES, CUSTODY_STATUSES, DEFENDANT_ROLES, EXPLOITATION_FORMS, OFFENCE_FAMILIES, PROSECUTION_OUTCOMES,
  REFERRALS, REPORTING_AGENCIES, TRAFFICKING_TYPES, VULNERABILITIES,
} from 'src/reference/code-lists';
import { isUnknown, resolveCountry } from 'src/reference/countries';
import { nameKey } from 'src/reference/name-key';

export interface ParseContext {
  /** A focal person's jurisdiction; null for a national (admin) upload. */
  readonly scope: string | null;
  readonly jurisdictions: ReadonlyArray<{ code: string; name: string }>;
  readonly districts: DistrictLookup;
  readonly date1904: boolean;
  readonly cnicSecret: string;
  readonly today: string;
  /** For a CSV: which sheet it is, when the uploader said so. */
  readonly csvSheet?: SheetKind;
}

const SHEET_BY_KEY = new Map(SHEETS.map((s) => [nameKey(s), s]));
const SPECS = Object.fromEntries(SHEETS.map((s) => [s, new Map(COLUMNS[s].map((c) => [c.field, c]))])) as Record<SheetKind, Map<string, ColumnSpec>>;

/**
 * Reads the rows of an upload into typed rows, reporting every cell problem with its
 * sheet, row and column — and never the cell's value.
 */
export class UploadParser {
  readonly errors: ImportError[] = [];
  private readonly parsed: ParsedUpload = { cases: [], victims: [], defendants: [], prosecutions: [], childKeys: new Map(), failed: new Set() };
  private readonly headers = new Map<string, { kind: SheetKind; columns: Record<string, number> } | null>();
  private readonly seen = new Map<string, number>();
  rowsRead = 0;
  private dataRows = 0;

  constructor(private readonly ctx: ParseContext) {}

  /** Feeds one row; the first row of each sheet is its header row. */
  add(row: SheetRow): void {
    this.rowsRead++;
    if (!this.headers.has(row.sheet)) {
      this.readHeader(row);
      return;
    }
    const sheet = this.headers.get(row.sheet);
    if (!sheet) return; // a sheet that is not one of ours (Instructions, Districts…)
    this.dataRows++;
    const get = (field: string): Cell => {
      const index = sheet.columns[field];
      return index === undefined ? null : (row.cells[index] ?? null);
    };
    const problems: ImportError[] = [];
    const cell = <T>(field: string, parse: (c: Cell) => T, fallback: T): T => {
      const spec = SPECS[sheet.kind].get(field)!;
      try {
        const value = parse(get(field));
        if (spec.required && (value === null || (typeof value === 'string' && value === ''))) {
          problems.push(this.error(sheet.kind, row.rowNumber, spec, 'IMPORT.REQUIRED', `${spec.header} is required`));
          return fallback;
        }
        return value;
      } catch (e) {
        if (!(e instanceof CellProblem)) throw e;
        problems.push(this.error(sheet.kind, row.rowNumber, spec, e.code, `${spec.header}: ${e.message}`));
        return fallback;
      }
    };
    const record = this.readRecord(sheet.kind, row.rowNumber, cell, problems);
    if (problems.length) {
      this.errors.push(...problems);
      if (record?.key && sheet.kind === 'Cases') this.parsed.failed.add(record.key);
      if (record?.key && sheet.kind === 'Defendants') this.parsed.failed.add(`${record.key}|${(record as DefendantRow).ref}`);
    } else if (record) this.store(sheet.kind, row.rowNumber, record);
  }

  /** Problems that concern the file as a whole; call once all rows are in. */
  finish(): ParsedUpload {
    const present = [...this.headers.values()].filter((h): h is NonNullable<typeof h> => !!h).map((h) => h.kind);
    if (present.length === 0 && this.errors.length === 0) {
      this.errors.push({ sheet: '', row: 0, column: null, code: 'IMPORT.NO_SHEETS', message: 'The file has none of the sheets Cases, Victims, Defendants, Prosecutions' });
    } else if (this.dataRows === 0 && this.errors.length === 0) {
      this.errors.push({ sheet: present[0], row: 0, column: null, code: 'IMPORT.NO_ROWS', message: 'The file has headers but no rows to import' });
    }
    return this.parsed;
  }

  private readHeader(row: SheetRow): void {
    const kind = this.ctx.csvSheet ?? SHEET_BY_KEY.get(nameKey(row.sheet));
    if (!kind) {
      this.headers.set(row.sheet, null);
      return;
    }
    const match = matchHeaders(kind, row.cells);
    for (const header of match.missing) {
      this.errors.push({ sheet: kind, row: row.rowNumber, column: header, code: 'IMPORT.MISSING_COLUMN', message: `The ${kind} sheet has no ${header} column` });
    }
    for (const header of match.duplicated) {
      this.errors.push({ sheet: kind, row: row.rowNumber, column: header, code: 'IMPORT.DUPLICATE_COLUMN', message: `The ${kind} sheet has the ${header} column twice` });
    }
    this.headers.set(row.sheet, match.missing.length ? null : { kind, columns: match.columns });
  }

  private error(sheet: string, row: number, spec: ColumnSpec | string | null, code: string, message: string): ImportError {
    return { sheet, row, column: spec === null ? null : typeof spec === 'string' ? spec : spec.header, code, message };
  }

  private readRecord(
    kind: SheetKind,
    rowNumber: number,
    cell: <T>(field: string, parse: (c: Cell) => T, fallback: T) => T,
    problems: ImportError[],
  ): CaseRow | VictimRow | DefendantRow | ProsecutionRow | null {
    const date = (c: Cell) => {
      const iso = read.date(c, this.ctx.date1904);
      if (iso && iso > this.ctx.today) throw new CellProblem('IMPORT.FUTURE_DATE', 'the date is in the future');
      return iso;
    };
    const country = (c: Cell) => {
      const value = read.text(c);
      if (value === null || isUnknown(value)) return null;
      const found = resolveCountry(value);
      if (!found) throw new CellProblem('IMPORT.UNKNOWN_COUNTRY', 'not a known country (name, demonym, ISO alpha-2 or alpha-3)');
      return found;
    };
    const district = (c: Cell) => {
      const value = read.text(c);
      if (value === null) return null;
      const found = this.ctx.districts.find(value);
      if (!found) throw new CellProblem('IMPORT.UNKNOWN_DISTRICT', 'not a known district (see the Districts sheet)');
      return found;
    };
    const cnic = (c: Cell) => {
      const value = read.text(c, 20);
      if (value === null) return null;
      const digits = normaliseCnic(value);
      if (!digits) throw new CellProblem('IMPORT.INVALID_CNIC', 'a CNIC is 13 digits, written XXXXX-XXXXXXX-X or without dashes');
      return hashCnic(digits, this.ctx.cnicSecret);
    };

    // the case key, common to every sheet
    const caseDistrict = cell('district', district, null);
    const policeStation = cell('policeStation', (c) => read.text(c, 120), null);
    const firNumber = cell('firNumber', (c) => read.text(c, 40), null);
    const firYear = cell('firYear', (c) => read.count(c, 2100), null);
    let jurisdiction = caseDistrict?.jurisdiction ?? null;
    if (kind === 'Cases') {
      const named = cell('jurisdiction', (c) => this.jurisdiction(c), null);
      if (named) jurisdiction = named;
    }
    if (jurisdiction && this.ctx.scope && jurisdiction !== this.ctx.scope) {
      problems.push(this.error(kind, rowNumber, kind === 'Cases' && caseDistrict?.jurisdiction === jurisdiction ? 'District' : 'Jurisdiction',
        'IMPORT.OTHER_JURISDICTION', `The row belongs to ${jurisdiction}; you may upload ${this.ctx.scope} only`));
      return null;
    }
    if (caseDistrict && jurisdiction && caseDistrict.jurisdiction !== jurisdiction) {
      problems.push(this.error(kind, rowNumber, 'District', 'IMPORT.DISTRICT_OUTSIDE_JURISDICTION', `The district is not in ${jurisdiction}`));
      return null;
    }
    if (firYear !== null && (firYear < 1947 || firYear > Number(this.ctx.today.slice(0, 4)))) {
      problems.push(this.error(kind, rowNumber, 'FIR Year', 'IMPORT.INVALID_YEAR', 'FIR Year is not a plausible year'));
    }
    const key = caseDistrict && policeStation && firNumber && firYear !== null && jurisdiction
      ? caseKey(jurisdiction, caseDistrict.code, nameKey(policeStation), firNumber, firYear) : '';

    switch (kind) {
      case 'Cases': {
        const firDate = cell('firDate', date, null);
        if (firDate && firYear !== null && Number(firDate.slice(0, 4)) !== firYear) {
          problems.push(this.error(kind, rowNumber, 'FIR Year', 'IMPORT.FIR_YEAR_MISMATCH', 'FIR Year is not the year of the FIR Date'));
        }
        const route = this.route(cell, country, district, problems, rowNumber);
        const status = cell('status', (c) => read.code(c, CASE_STATUSES, 'status'), null);
        const row: CaseRow = {
          row: rowNumber, key, jurisdiction: jurisdiction ?? '', district: caseDistrict?.code ?? '', policeStation: policeStation ?? '',
          policeStationKey: nameKey(policeStation ?? ''), firNumber: firNumber ?? '', firYear: firYear ?? 0, firDate: firDate ?? '',
          reportingAgency: cell('reportingAgency', (c) => read.code(c, REPORTING_AGENCIES, 'reporting agency'), null) ?? 'police',
          offenceFamily: cell('offenceFamily', (c) => read.code(c, OFFENCE_FAMILIES, 'offence family'), 'tip') ?? 'tip',
          lawSections: cell('lawSections', read.lawSections, []),
          traffickingType: cell('traffickingType', (c) => read.code(c, TRAFFICKING_TYPES, 'trafficking type'), null),
          exploitationForms: cell('exploitationForms', (c) => read.codeList(c, EXPLOITATION_FORMS, 'exploitation form'), []),
          route,
          status: status ?? 'registered',
          statusDate: cell('statusDate', date, null),
          investigationConcludedOn: cell('investigationConcludedOn', date, null),
          remarks: cell('remarks', (c) => read.text(c, 4000), null),
        };
        if (!['registered', 'under_investigation'].includes(row.status) && !row.statusDate && status) {
          problems.push(this.error(kind, rowNumber, 'Status Date', 'IMPORT.REQUIRED', 'Status Date is required once the case is past investigation'));
        }
        return row;
      }
      case 'Victims':
        return {
          row: rowNumber, key, ref: cell('ref', (c) => read.text(c, 40), null) ?? '',
          sex: cell('sex', read.sex, 'unknown'), age: cell('age', read.age, null), ageEstimated: cell('ageEstimated', read.yesNo, null) ?? false,
          nationality: cell('nationality', country, null), residenceDistrict: cell('residenceDistrict', district, null)?.code ?? null,
          residenceCountry: cell('residenceCountry', country, null),
          exploitationForms: cell('exploitationForms', (c) => read.codeList(c, EXPLOITATION_FORMS, 'exploitation form'), []),
          vulnerabilities: cell('vulnerabilities', (c) => read.codeList(c, VULNERABILITIES, 'vulnerability'), []),
          identifiedOn: cell('identifiedOn', date, null), referredTo: cell('referredTo', (c) => read.code(c, REFERRALS, 'referral'), null),
          repatriated: cell('repatriated', read.yesNo, null), cnicHash: cell('cnic', cnic, null),
        };
      case 'Defendants':
        return {
          row: rowNumber, key, ref: cell('ref', (c) => read.text(c, 40), null) ?? '', name: cell('name', (c) => read.text(c, 200), null),
          cnicHash: cell('cnic', cnic, null), sex: cell('sex', read.sex, 'unknown'), age: cell('age', read.age, null),
          nationality: cell('nationality', country, null), role: cell('role', (c) => read.code(c, DEFENDANT_ROLES, 'role'), null),
          custodyStatus: cell('custodyStatus', (c) => read.code(c, CUSTODY_STATUSES, 'custody status'), null) ?? 'suspect',
          groupName: cell('groupName', (c) => read.text(c, 200), null),
        };
      case 'Prosecutions': {
        const row: ProsecutionRow = {
          row: rowNumber, key, defendantRef: cell('defendantRef', (c) => read.text(c, 40), null) ?? '',
          court: cell('court', (c) => read.text(c, 200), null), charges: cell('charges', read.lawSections, []),
          prosecutionDate: cell('prosecutionDate', date, null) ?? '',
          outcome: cell('outcome', (c) => read.code(c, PROSECUTION_OUTCOMES, 'outcome'), null) ?? 'pending',
          outcomeDate: cell('outcomeDate', date, null),
          sentenceMonths: cell('sentenceMonths', (c) => read.count(c, 12000), null), finePkr: cell('finePkr', (c) => read.count(c, 1e12), null),
          appealStatus: cell('appealStatus', (c) => read.code(c, APPEAL_STATUSES, 'appeal status'), null) ?? 'none',
        };
        if (row.outcome === 'convicted' && !row.outcomeDate) {
          problems.push(this.error(kind, rowNumber, 'Outcome Date', 'IMPORT.OUTCOME_DATE_REQUIRED', 'A conviction needs its Outcome Date (the judgment date)'));
        } else if (row.outcome === 'pending' && row.outcomeDate) {
          problems.push(this.error(kind, rowNumber, 'Outcome Date', 'IMPORT.DATE_ORDER', 'A pending prosecution has no Outcome Date'));
        } else if (row.outcome !== 'pending' && row.outcome !== 'withdrawn' && !row.outcomeDate) {
          problems.push(this.error(kind, rowNumber, 'Outcome Date', 'IMPORT.OUTCOME_DATE_REQUIRED', 'A decided prosecution needs its Outcome Date'));
        }
        if (row.outcomeDate && row.prosecutionDate && row.outcomeDate < row.prosecutionDate) {
          problems.push(this.error(kind, rowNumber, 'Outcome Date', 'IMPORT.DATE_ORDER', 'The Outcome Date is before the Prosecution Date'));
        }
        return row;
      }
    }
  }

  private jurisdiction(c: Cell): string | null {
    const value = read.text(c);
    if (value === null) return null;
    const key = nameKey(value);
    const found = this.ctx.jurisdictions.find((j) => nameKey(j.code) === key || nameKey(j.name) === key || nameKey(j.code.slice(3)) === key);
    if (!found) throw new CellProblem('IMPORT.UNKNOWN_CODE', 'not a known jurisdiction (ISO code such as PK-PB, or name)');
    return found.code;
  }

  private route(
    cell: <T>(field: string, parse: (c: Cell) => T, fallback: T) => T,
    country: (c: Cell) => string | null,
    district: (c: Cell) => { code: string } | null,
    problems: ImportError[],
    rowNumber: number,
  ): RoutePointRow[] {
    const point = (kind: RoutePointRow['kind'], countryField: string, districtField: string): RoutePointRow | null => {
      const d = cell(districtField, district, null);
      const k = cell(countryField, country, null) ?? (d ? 'PAK' : null);
      if (d && k !== 'PAK') problems.push(this.error('Cases', rowNumber, headerOf('Cases', districtField), 'IMPORT.DISTRICT_OUTSIDE_PAKISTAN', 'A district is given only for a place in Pakistan'));
      return k ? { kind, country: k, district: d?.code ?? null } : null;
    };
    const transit = cell('transit', (c) => {
      const value = read.text(c, 2000);
      if (value === null) return [];
      return value.split(';').map((p) => p.trim()).filter(Boolean).map((part): RoutePointRow => {
        const [countryText, districtText] = part.split('/').map((x) => x.trim());
        const k = resolveCountry(countryText);
        if (!k) throw new CellProblem('IMPORT.UNKNOWN_COUNTRY', 'each transit point is Country or Country/District');
        const d = districtText ? this.ctx.districts.find(districtText) : null;
        if (districtText && (!d || k !== 'PAK')) throw new CellProblem('IMPORT.UNKNOWN_DISTRICT', 'a transit district must be a district of Pakistan');
        return { kind: 'transit', country: k, district: d?.code ?? null };
      });
    }, [] as RoutePointRow[]);
    const origin = point('origin', 'originCountry', 'originDistrict');
    const destination = point('destination', 'destinationCountry', 'destinationDistrict');
    return [...(origin ? [origin] : []), ...transit, ...(destination ? [destination] : [])];
  }

  private store(kind: SheetKind, rowNumber: number, record: CaseRow | VictimRow | DefendantRow | ProsecutionRow): void {
    const ref = 'ref' in record ? record.ref : 'defendantRef' in record ? record.defendantRef : '';
    const identity = `${kind}|${record.key}|${ref}`;
    const first = this.seen.get(identity);
    if (first !== undefined) {
      const what = kind === 'Cases' ? 'case (same district, police station, FIR number and year)' : kind === 'Prosecutions' ? 'prosecution of this defendant' : `${kind === 'Victims' ? 'Victim' : 'Defendant'} Ref in this case`;
      this.errors.push({ sheet: kind, row: rowNumber, column: kind === 'Cases' ? 'FIR No' : kind === 'Prosecutions' ? 'Defendant Ref' : headerOf(kind, 'ref'),
        code: kind === 'Cases' ? 'IMPORT.DUPLICATE_KEY' : 'IMPORT.DUPLICATE_REF', message: `The same ${what} is already on row ${first}` });
      return;
    }
    this.seen.set(identity, rowNumber);
    switch (kind) {
      case 'Cases':
        this.parsed.cases.push(record as CaseRow);
        return;
      case 'Victims':
        this.parsed.victims.push(record as VictimRow);
        break;
      case 'Defendants':
        this.parsed.defendants.push(record as DefendantRow);
        break;
      case 'Prosecutions':
        this.parsed.prosecutions.push(record as ProsecutionRow);
        break;
    }
    if (!this.parsed.childKeys.has(record.key)) this.parsed.childKeys.set(record.key, { sheet: kind, row: rowNumber });
  }
}
