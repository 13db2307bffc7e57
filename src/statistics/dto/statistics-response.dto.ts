import { ApiProperty } from '@nestjs/swagger';
import { ROUTE_LEG_KINDS, RouteLegKind } from 'src/statistics/counting-rules.sql';

export class PersonsAndCasesResponse {
  /** Persons (defendants). */
  persons!: number;
  /** Their distinct cases. */
  cases!: number;
}

/** Cases counted by status, every status present (0 when none). */
export class StatusCountsResponse {
  registered!: number;
  under_investigation!: number;
  challan_submitted!: number;
  under_trial!: number;
  convicted!: number;
  acquitted!: number;
  cancelled!: number;
  untraced!: number;
  transferred!: number;
  closed_other!: number;
}

/** The summary's figures for one jurisdiction. */
export class JurisdictionFiguresResponse {
  /** ISO 3166-2 code. */
  jurisdiction!: string;
  /** (a) cases whose FIR date falls in the period. */
  casesRegistered!: number;
  /** (c) cases under investigation at any time in the period. */
  casesInvestigated!: number;
  /** (d) defendants whose prosecution began in the period, and their distinct cases. */
  prosecutions!: PersonsAndCasesResponse;
  /** (e) persons convicted with a judgment date in the period, and their distinct cases. */
  convictions!: PersonsAndCasesResponse;
  /** Victims identified in the period (else by their case's FIR date). */
  victimsIdentified!: number;
  /** Defendants of the cases registered in the period. */
  suspects!: number;
}

/** The summary's figures for the cases of one reporting agency's units. */
export class AgencyFiguresResponse {
  /** `police`, `fia` or `other`. */
  agency!: string;
  casesRegistered!: number;
  casesInvestigated!: number;
  prosecutions!: PersonsAndCasesResponse;
  convictions!: PersonsAndCasesResponse;
  victimsIdentified!: number;
  suspects!: number;
}

/** A reporting unit and its months (`YYYY-MM`) in one reporting state. */
export class UnitMonthsResponse {
  reportingUnit!: string;
  months!: string[];
}

/**
 * Which months behind the figures are final: for each month of the period that has ended (in
 * Pakistan), each unit in the caller's scope and filters (a focal person's own unit; with a
 * reportingUnit or agency filter those units; with a jurisdiction filter the units covering it;
 * else every active unit) is listed under one state. Figures resting on provisional or missing
 * months may change.
 */
export class ReportingStatesResponse {
  /** Months approved by NPB: their figures are locked. */
  approved!: UnitMonthsResponse[];
  /** Months submitted (waiting for review), returned to the unit or re-opened: not yet approved. */
  provisional!: UnitMonthsResponse[];
  /** Months the unit has not submitted. */
  missing!: UnitMonthsResponse[];
}

export class PeriodResponse {
  from!: string;
  to!: string;
}

export class StatisticsSummaryResponse {
  period!: PeriodResponse;
  casesRegistered!: number;
  casesInvestigated!: number;
  prosecutions!: PersonsAndCasesResponse;
  convictions!: PersonsAndCasesResponse;
  victimsIdentified!: number;
  suspects!: number;
  /** (f) every case registered by `to`, by its status as at `to`. */
  statusAtEnd!: StatusCountsResponse;
  byJurisdiction!: JurisdictionFiguresResponse[];
  /** The same figures for each agency (police, FIA, other; all three, zeros included); they add up to the totals. */
  byAgency!: AgencyFiguresResponse[];
  /** Which units' months behind these figures are approved, provisional or missing. */
  reporting!: ReportingStatesResponse;
}

export class DemographicRowResponse {
  /** male, female, transgender or unknown. */
  sex!: string;
  /** child (< 18), adult or unknown. */
  ageGroup!: string;
  /** 0-11, 12-17, 18-25, 26-40, 41-60, 61+ or unknown. */
  ageBand!: string;
  /** ISO 3166-1 alpha-3; UNK when unknown. */
  nationality!: string;
  count!: number;
}

export class DemographicsResponse {
  rows!: DemographicRowResponse[];
  /** Which units' months behind these figures are approved, provisional or missing. */
  reporting!: ReportingStatesResponse;
}

export class TrendPointResponse {
  /** `2024-03` (month), `2024-Q1` (quarter) or `2024` (year). */
  period!: string;
  value!: number;
}

export class TrendSeriesResponse {
  /** The group's code (`all` without grouping). */
  key!: string;
  points!: TrendPointResponse[];
}

export class TrendsResponse {
  series!: TrendSeriesResponse[];
  /** Which units' months behind these figures are approved, provisional or missing. */
  reporting!: ReportingStatesResponse;
}

export class RouteFlowResponse {
  /** A country (ISO alpha-3), jurisdiction (ISO 3166-2) or district (P-code), by the level asked; `unknown` without one. */
  origin!: string;
  destination!: string;
  cases!: number;
  victims!: number;
}

export class RouteTransitResponse {
  /** A place at the level asked, as for flows. */
  place!: string;
  cases!: number;
}

/**
 * A leg of the routes' Sankey, in cases: `origin-transit` and `transit-destination` for a case
 * with transit points, once per distinct transit place (at the level asked) it passes;
 * `origin-destination` for a case without a transit point.
 */
export class RouteLegResponse {
  @ApiProperty({ enum: ROUTE_LEG_KINDS })
  leg!: RouteLegKind;
  /** The origin (`origin-…`) or the transit place (`transit-destination`); `unknown`: the route has no origin point. */
  from!: string;
  /** The transit place (`origin-transit`) or the destination (`…-destination`); `unknown`: the route has no destination point. */
  to!: string;
  cases!: number;
}

export class RoutesResponse {
  flows!: RouteFlowResponse[];
  transits!: RouteTransitResponse[];
  /** The Sankey's legs, most cases first (at most `limit`). */
  legs!: RouteLegResponse[];
  /** Which units' months behind these figures are approved, provisional or missing. */
  reporting!: ReportingStatesResponse;
}

export class JurisdictionStatusResponse {
  jurisdiction!: string;
  counts!: StatusCountsResponse;
  total!: number;
}

export class StatusResponse {
  /** The date the statuses are taken at (`to`). */
  asAt!: string;
  byJurisdiction!: JurisdictionStatusResponse[];
  total!: StatusCountsResponse;
  /** Which units' months behind these figures are approved, provisional or missing. */
  reporting!: ReportingStatesResponse;
}

export class MedianDaysResponse {
  /** Median days from the FIR to the challan; null without data. */
  firToChallan!: number | null;
  /** From the challan to the first judgment. */
  challanToJudgment!: number | null;
  /** From the FIR to the first judgment. */
  firToJudgment!: number | null;
}

export class AttritionResponse {
  registered!: number;
  investigationConcluded!: number;
  challanSubmitted!: number;
  prosecuted!: number;
  convicted!: number;
  acquitted!: number;
  cancelled!: number;
  untraced!: number;
  medianDays!: MedianDaysResponse;
  /** Which units' months behind these figures are approved, provisional or missing. */
  reporting!: ReportingStatesResponse;
}

export class VulnerabilityRowResponse {
  vulnerability!: string;
  sex!: string;
  ageGroup!: string;
  count!: number;
}

export class HotspotResponse {
  /** District P-code. */
  district!: string;
  districtName!: string;
  jurisdiction!: string;
  victims!: number;
}

export class VulnerabilitiesResponse {
  rows!: VulnerabilityRowResponse[];
  hotspots!: HotspotResponse[];
  /** Which units' months behind these figures are approved, provisional or missing. */
  reporting!: ReportingStatesResponse;
}

export class RepeatOffenderResponse {
  /** A pseudonym valid only within this answer (R1, R2, …). */
  offenderKey!: string;
  cases!: number;
  jurisdictions!: number;
  firstFirDate!: string;
  lastFirDate!: string;
}

export class RepeatOffendersResponse {
  offenders!: RepeatOffenderResponse[];
  /** Which units' months behind these figures are approved, provisional or missing. */
  reporting!: ReportingStatesResponse;
}
