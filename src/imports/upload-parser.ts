import { hashCnic, normaliseCnic } from 'src/common/cnic';
import { ColumnSpec, COLUMNS, headerOf, matchHeaders, SheetKind, SHEETS } from 'src/imports/columns';
import { ImportError } from 'src/imports/import-batch.entity';
import { caseKey, CaseRow, DefendantRow, ParsedUpload, ProsecutionRow, RoutePointRow, routeSignature, VictimRow } from 'src/imports/import-rows';
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

type Parse<T> = (c: Cell) => T;

/** One case key as the file names it: its Cases row and the refs its other sheets gave, with their rows. */
interface CaseSeen {
  /** The key's one string, shared by every row that names the case. */
  readonly key: string;
  /** Row of the Cases sheet; 0 until one is read. */
  caseRow: number;
  childSeen: boolean;
  Victims: Array<string | number> | null;
  Defendants: Array<string | number> | null;
  Prosecutions: Array<string | number> | null;
}
type CellReader = <T>(field: string, parse: Parse<T>, fallback: T) => T;

/** At most this many distinct spellings are remembered per parser function. */
const MEMO_LIMIT = 20_000;

/**
 * A parser that reads each distinct spelling once: coded values, dates and places repeat
 * across thousands of rows, and the rows then share one result (arrays included — rows
 * never modify them).
 */
function memo<T>(parse: Parse<T>): Parse<T> {
  const cache = new Map<string | number, T | CellProblem>();
  return (c) => {
    if (typeof c !== 'string' && typeof c !== 'number') return parse(c);
    let hit = cache.get(c);
    if (hit === undefined) {
      try {
        hit = parse(c);
      } catch (e) {
        if (!(e instanceof CellProblem)) throw e;
        hit = e;
      }
      if (cache.size < MEMO_LIMIT) cache.set(c, hit);
    }
    if (hit instanceof CellProblem) throw hit;
    return hit;
  };
}

const text = (max: number): Parse<string | null> => (c) => read.text(c, max);
const TEXT_40 = text(40);
const TEXT_120 = text(120);
const TEXT_200 = text(200);
const TEXT_4000 = text(4000);

/** The cell parsers of one upload, built once (those that need the upload's context close over it). */
function cellParsers(ctx: ParseContext, jurisdiction: Parse<string | null>) {
  const date = memo((c) => {
    const iso = read.date(c, ctx.date1904);
    if (iso && iso > ctx.today) throw new CellProblem('IMPORT.FUTURE_DATE', 'the date is in the future');
    return iso;
  });
  const country = memo((c) => {
    const value = read.text(c);
    if (value === null || isUnknown(value)) return null;
    const found = resolveCountry(value);
    if (!found) throw new CellProblem('IMPORT.UNKNOWN_COUNTRY', 'not a known country (name, demonym, ISO alpha-2 or alpha-3)');
    return found;
  });
  const district = memo((c) => {
    const value = read.text(c);
    if (value === null) return null;
    const found = ctx.districts.find(value);
    if (!found) throw new CellProblem('IMPORT.UNKNOWN_DISTRICT', 'not a known district (see the Districts sheet)');
    return found;
  });
  const cnic: Parse<string | null> = (c) => {
    const value = read.text(c, 20);
    if (value === null) return null;
    const digits = normaliseCnic(value);
    if (!digits) throw new CellProblem('IMPORT.INVALID_CNIC', 'a CNIC is 13 digits, written XXXXX-XXXXXXX-X or without dashes');
    return hashCnic(digits, ctx.cnicSecret);
  };
  const codeOf = <C extends string>(items: Parameters<typeof read.code<C>>[1], what: string) => memo((c) => read.code(c, items, what));
  const codesOf = <C extends string>(items: Parameters<typeof read.codeList<C>>[1], what: string) => memo((c) => read.codeList(c, items, what));
  return {
    date, country, district, cnic, jurisdiction: memo(jurisdiction),
    text40: TEXT_40, text120: TEXT_120, text200: TEXT_200, text4000: TEXT_4000,
    firYear: memo((c) => read.count(c, 2100)), sentenceMonths: memo((c) => read.count(c, 12000)), finePkr: memo((c) => read.count(c, 1e12)),
    sex: memo(read.sex), age: memo(read.age), yesNo: memo(read.yesNo), lawSections: memo(read.lawSections),
    caseStatus: codeOf(CASE_STATUSES, 'status'), reportingAgency: codeOf(REPORTING_AGENCIES, 'reporting agency'),
    offenceFamily: codeOf(OFFENCE_FAMILIES, 'offence family'), traffickingType: codeOf(TRAFFICKING_TYPES, 'trafficking type'),
    exploitationForms: codesOf(EXPLOITATION_FORMS, 'exploitation form'), vulnerabilities: codesOf(VULNERABILITIES, 'vulnerability'),
    referral: codeOf(REFERRALS, 'referral'), role: codeOf(DEFENDANT_ROLES, 'role'), custodyStatus: codeOf(CUSTODY_STATUSES, 'custody status'),
    outcome: codeOf(PROSECUTION_OUTCOMES, 'outcome'), appealStatus: codeOf(APPEAL_STATUSES, 'appeal status'),
    policeStationKey: memo((c) => nameKey(typeof c === 'string' ? c : String(c))),
  };
}

/**
 * Reads the rows of an upload into typed rows, reporting every cell problem with its
 * sheet, row and column — and never the cell's value.
 */
export class UploadParser {
  readonly errors: ImportError[] = [];
  /** The rows stored so far (complete once finish() is called). */
  readonly parsed: ParsedUpload = {
    cases: [], victims: [], defendants: [], prosecutions: [], childKeys: new Map(), failed: new Set(),
    hasDefendant: (key, ref) => {
      const refs = this.byKey.get(key)?.Defendants;
      if (!refs) return false;
      for (let i = 0; i < refs.length; i += 2) if (refs[i] === ref) return true;
      return false;
    },
  };
  /** Sheets read to their end: rows come sheet after sheet, so a sheet ends where the next begins. */
  readonly sheetsDone = new Set<SheetKind>();
  private readonly headers = new Map<string, { kind: SheetKind; columns: Record<string, number> } | null>();
  private currentSheet: string | null = null;
  /** What the file holds for each case key, looked up once per row. */
  private readonly byKey = new Map<string, CaseSeen>();
  /** The entry of the row being read. */
  private entry: CaseSeen | null = null;
  private readonly routes = new Map<string, RoutePointRow[]>();
  private readonly p: ReturnType<typeof cellParsers>;
  rowsRead = 0;
  private dataRows = 0;

  // the row being read
  private kind: SheetKind = 'Cases';
  private specs: Map<string, ColumnSpec> = SPECS.Cases;
  private columns: Record<string, number> = {};
  private cells: Cell[] = [];
  private rowNumber = 0;
  private problems: ImportError[] = [];
  private readonly cell: CellReader;

  constructor(private readonly ctx: ParseContext) {
    this.p = cellParsers(ctx, (c) => this.jurisdiction(c));
    this.cell = (field, parse, fallback) => this.readCell(field, parse, fallback);
  }

  /** Feeds one row; the first row of each sheet is its header row. */
  add(row: SheetRow): void {
    this.rowsRead++;
    if (row.sheet !== this.currentSheet) this.endSheet(row.sheet);
    if (!this.headers.has(row.sheet)) {
      this.readHeader(row);
      return;
    }
    const sheet = this.headers.get(row.sheet);
    if (!sheet) return; // a sheet that is not one of ours (Instructions, Districts…)
    this.dataRows++;
    this.kind = sheet.kind;
    this.specs = SPECS[sheet.kind];
    this.columns = sheet.columns;
    this.cells = row.cells;
    this.rowNumber = row.rowNumber;
    const problems: ImportError[] = (this.problems = []);
    const record = this.readRecord(sheet.kind, row.rowNumber, this.cell, problems);
    if (problems.length) {
      this.errors.push(...problems);
      if (record?.key && sheet.kind === 'Cases') this.parsed.failed.add(record.key);
      if (record?.key && sheet.kind === 'Defendants') this.parsed.failed.add(`${record.key}|${(record as DefendantRow).ref}`);
    } else if (record) this.store(sheet.kind, row.rowNumber, record);
  }

  private readCell<T>(field: string, parse: Parse<T>, fallback: T): T {
    const spec = this.specs.get(field)!;
    const index = this.columns[field];
    try {
      const value = parse(index === undefined ? null : (this.cells[index] ?? null));
      if (spec.required && (value === null || (typeof value === 'string' && value === ''))) {
        this.problems.push(this.error(this.kind, this.rowNumber, spec, 'IMPORT.REQUIRED', `${spec.header} is required`));
        return fallback;
      }
      return value;
    } catch (e) {
      if (!(e instanceof CellProblem)) throw e;
      this.problems.push(this.error(this.kind, this.rowNumber, spec, e.code, `${spec.header}: ${e.message}`));
      return fallback;
    }
  }

  /** Whether the file's Cases sheet has a row (read so far) for this case key. */
  isFileCase(key: string): boolean {
    return (this.byKey.get(key)?.caseRow ?? 0) > 0;
  }

  private endSheet(next: string | null): void {
    const ended = this.currentSheet === null ? null : this.headers.get(this.currentSheet);
    if (ended) this.sheetsDone.add(ended.kind);
    this.currentSheet = next;
  }

  /** Problems that concern the file as a whole; call once all rows are in. */
  finish(): ParsedUpload {
    this.endSheet(null);
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

  private caseSeen(key: string): CaseSeen {
    let entry = this.byKey.get(key);
    if (entry === undefined) {
      entry = { key, caseRow: 0, childSeen: false, Victims: null, Defendants: null, Prosecutions: null };
      this.byKey.set(key, entry);
    }
    return entry;
  }

  private readRecord(kind: SheetKind, rowNumber: number, cell: CellReader, problems: ImportError[]): CaseRow | VictimRow | DefendantRow | ProsecutionRow | null {
    const p = this.p;
    // the case key, common to every sheet
    const caseDistrict = cell('district', p.district, null);
    const policeStation = cell('policeStation', p.text120, null);
    const firNumber = cell('firNumber', p.text40, null);
    const firYear = cell('firYear', p.firYear, null);
    let jurisdiction = caseDistrict?.jurisdiction ?? null;
    if (kind === 'Cases') {
      const named = cell('jurisdiction', p.jurisdiction, null);
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
    const policeStationKey = policeStation === null ? '' : p.policeStationKey(policeStation);
    this.entry = caseDistrict && policeStation && firNumber && firYear !== null && jurisdiction
      ? this.caseSeen(caseKey(jurisdiction, caseDistrict.code, policeStationKey, firNumber, firYear)) : null;
    const key = this.entry?.key ?? '';

    switch (kind) {
      case 'Cases': {
        const firDate = cell('firDate', p.date, null);
        if (firDate && firYear !== null && Number(firDate.slice(0, 4)) !== firYear) {
          problems.push(this.error(kind, rowNumber, 'FIR Year', 'IMPORT.FIR_YEAR_MISMATCH', 'FIR Year is not the year of the FIR Date'));
        }
        const route = this.route(cell, p.country, p.district, problems, rowNumber);
        const status = cell('status', p.caseStatus, null);
        const row: CaseRow = {
          row: rowNumber, key, jurisdiction: jurisdiction ?? '', district: caseDistrict?.code ?? '', policeStation: policeStation ?? '',
          policeStationKey, firNumber: firNumber ?? '', firYear: firYear ?? 0, firDate: firDate ?? '',
          reportingAgency: cell('reportingAgency', p.reportingAgency, null) ?? 'police',
          offenceFamily: cell('offenceFamily', p.offenceFamily, 'tip') ?? 'tip',
          lawSections: cell('lawSections', p.lawSections, []),
          traffickingType: cell('traffickingType', p.traffickingType, null),
          exploitationForms: cell('exploitationForms', p.exploitationForms, []),
          route,
          status: status ?? 'registered',
          statusDate: cell('statusDate', p.date, null),
          investigationConcludedOn: cell('investigationConcludedOn', p.date, null),
          remarks: cell('remarks', p.text4000, null),
        };
        if (!['registered', 'under_investigation'].includes(row.status) && !row.statusDate && status) {
          problems.push(this.error(kind, rowNumber, 'Status Date', 'IMPORT.REQUIRED', 'Status Date is required once the case is past investigation'));
        }
        return row;
      }
      case 'Victims':
        return {
          row: rowNumber, key, ref: cell('ref', p.text40, null) ?? '',
          sex: cell('sex', p.sex, 'unknown'), age: cell('age', p.age, null), ageEstimated: cell('ageEstimated', p.yesNo, null) ?? false,
          nationality: cell('nationality', p.country, null), residenceDistrict: cell('residenceDistrict', p.district, null)?.code ?? null,
          residenceCountry: cell('residenceCountry', p.country, null),
          exploitationForms: cell('exploitationForms', p.exploitationForms, []),
          vulnerabilities: cell('vulnerabilities', p.vulnerabilities, []),
          identifiedOn: cell('identifiedOn', p.date, null), referredTo: cell('referredTo', p.referral, null),
          repatriated: cell('repatriated', p.yesNo, null), cnicHash: cell('cnic', p.cnic, null),
        };
      case 'Defendants':
        return {
          row: rowNumber, key, ref: cell('ref', p.text40, null) ?? '', name: cell('name', p.text200, null),
          cnicHash: cell('cnic', p.cnic, null), sex: cell('sex', p.sex, 'unknown'), age: cell('age', p.age, null),
          nationality: cell('nationality', p.country, null), role: cell('role', p.role, null),
          custodyStatus: cell('custodyStatus', p.custodyStatus, null) ?? 'suspect',
          groupName: cell('groupName', p.text200, null),
        };
      case 'Prosecutions': {
        const row: ProsecutionRow = {
          row: rowNumber, key, defendantRef: cell('defendantRef', p.text40, null) ?? '',
          court: cell('court', p.text200, null), charges: cell('charges', p.lawSections, []),
          prosecutionDate: cell('prosecutionDate', p.date, null) ?? '',
          outcome: cell('outcome', p.outcome, null) ?? 'pending',
          outcomeDate: cell('outcomeDate', p.date, null),
          sentenceMonths: cell('sentenceMonths', p.sentenceMonths, null), finePkr: cell('finePkr', p.finePkr, null),
          appealStatus: cell('appealStatus', p.appealStatus, null) ?? 'none',
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

  private route(cell: CellReader, country: Parse<string | null>, district: Parse<{ code: string } | null>, problems: ImportError[], rowNumber: number): RoutePointRow[] {
    const point = (kind: RoutePointRow['kind'], countryField: string, districtField: string): RoutePointRow | null => {
      const d = cell(districtField, district, null);
      const k = cell(countryField, country, null) ?? (d ? 'PAK' : null);
      if (d && k !== 'PAK') problems.push(this.error('Cases', rowNumber, headerOf('Cases', districtField), 'IMPORT.DISTRICT_OUTSIDE_PAKISTAN', 'A district is given only for a place in Pakistan'));
      return k ? { kind, country: k, district: d?.code ?? null } : null;
    };
    const transit = cell('transit', this.transit, [] as RoutePointRow[]);
    const origin = point('origin', 'originCountry', 'originDistrict');
    const destination = point('destination', 'destinationCountry', 'destinationDistrict');
    const route = [...(origin ? [origin] : []), ...transit, ...(destination ? [destination] : [])];
    // cases travelling the same route share one array
    const signature = routeSignature(route);
    const known = this.routes.get(signature);
    if (known) return known;
    if (this.routes.size < MEMO_LIMIT) this.routes.set(signature, route);
    return route;
  }

  private readonly transit = memo((c: Cell): RoutePointRow[] => {
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
  });

  private store(kind: SheetKind, rowNumber: number, record: CaseRow | VictimRow | DefendantRow | ProsecutionRow): void {
    const entry = this.entry?.key === record.key ? this.entry : this.caseSeen(record.key);
    let first: number | undefined;
    if (kind === 'Cases') {
      if (entry.caseRow) first = entry.caseRow;
      else entry.caseRow = rowNumber;
    } else {
      const ref = 'ref' in record ? record.ref : (record as ProsecutionRow).defendantRef;
      // [ref, row, ref, row, …]: a case has a handful of each
      const refs = entry[kind] ?? (entry[kind] = []);
      for (let i = 0; i < refs.length && first === undefined; i += 2) if (refs[i] === ref) first = refs[i + 1] as number;
      if (first === undefined) refs.push(ref, rowNumber);
    }
    if (first !== undefined) {
      const what = kind === 'Cases' ? 'case (same district, police station, FIR number and year)' : kind === 'Prosecutions' ? 'prosecution of this defendant' : `${kind === 'Victims' ? 'Victim' : 'Defendant'} Ref in this case`;
      this.errors.push({ sheet: kind, row: rowNumber, column: kind === 'Cases' ? 'FIR No' : kind === 'Prosecutions' ? 'Defendant Ref' : headerOf(kind, 'ref'),
        code: kind === 'Cases' ? 'IMPORT.DUPLICATE_KEY' : 'IMPORT.DUPLICATE_REF', message: `The same ${what} is already on row ${first}` });
      return;
    }
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
    if (!entry.childSeen) {
      entry.childSeen = true;
      this.parsed.childKeys.set(record.key, { sheet: kind, row: rowNumber });
    }
  }
}
