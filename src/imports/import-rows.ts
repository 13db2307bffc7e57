import {
  AppealStatus, CaseStatus, CustodyStatus, OffenceFamily, ProsecutionOutcome, Referral, ReportingAgency, Sex, TraffickingType,
} from 'src/reference/code-lists';

/** The typed rows an upload becomes once every cell has been read. */
export interface RoutePointRow {
  kind: 'origin' | 'transit' | 'destination';
  country: string;
  district: string | null;
}

export interface CaseRow {
  row: number;
  key: string;
  jurisdiction: string;
  district: string;
  policeStation: string;
  policeStationKey: string;
  firNumber: string;
  firYear: number;
  firDate: string;
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

export interface VictimRow {
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

export interface DefendantRow {
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

export interface ProsecutionRow {
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
  /** Child rows' case keys with the row that first named each (for "case not found"). */
  childKeys: Map<string, { sheet: string; row: number }>;
  /** Keys of case rows and `key|ref` of defendant rows that had errors: their children are not reported again. */
  failed: Set<string>;
  /** Whether the file's Defendants sheet has this ref in this case. */
  hasDefendant(key: string, ref: string): boolean;
}

/** A route as one comparable string: `kind:country:district` per point, `;` between points. */
export function routeSignature(route: readonly RoutePointRow[]): string {
  return route.map((p) => `${p.kind}:${p.country}:${p.district ?? ''}`).join(';');
}

/** A case's natural key as one string: jurisdiction, district, police station key, FIR number, FIR year. */
export function caseKey(jurisdiction: string, district: string, policeStationKey: string, firNumber: string, firYear: number): string {
  return [jurisdiction, district, policeStationKey, firNumber, firYear].join('|');
}

/**
 * The parts of a caseKey. Codes, the police station key (letters and digits only) and the
 * year hold no `|`; the FIR number is free text and may, so it is everything in between.
 */
export function splitCaseKey(key: string): { jurisdiction: string; district: string; policeStationKey: string; firNumber: string; firYear: number } {
  const parts = key.split('|');
  return {
    jurisdiction: parts[0], district: parts[1], policeStationKey: parts[2], firNumber: parts.slice(3, -1).join('|'), firYear: Number(parts[parts.length - 1]),
  };
}
