import { SheetKind } from 'src/imports/columns';
import {
  AppealStatus,
  CaseStatus,
  CustodyStatus,
  OffenceFamily,
  ProsecutionOutcome,
  Referral,
  ReportingAgency,
  Sex,
  TraffickingType,
} from 'src/reference/code-lists';

/** The typed rows an upload becomes once every cell has been read. */
export interface RoutePointRow {
  kind: 'origin' | 'transit' | 'destination';
  country: string;
  district: string | null;
}

/**
 * A row with problems is kept for the checks that need other rows or the stored cases (and
 * is never written): `invalid` names the columns whose values could not be read or are
 * wrong, so that only the checks depending on them are left out.
 */
interface Checked {
  invalid?: ReadonlySet<string>;
}

export interface CaseRow extends Checked {
  row: number;
  key: string;
  jurisdiction: string;
  district: string;
  policeStation: string;
  policeStationKey: string;
  firNumber: string;
  firYear: number;
  firDate: string;
  /** The reporting unit the case belongs to (a stored case keeps its own: a row of another unit's case is refused). */
  reportingUnit: string;
  reportingAgency: ReportingAgency;
  offenceFamily: OffenceFamily;
  lawSections: string[];
  traffickingType: TraffickingType | null;
  exploitationForms: string[];
  route: RoutePointRow[];
  status: CaseStatus;
  statusDate: string | null;
  investigationConcludedOn: string | null;
  remarks: string | null;
}

export interface VictimRow extends Checked {
  row: number;
  key: string;
  ref: string;
  sex: Sex;
  age: number | null;
  ageEstimated: boolean;
  nationality: string | null;
  residenceDistrict: string | null;
  residenceCountry: string | null;
  exploitationForms: string[];
  vulnerabilities: string[];
  identifiedOn: string | null;
  referredTo: Referral | null;
  repatriated: boolean | null;
  cnicHash: string | null;
}

export interface DefendantRow extends Checked {
  row: number;
  key: string;
  ref: string;
  name: string | null;
  cnicHash: string | null;
  sex: Sex;
  age: number | null;
  nationality: string | null;
  role: string | null;
  custodyStatus: CustodyStatus;
  groupName: string | null;
}

export interface ProsecutionRow extends Checked {
  row: number;
  key: string;
  defendantRef: string;
  court: string | null;
  charges: string[];
  prosecutionDate: string;
  outcome: ProsecutionOutcome;
  outcomeDate: string | null;
  sentenceMonths: number | null;
  finePkr: number | null;
  appealStatus: AppealStatus;
}

export interface ParsedUpload {
  cases: CaseRow[];
  victims: VictimRow[];
  defendants: DefendantRow[];
  prosecutions: ProsecutionRow[];
  /**
   * FIR numbers of the rows of each sheet whose case could not be identified (a key cell
   * with a problem): a row that names a case or defendant with one of them may name that
   * row, so it is not reported as naming one that does not exist.
   */
  unidentified: Record<SheetKind, Set<string>>;
  /** Sheets of the file whose header row was not found: nothing that depends on their rows is checked. */
  unread: Set<SheetKind>;
  /** The uploader's reporting unit (every row's); null for a national upload, whose Cases rows each name theirs. */
  unit: string | null;
  /** Whether the file's Defendants sheet has this ref in this case (or a row of the case whose ref could not be read). */
  hasDefendant(key: string, ref: string): boolean;
}

/** A route as one comparable string: `kind:country:district` per point, `;` between points. */
export function routeSignature(route: readonly RoutePointRow[]): string {
  return route.map((p) => `${p.kind}:${p.country}:${p.district ?? ''}`).join(';');
}

/** A case's natural key as one string: jurisdiction, district, police station key, FIR number, FIR year. */
export function caseKey(
  jurisdiction: string,
  district: string,
  policeStationKey: string,
  firNumber: string,
  firYear: number,
): string {
  return [jurisdiction, district, policeStationKey, firNumber, firYear].join('|');
}

/**
 * The parts of a caseKey. Codes, the police station key (letters and digits only) and the
 * year hold no `|`; the FIR number is free text and may, so it is everything in between.
 */
export function splitCaseKey(key: string): {
  jurisdiction: string;
  district: string;
  policeStationKey: string;
  firNumber: string;
  firYear: number;
} {
  const parts = key.split('|');
  return {
    jurisdiction: parts[0],
    district: parts[1],
    policeStationKey: parts[2],
    firNumber: parts.slice(3, -1).join('|'),
    firYear: Number(parts[parts.length - 1]),
  };
}
