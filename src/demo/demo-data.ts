import { RouteKind } from 'src/cases/route-point.entity';
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

/**
 * The demonstration data set as the generator makes it: plain values, stored fields by
 * their API names, districts by P-code. No ids: the loader gives them.
 */
export interface DemoDataSet {
  readonly seed: number;
  readonly cases: DemoCase[];
}

/** A district of the reference tables. */
export interface DemoDistrict {
  readonly code: string;
  readonly jurisdiction: string;
  readonly name: string;
}

export interface DemoRoutePoint {
  readonly kind: RouteKind;
  readonly country: string;
  readonly district: string | null;
  readonly place: string | null;
}

export interface DemoStatusEvent {
  readonly from: CaseStatus | null;
  readonly to: CaseStatus;
  readonly date: string;
}

export interface DemoVictim {
  readonly ref: string;
  readonly sex: Sex;
  readonly age: number | null;
  readonly ageEstimated: boolean;
  readonly nationality: string | null;
  readonly residenceDistrict: string | null;
  readonly residenceCountry: string | null;
  readonly exploitationForms: string[];
  readonly vulnerabilities: string[];
  readonly identifiedOn: string | null;
  readonly referredTo: Referral | null;
  readonly repatriated: boolean | null;
}

export interface DemoConviction {
  readonly judgmentDate: string;
  readonly sections: string[];
  readonly imprisonmentMonths: number | null;
  readonly finePkr: number | null;
  readonly appealStatus: AppealStatus;
}

export interface DemoProsecution {
  readonly court: string;
  readonly charges: string[];
  readonly prosecutionDate: string;
  readonly outcome: ProsecutionOutcome;
  readonly outcomeDate: string | null;
  readonly conviction: DemoConviction | null;
}

export interface DemoDefendant {
  readonly ref: string;
  readonly name: string | null;
  /** Synthetic (starts with 00000, which no real CNIC does); stored only as its keyed hash. */
  readonly cnic: string | null;
  readonly sex: Sex;
  readonly age: number | null;
  readonly nationality: string | null;
  readonly role: string | null;
  readonly custodyStatus: CustodyStatus;
  readonly groupName: string | null;
  readonly prosecution: DemoProsecution | null;
}

export interface DemoCase {
  readonly jurisdiction: string;
  readonly district: string;
  readonly policeStation: string;
  readonly reportingAgency: ReportingAgency;
  readonly firNumber: string;
  readonly firYear: number;
  readonly firDate: string;
  readonly offenceFamily: OffenceFamily;
  readonly lawSections: string[];
  readonly traffickingType: TraffickingType;
  readonly exploitationForms: string[];
  readonly route: DemoRoutePoint[];
  readonly status: CaseStatus;
  readonly statusDate: string;
  readonly investigationConcludedOn: string | null;
  readonly remarks: string;
  /** Oldest first: registered on the FIR date, then each change; the last is the current status. */
  readonly history: DemoStatusEvent[];
  readonly victims: DemoVictim[];
  readonly defendants: DemoDefendant[];
}
