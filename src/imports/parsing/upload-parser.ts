import { ImportFieldCode, ImportFieldCodes } from 'src/common/errors/field-codes';
import {
  ColumnSpec,
  COLUMNS,
  headerOf,
  HeaderMatch,
  inferSheetKind,
  matchHeaders,
  SheetKind,
  SHEETS,
} from 'src/imports/columns';
import { ImportError } from 'src/imports/import-batch.entity';
import {
  caseKey,
  CaseRow,
  DefendantRow,
  ParsedUpload,
  ProsecutionRow,
  RoutePointRow,
  routeSignature,
  VictimRow,
} from 'src/imports/parsing/import-rows';
import { Cell, SheetRow } from 'src/imports/reading/sheet-rows';
import {
  cellParsers,
  CellParsers,
  memo,
  MEMO_LIMIT,
  NamedReporter,
  Parse,
  ParseContext,
} from 'src/imports/parsing/cell-parsers';
import * as read from 'src/imports/parsing/values';
import { CellProblem } from 'src/imports/parsing/values';
import { resolveCountry } from 'src/reference/countries';
import { nameKey } from 'src/reference/name-key';

export type { ParseContext } from 'src/imports/parsing/cell-parsers';

const SHEET_BY_KEY = new Map(SHEETS.map((s) => [nameKey(s), s]));
/** A sheet's header row is looked for among its first rows: a title and a blank row often come first. */
export const HEADER_SEARCH_ROWS = 10;

/** The columns of a row's case key: a problem in one of them leaves the row naming no case. */
const KEY_COLUMNS = new Set(['District', 'Police Station', 'FIR No', 'FIR Year', 'Jurisdiction']);
const UNIDENTIFIED =
  '; until this is corrected the row names no case, so it is not checked against other rows or the stored cases';

/** What the parser knows of one sheet of the file. */
interface SheetState {
  /** The sheet it is: null for a sheet the import does not read (Instructions, Summary…), or a CSV whose header row is not found yet. */
  kind: SheetKind | null;
  /** field → 0-based column, once the header row is found */
  columns: Record<string, number> | null;
  /** Whether its first rows are still looked through for the header row. */
  searching: boolean;
  rowsSeen: number;
  /** The row with the most recognised headers so far, for the report when no row has them all. */
  best: { row: number; kind: SheetKind; match: HeaderMatch; recognised: number } | null;
}

const SPECS = Object.fromEntries(SHEETS.map((s) => [s, new Map(COLUMNS[s].map((c) => [c.field, c]))])) as Record<
  SheetKind,
  Map<string, ColumnSpec>
>;

/** One case key as the file names it: its Cases row and the refs its other sheets gave, with their rows. */
interface CaseSeen {
  /** The key's one string, shared by every row that names the case. */
  readonly key: string;
  /** Row of the Cases sheet; 0 until one is read. */
  caseRow: number;
  /** A Defendants row of the case whose ref could not be read: a prosecution may name it. */
  unreadDefendant: boolean;
  Victims: Array<string | number> | null;
  Defendants: Array<string | number> | null;
  Prosecutions: Array<string | number> | null;
}
type CellReader = <T>(field: string, parse: Parse<T>, fallback: T) => T;

/**
 * Reads the rows of an upload into typed rows, reporting every cell problem with its
 * sheet, row and column — and never the cell's value. A row with problems is kept, marked
 * (see ParsedUpload), for the checks that need the whole upload; one whose case cannot be
 * identified is left out of them, and its problem says so.
 */
export class UploadParser {
  readonly errors: ImportError[] = [];
  /** The rows stored so far (complete once finish() is called). */
  readonly parsed: ParsedUpload = {
    cases: [],
    victims: [],
    defendants: [],
    prosecutions: [],
    unidentified: { Cases: new Set(), Victims: new Set(), Defendants: new Set(), Prosecutions: new Set() },
    unread: new Set(),
    unit: null,
    hasDefendant: (key, ref) => {
      const entry = this.byKey.get(key);
      if (!entry) return false;
      if (entry.unreadDefendant) return true;
      const refs = entry.Defendants ?? [];
      for (let i = 0; i < refs.length; i += 2) if (refs[i] === ref) return true;
      return false;
    },
  };
  /** Sheets read to their end: rows come sheet after sheet, so a sheet ends where the next begins. */
  readonly sheetsDone = new Set<SheetKind>();
  private readonly sheets = new Map<string, SheetState>();
  private currentSheet: string | null = null;
  private current: SheetState | null = null;
  /** What the file holds for each case key, looked up once per row. */
  private readonly byKey = new Map<string, CaseSeen>();
  /** The entry of the row being read. */
  private entry: CaseSeen | null = null;
  private readonly routes = new Map<string, RoutePointRow[]>();
  private readonly p: CellParsers;
  private readonly thisYear: number;
  rowsRead = 0;
  private dataRows = 0;

  // the row being read
  private kind: SheetKind = 'Cases';
  private specs: Map<string, ColumnSpec> = SPECS.Cases;
  private columns: Record<string, number> = {};
  private cells: Cell[] = [];
  private rowNumber = 0;
  private problems: ImportError[] = [];
  /** Headers of the columns at fault in the row being read; null while there are none. */
  private invalid: Set<string> | null = null;
  private readonly cell: CellReader;

  constructor(private readonly ctx: ParseContext) {
    this.p = cellParsers(ctx, (c) => this.jurisdiction(c));
    this.parsed.unit = ctx.scope?.code ?? null;
    this.cell = (field, parse, fallback) => this.readCell(field, parse, fallback);
    this.thisYear = Number(ctx.today.slice(0, 4));
  }

  /** Feeds one row; rows above a sheet's header row are passed over. */
  add(row: SheetRow): void {
    this.rowsRead++;
    if (row.sheet !== this.currentSheet) this.endSheet(row.sheet);
    const sheet = this.current!;
    if (!sheet.columns) {
      if (sheet.searching) this.lookForHeader(sheet, row);
      return;
    }
    this.dataRows++;
    this.kind = sheet.kind!;
    this.specs = SPECS[this.kind];
    this.columns = sheet.columns;
    this.cells = row.cells;
    this.rowNumber = row.rowNumber;
    this.problems = [];
    this.invalid = null;
    const record = this.readRecord(this.kind, row.rowNumber, this.cell);
    if (this.problems.length) this.errors.push(...this.problems);
    if (record?.key) {
      if (this.invalid) record.invalid = this.invalid;
      this.store(this.kind, row.rowNumber, record);
    }
  }

  private readCell<T>(field: string, parse: Parse<T>, fallback: T): T {
    const spec = this.specs.get(field)!;
    const index = this.columns[field];
    try {
      const value = parse(index === undefined ? null : (this.cells[index] ?? null));
      if (spec.required && (value === null || (typeof value === 'string' && value === ''))) {
        this.flag(spec.header, ImportFieldCodes.REQUIRED, `${spec.header} is required`);
        return fallback;
      }
      return value;
    } catch (e) {
      if (!(e instanceof CellProblem)) throw e;
      this.flag(spec.header, e.code, `${spec.header}: ${e.message}`);
      return fallback;
    }
  }

  /** A problem of the row being read, in the column with that header. */
  private flag(column: string, code: ImportFieldCode, message: string): void {
    this.problems.push({ sheet: this.kind, row: this.rowNumber, column, code, message });
    (this.invalid ??= new Set()).add(column);
  }

  /** Whether the file's Cases sheet has a row (read so far) for this case key. */
  isFileCase(key: string): boolean {
    return (this.byKey.get(key)?.caseRow ?? 0) > 0;
  }

  private endSheet(next: string | null): void {
    const ended = this.current;
    if (ended?.searching) this.noHeader(ended);
    if (ended?.columns) this.sheetsDone.add(ended.kind!);
    this.currentSheet = next;
    this.current = next === null ? null : (this.sheets.get(next) ?? this.openSheet(next));
  }

  private openSheet(name: string): SheetState {
    const kind = this.ctx.csv ? (this.ctx.csv.sheet ?? null) : (SHEET_BY_KEY.get(nameKey(name)) ?? null);
    const state: SheetState = {
      kind,
      columns: null,
      searching: kind !== null || !!this.ctx.csv,
      rowsSeen: 0,
      best: null,
    };
    this.sheets.set(name, state);
    return state;
  }

  /** The header row is the first of the sheet's first rows that has all its required columns. */
  private lookForHeader(sheet: SheetState, row: SheetRow): void {
    sheet.rowsSeen++;
    const kind = sheet.kind ?? inferSheetKind(row.cells);
    if (kind) {
      const match = matchHeaders(kind, row.cells);
      if (match.missing.length === 0) {
        Object.assign(sheet, { kind, columns: match.columns, searching: false, best: null });
        for (const header of match.duplicated) {
          this.errors.push({
            sheet: kind,
            row: row.rowNumber,
            column: header,
            code: ImportFieldCodes.DUPLICATE_COLUMN,
            message: `The ${kind} sheet has the ${header} column twice`,
          });
        }
        return;
      }
      const recognised = Object.keys(match.columns).length;
      if (!sheet.best || recognised > sheet.best.recognised)
        sheet.best = { row: row.rowNumber, kind, match, recognised };
    }
    if (sheet.rowsSeen === HEADER_SEARCH_ROWS) this.noHeader(sheet);
  }

  /** No header row among the sheet's first rows: reported against the row that came nearest, and the sheet is not read. */
  private noHeader(sheet: SheetState): void {
    sheet.searching = false;
    if (!sheet.best) {
      this.errors.push({
        sheet: '',
        row: 0,
        column: null,
        code: ImportFieldCodes.UNKNOWN_SHEET,
        message: 'Name the sheet of this CSV (form field "sheet") or give it the headers of one',
      });
      return;
    }
    const { kind, row, match } = sheet.best;
    this.parsed.unread.add(kind);
    for (const header of match.missing) {
      this.errors.push({
        sheet: kind,
        row,
        column: header,
        code: ImportFieldCodes.MISSING_COLUMN,
        message: `The ${kind} sheet has no ${header} column (looked for in its first ${HEADER_SEARCH_ROWS} rows)`,
      });
    }
  }

  /** Problems that concern the file as a whole; call once all rows are in. */
  finish(): ParsedUpload {
    this.endSheet(null);
    const present = [...this.sheets.values()].filter((s) => s.columns).map((s) => s.kind!);
    if (present.length === 0 && this.errors.length === 0) {
      this.errors.push({
        sheet: '',
        row: 0,
        column: null,
        code: ImportFieldCodes.NO_SHEETS,
        message: 'The file has none of the sheets Cases, Victims, Defendants, Prosecutions',
      });
    } else if (this.dataRows === 0 && this.errors.length === 0) {
      this.errors.push({
        sheet: present[0],
        row: 0,
        column: null,
        code: ImportFieldCodes.NO_ROWS,
        message: 'The file has headers but no rows to import',
      });
    }
    return this.parsed;
  }

  private caseSeen(key: string): CaseSeen {
    let entry = this.byKey.get(key);
    if (entry === undefined) {
      entry = { key, caseRow: 0, unreadDefendant: false, Victims: null, Defendants: null, Prosecutions: null };
      this.byKey.set(key, entry);
    }
    return entry;
  }

  private readRecord(
    kind: SheetKind,
    rowNumber: number,
    cell: CellReader,
  ): CaseRow | VictimRow | DefendantRow | ProsecutionRow | null {
    const key = this.readKey(kind, cell);
    if (!key) return null;
    switch (kind) {
      case 'Cases':
        return this.caseRecord(rowNumber, key, cell);
      case 'Victims':
        return victimRecord(rowNumber, key.key, cell, this.p);
      case 'Defendants':
        return defendantRecord(rowNumber, key.key, cell, this.p);
      case 'Prosecutions':
        return this.prosecutionRecord(rowNumber, key.key, cell);
    }
  }

  /** The case key every sheet's rows carry; null for a row of another jurisdiction than the uploader's (nothing else about it matters). */
  private readKey(kind: SheetKind, cell: CellReader): RowKey | null {
    const p = this.p;
    const caseDistrict = cell('district', p.district, null);
    const policeStation = cell('policeStation', p.text120, null);
    const firNumber = cell('firNumber', p.firNumber, null);
    const firYear = cell('firYear', p.firYear, null);
    let jurisdiction = caseDistrict?.jurisdiction ?? null;
    if (kind === 'Cases') {
      const named = cell('jurisdiction', p.jurisdiction, null);
      if (named) jurisdiction = named;
    }
    if (jurisdiction && this.ctx.scope && !this.ctx.scope.jurisdictions.includes(jurisdiction)) {
      // nor is a row naming its FIR No said to name an unknown case
      if (firNumber) this.parsed.unidentified[kind].add(firNumber);
      this.flag(
        kind === 'Cases' && caseDistrict?.jurisdiction === jurisdiction ? 'District' : 'Jurisdiction',
        ImportFieldCodes.OTHER_JURISDICTION,
        `The row belongs to ${jurisdiction}; you may upload ${this.ctx.scope.jurisdictions.join(', ')} only`,
      );
      return null;
    }
    if (caseDistrict && jurisdiction && caseDistrict.jurisdiction !== jurisdiction) {
      this.flag('District', ImportFieldCodes.DISTRICT_OUTSIDE_JURISDICTION, `The district is not in ${jurisdiction}`);
    }
    if (firYear !== null && (firYear < 1947 || firYear > this.thisYear))
      this.flag('FIR Year', ImportFieldCodes.INVALID_YEAR, 'FIR Year is not a plausible year');
    const policeStationKey = policeStation === null ? '' : p.policeStationKey(policeStation);
    this.entry =
      !this.invalid && caseDistrict && policeStation && firNumber && firYear !== null && jurisdiction
        ? this.caseSeen(caseKey(jurisdiction, caseDistrict.code, policeStationKey, firNumber, firYear))
        : null;
    const key = this.entry?.key ?? '';
    if (!key) {
      // only the key's problems are in so far
      for (const problem of this.problems) if (KEY_COLUMNS.has(problem.column!)) problem.message += UNIDENTIFIED;
      if (firNumber) this.parsed.unidentified[kind].add(firNumber);
    }
    return {
      key,
      jurisdiction,
      district: caseDistrict?.code ?? null,
      policeStation,
      policeStationKey,
      firNumber,
      firYear,
    };
  }

  /**
   * The row's reporting unit, as its Reporting Agency cell names it (a unit by code or name, or
   * an agency). A focal person's rows are their own unit's: a row naming another unit, or an
   * agency not their unit's, is refused. In a national upload a named unit takes the row if it
   * covers the row's jurisdiction; an agency means the FIA for fia, else the police of the
   * row's jurisdiction.
   */
  private reportingUnit(k: RowKey, named: NamedReporter | null): Pick<CaseRow, 'reportingUnit' | 'reportingAgency'> {
    const own = this.ctx.scope;
    if (own) {
      if (named && 'unit' in named && named.unit.code !== own.code)
        this.flag(
          'Reporting Agency',
          ImportFieldCodes.OTHER_UNIT,
          `The row names reporting unit ${named.unit.code}; you upload the cases of ${own.code} only`,
        );
      else if (named && 'agency' in named && named.agency !== own.agency)
        this.flag(
          'Reporting Agency',
          ImportFieldCodes.OTHER_UNIT,
          `The row names agency ${named.agency}; you upload the cases of ${own.code} (${own.agency}) only`,
        );
      return { reportingUnit: own.code, reportingAgency: own.agency };
    }
    const agency = named && 'agency' in named ? named.agency : null;
    const unit =
      named && 'unit' in named
        ? named.unit
        : agency === 'fia'
          ? this.ctx.units.find((u) => u.code === 'FIA')
          : agency !== 'other' && k.jurisdiction
            ? this.ctx.units.find((u) => u.code === this.ctx.policeUnits.get(k.jurisdiction!))
            : undefined;
    if (!unit) {
      this.flag(
        'Reporting Agency',
        ImportFieldCodes.OTHER_UNIT,
        'No reporting unit takes this row: name the unit (its code or name), or the agency FIA or Police (the police of the jurisdiction)',
      );
      return { reportingUnit: '', reportingAgency: agency ?? 'police' };
    }
    if (k.jurisdiction && !unit.jurisdictions.includes(k.jurisdiction))
      this.flag(
        'Reporting Agency',
        ImportFieldCodes.OTHER_JURISDICTION,
        `The row belongs to ${k.jurisdiction}; reporting unit ${unit.code} registers cases in ${unit.jurisdictions.join(', ')} only`,
      );
    return { reportingUnit: unit.code, reportingAgency: unit.agency };
  }

  private caseRecord(rowNumber: number, k: RowKey, cell: CellReader): CaseRow {
    const p = this.p;
    const firDate = cell('firDate', p.date, null);
    if (firDate && k.firYear !== null && Number(firDate.slice(0, 4)) !== k.firYear) {
      this.flag('FIR Year', ImportFieldCodes.FIR_YEAR_MISMATCH, 'FIR Year is not the year of the FIR Date');
    }
    const route = this.route(cell, p.country, p.district);
    const status = cell('status', p.caseStatus, null);
    const row: CaseRow = {
      row: rowNumber,
      key: k.key,
      jurisdiction: k.jurisdiction ?? '',
      district: k.district ?? '',
      policeStation: k.policeStation ?? '',
      policeStationKey: k.policeStationKey,
      firNumber: k.firNumber ?? '',
      firYear: k.firYear ?? 0,
      firDate: firDate ?? '',
      ...this.reportingUnit(k, cell('reportingAgency', p.reporter, null)),
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
      this.flag(
        'Status Date',
        ImportFieldCodes.REQUIRED,
        'Status Date is required once the case is past investigation',
      );
    }
    return row;
  }

  private prosecutionRecord(rowNumber: number, key: string, cell: CellReader): ProsecutionRow {
    const p = this.p;
    const row: ProsecutionRow = {
      row: rowNumber,
      key,
      defendantRef: cell('defendantRef', p.text40, null) ?? '',
      court: cell('court', p.text200, null),
      charges: cell('charges', p.lawSections, []),
      prosecutionDate: cell('prosecutionDate', p.date, null) ?? '',
      outcome: cell('outcome', p.outcome, null) ?? 'pending',
      outcomeDate: cell('outcomeDate', p.date, null),
      sentenceMonths: cell('sentenceMonths', p.sentenceMonths, null),
      finePkr: cell('finePkr', p.finePkr, null),
      appealStatus: cell('appealStatus', p.appealStatus, null) ?? 'none',
    };
    if (row.outcome === 'convicted' && !row.outcomeDate) {
      this.flag(
        'Outcome Date',
        ImportFieldCodes.OUTCOME_DATE_REQUIRED,
        'A conviction needs its Outcome Date (the judgment date)',
      );
    } else if (row.outcome === 'pending' && row.outcomeDate) {
      this.flag('Outcome Date', ImportFieldCodes.DATE_ORDER, 'A pending prosecution has no Outcome Date');
    } else if (row.outcome !== 'pending' && row.outcome !== 'withdrawn' && !row.outcomeDate) {
      this.flag('Outcome Date', ImportFieldCodes.OUTCOME_DATE_REQUIRED, 'A decided prosecution needs its Outcome Date');
    }
    if (row.outcomeDate && row.prosecutionDate && row.outcomeDate < row.prosecutionDate) {
      this.flag('Outcome Date', ImportFieldCodes.DATE_ORDER, 'The Outcome Date is before the Prosecution Date');
    }
    return row;
  }

  private jurisdiction(c: Cell): string | null {
    const value = read.text(c);
    if (value === null) return null;
    const key = nameKey(value);
    const found = this.ctx.jurisdictions.find(
      (j) => nameKey(j.code) === key || nameKey(j.name) === key || nameKey(j.code.slice(3)) === key,
    );
    if (!found)
      throw new CellProblem(
        ImportFieldCodes.UNKNOWN_CODE,
        'not a known jurisdiction (ISO code such as PK-PB, or name)',
      );
    return found.code;
  }

  private route(
    cell: CellReader,
    country: Parse<string | null>,
    district: Parse<{ code: string } | null>,
  ): RoutePointRow[] {
    const point = (kind: RoutePointRow['kind'], countryField: string, districtField: string): RoutePointRow | null => {
      const d = cell(districtField, district, null);
      const k = cell(countryField, country, null) ?? (d ? 'PAK' : null);
      if (d && k !== 'PAK')
        this.flag(
          headerOf('Cases', districtField),
          ImportFieldCodes.DISTRICT_OUTSIDE_PAKISTAN,
          'A district is given only for a place in Pakistan',
        );
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
    return value
      .split(';')
      .map((p) => p.trim())
      .filter(Boolean)
      .map((part): RoutePointRow => {
        const [countryText, districtText] = part.split('/').map((x) => x.trim());
        const k = resolveCountry(countryText);
        if (!k)
          throw new CellProblem(ImportFieldCodes.UNKNOWN_COUNTRY, 'each transit point is Country or Country/District');
        const d = districtText ? this.ctx.districts.find(districtText) : null;
        if (districtText && (!d || k !== 'PAK'))
          throw new CellProblem(ImportFieldCodes.UNKNOWN_DISTRICT, 'a transit district must be a district of Pakistan');
        return { kind: 'transit', country: k, district: d?.code ?? null };
      });
  });

  /** Keeps a row of an identified case, unless it repeats a row already read. */
  private store(kind: SheetKind, rowNumber: number, record: CaseRow | VictimRow | DefendantRow | ProsecutionRow): void {
    const entry = this.entry!;
    let first: number | undefined;
    if (kind === 'Cases') {
      if (entry.caseRow) first = entry.caseRow;
      else entry.caseRow = rowNumber;
    } else {
      const ref = 'ref' in record ? record.ref : (record as ProsecutionRow).defendantRef;
      if (ref === '') {
        // its ref could not be read: nothing to compare with other rows
        if (kind === 'Defendants') entry.unreadDefendant = true;
      } else {
        // [ref, row, ref, row, …]: a case has a handful of each
        const refs = entry[kind] ?? (entry[kind] = []);
        for (let i = 0; i < refs.length && first === undefined; i += 2)
          if (refs[i] === ref) first = refs[i + 1] as number;
        if (first === undefined) refs.push(ref, rowNumber);
      }
    }
    if (first !== undefined) {
      const what =
        kind === 'Cases'
          ? 'case (same district, police station, FIR number and year)'
          : kind === 'Prosecutions'
            ? 'prosecution of this defendant'
            : `${kind === 'Victims' ? 'Victim' : 'Defendant'} Ref in this case`;
      this.errors.push({
        sheet: kind,
        row: rowNumber,
        column: kind === 'Cases' ? 'FIR No' : kind === 'Prosecutions' ? 'Defendant Ref' : headerOf(kind, 'ref'),
        code: kind === 'Cases' ? ImportFieldCodes.DUPLICATE_KEY : ImportFieldCodes.DUPLICATE_REF,
        message: `The same ${what} is already on row ${first}`,
      });
      return;
    }
    switch (kind) {
      case 'Cases':
        this.parsed.cases.push(record as CaseRow);
        break;
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
  }
}

/** A row's case key as read: `key` is empty when the row names no case (a key cell has a problem). */
interface RowKey {
  readonly key: string;
  readonly jurisdiction: string | null;
  readonly district: string | null;
  readonly policeStation: string | null;
  readonly policeStationKey: string;
  readonly firNumber: string | null;
  readonly firYear: number | null;
}

function victimRecord(rowNumber: number, key: string, cell: CellReader, p: CellParsers): VictimRow {
  return {
    row: rowNumber,
    key,
    ref: cell('ref', p.text40, null) ?? '',
    sex: cell('sex', p.sex, 'unknown'),
    age: cell('age', p.age, null),
    ageEstimated: cell('ageEstimated', p.yesNo, null) ?? false,
    nationality: cell('nationality', p.country, null),
    residenceDistrict: cell('residenceDistrict', p.district, null)?.code ?? null,
    residenceCountry: cell('residenceCountry', p.country, null),
    exploitationForms: cell('exploitationForms', p.exploitationForms, []),
    vulnerabilities: cell('vulnerabilities', p.vulnerabilities, []),
    identifiedOn: cell('identifiedOn', p.date, null),
    referredTo: cell('referredTo', p.referral, null),
    repatriated: cell('repatriated', p.yesNo, null),
    cnicHash: cell('cnic', p.cnic, null),
  };
}

function defendantRecord(rowNumber: number, key: string, cell: CellReader, p: CellParsers): DefendantRow {
  return {
    row: rowNumber,
    key,
    ref: cell('ref', p.text40, null) ?? '',
    name: cell('name', p.text200, null),
    cnicHash: cell('cnic', p.cnic, null),
    sex: cell('sex', p.sex, 'unknown'),
    age: cell('age', p.age, null),
    nationality: cell('nationality', p.country, null),
    role: cell('role', p.role, null),
    custodyStatus: cell('custodyStatus', p.custodyStatus, null) ?? 'suspect',
    groupName: cell('groupName', p.text200, null),
  };
}
