/**
 * IOM's Human Trafficking Case Data Standard v2.0: the fields of the victim export, and how
 * each of our coded values becomes one of the standard's values. Fields the standard lacks
 * and the export needs carry the prefix `ext_` (never one of the standard's prefixes), so a
 * reader can tell them apart. A multiselect picklist is written as Salesforce writes it:
 * values joined by `;`.
 */
import { CaseStatus, ReportingAgency, Sex } from 'src/reference/code-lists';

/** The columns, in order: one row per victim. */
export const HTCDS_COLUMNS = [
  'ext_PseudonymousId',
  'ext_YearOfIdentification',
  'prs_Gender',
  'ext_AgeBand',
  'prs_Citizenship',
  'vic_TraffickingStatus',
  'vic_TraffickingStatusDecisionMakingOrg',
  'vic_TypeOfExploitation',
  'vic_ForcedLabourIndustry',
  'vic_MethodsOfControl',
  'hte_Country_Recruitment',
  'hte_Country_Transit',
  'hte_Country_Exploitation',
  'cas_Status',
  'cas_ReasonForCaseClosure',
  'ext_ProsecutionOutcome',
] as const;
export type HtcdsColumn = (typeof HTCDS_COLUMNS)[number];
export type HtcdsRow = Record<HtcdsColumn, string>;

/** `prs_Gender`. NADRA's "X" (khawaja sira) says neither direction, so transgender is NonConforming. */
export const GENDER: Record<Sex, string> = {
  male: 'Masculine',
  female: 'Feminine',
  transgender: 'NonConforming',
  unknown: 'NonSpecifiedUnknown',
};

/** What one of our exploitation forms says in the standard's three picklists. */
interface FormMapping {
  readonly type: string;
  readonly industry?: string;
  readonly control?: string;
}

/**
 * Exploitation forms → `vic_TypeOfExploitation` (and what they imply for
 * `vic_ForcedLabourIndustry`, `vic_MethodsOfControl`). The standard has no forced criminality:
 * it is `Other`, as is any form not in our list.
 */
export const EXPLOITATION: Readonly<Record<string, FormMapping>> = {
  sexual_exploitation: { type: 'SexualExploitation' },
  forced_labour: { type: 'ForcedLabour' },
  bonded_labour: { type: 'ForcedLabour', control: 'DebtBondage' },
  domestic_servitude: { type: 'Servitude', industry: 'T_ActivitiesOfHouseholdsAsEmployers' },
  forced_marriage: { type: 'ForcedMarriage' },
  forced_begging: { type: 'ForcedBegging' },
  child_labour: { type: 'ChildLabour' },
  forced_criminality: { type: 'Other' },
  organ_removal: { type: 'OrganRemoval' },
  armed_group_recruitment: { type: 'ForcedMilitaryByNonStateActors' },
  other: { type: 'Other' },
};

/** The three exploitation columns of a victim's forms (the victim's own, else the case's), each a sorted `;` list. */
export function exploitationColumns(
  forms: readonly string[],
): Pick<HtcdsRow, 'vic_TypeOfExploitation' | 'vic_ForcedLabourIndustry' | 'vic_MethodsOfControl'> {
  const mapped = forms.map((f) => EXPLOITATION[f] ?? EXPLOITATION.other);
  const list = (values: Array<string | undefined>) =>
    [...new Set(values.filter((v): v is string => v !== undefined))].sort().join(';');
  const industries = [...new Set(mapped.map((m) => m.industry).filter((v) => v !== undefined))];
  return {
    vic_TypeOfExploitation: list(mapped.map((m) => m.type)),
    // a picklist of one value: given only when the forms name a single industry
    vic_ForcedLabourIndustry: industries.length === 1 ? industries[0] : '',
    vic_MethodsOfControl: list(mapped.map((m) => m.control)),
  };
}

/** `cas_Status`: a case still before the police or a court is Active; a transferred one ClosedReferred. */
export const CASE_STATUS: Record<CaseStatus, string> = {
  registered: 'Active',
  under_investigation: 'Active',
  challan_submitted: 'Active',
  under_trial: 'Active',
  convicted: 'Closed',
  acquitted: 'Closed',
  cancelled: 'Closed',
  untraced: 'Closed',
  transferred: 'ClosedReferred',
  closed_other: 'Closed',
};

/** `cas_ReasonForCaseClosure` (free text in the standard): our status, in fixed words, for a closed case only. */
export const CLOSURE_REASON: Partial<Record<CaseStatus, string>> = {
  convicted: 'Convicted',
  acquitted: 'Acquitted',
  cancelled: 'Cancelled (case not made out)',
  untraced: 'Untraced (accused not found)',
  transferred: 'Transferred',
  closed_other: 'Closed (other)',
};

/**
 * `vic_TraffickingStatus` and its deciding organisation: a court's conviction makes the victim
 * an actual victim; until then a victim in a police or FIA case is a possible one.
 */
export function traffickingStatus(
  status: CaseStatus,
  agency: ReportingAgency,
): Pick<HtcdsRow, 'vic_TraffickingStatus' | 'vic_TraffickingStatusDecisionMakingOrg'> {
  if (status === 'convicted')
    return {
      vic_TraffickingStatus: 'ActualVictimOfTrafficking',
      vic_TraffickingStatusDecisionMakingOrg: 'CourtOrProsecution',
    };
  return {
    vic_TraffickingStatus: 'PossibleVictimOfTrafficking',
    vic_TraffickingStatusDecisionMakingOrg: agency === 'other' ? 'Other' : 'Police',
  };
}

/** `ext_ProsecutionOutcome`: the furthest outcome of the case's prosecutions (`none` without one). */
export const PROSECUTION_OUTCOMES = ['convicted', 'pending', 'acquitted', 'discharged', 'withdrawn', 'none'] as const;

export function prosecutionOutcome(outcomes: readonly string[]): string {
  return PROSECUTION_OUTCOMES.find((o) => outcomes.includes(o)) ?? 'none';
}

/**
 * ISO 3166-1 alpha-2 codes (as the standard's citizenship list and country fields take them)
 * that the standard's list lacks: written as not stated.
 */
const NOT_IN_STANDARD = new Set(['XK']);

export function country(alpha2: string | null): string {
  return alpha2 && !NOT_IN_STANDARD.has(alpha2) ? alpha2 : '';
}
