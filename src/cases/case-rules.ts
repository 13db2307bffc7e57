import { FieldProblem } from 'src/common/errors/domain-error';
import { CaseFieldCodes } from 'src/common/errors/field-codes';
import { AppealStatus, CaseStatus, ProsecutionOutcome } from 'src/reference/code-lists';

/**
 * The rules of a case's life, shared by the API and the spreadsheet import: which status
 * changes are allowed and which combinations of status, dates and outcomes are consistent.
 * Pure functions: the callers gather the facts and report the problems.
 */

/** Statuses at which the police report has been filed, so the investigation is concluded. */
export const INVESTIGATION_CONCLUDED: ReadonlySet<CaseStatus> = new Set([
  'challan_submitted',
  'under_trial',
  'convicted',
  'acquitted',
  'cancelled',
  'untraced',
]);

const FORWARD_FROM_INVESTIGATION: CaseStatus[] = [
  'challan_submitted',
  'under_trial',
  'convicted',
  'acquitted',
  'cancelled',
  'untraced',
  'transferred',
  'closed_other',
];

/** Where each status may go. A case may jump several stages forward in one step. */
export const ALLOWED_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  registered: ['under_investigation', ...FORWARD_FROM_INVESTIGATION],
  under_investigation: FORWARD_FROM_INVESTIGATION,
  challan_submitted: ['under_trial', 'convicted', 'acquitted', 'transferred', 'closed_other'],
  under_trial: ['convicted', 'acquitted', 'transferred', 'closed_other'],
  // only on appeal (see transitionProblem)
  convicted: ['acquitted'],
  acquitted: ['convicted'],
  // re-opened after the magistrate refuses the cancellation
  cancelled: ['under_investigation'],
  // re-opened when the accused is traced, possibly straight to challan or trial
  untraced: ['under_investigation', 'challan_submitted', 'under_trial', 'convicted', 'acquitted'],
  transferred: [],
  closed_other: [],
};

export interface ProsecutionFacts {
  readonly label: string;
  readonly prosecutionDate: string;
  readonly outcome: ProsecutionOutcome;
  readonly outcomeDate: string | null;
  readonly appealStatus?: AppealStatus | null;
}

export interface CaseFacts {
  readonly firDate: string;
  readonly status: CaseStatus;
  readonly statusDate: string;
  readonly investigationConcludedOn: string | null;
  readonly prosecutions: readonly ProsecutionFacts[];
}

const standingConviction = (p: ProsecutionFacts) => p.outcome === 'convicted' && p.appealStatus !== 'overturned';

/**
 * Why `from → to` is not allowed, or null. Moving between `convicted` and `acquitted` needs
 * an appeal: a conviction overturned, or a conviction judged after the acquittal.
 */
export function transitionProblem(
  from: CaseStatus,
  to: CaseStatus,
  previousStatusDate: string,
  facts: CaseFacts,
): string | null {
  if (from === to) return null;
  if (!ALLOWED_TRANSITIONS[from].includes(to)) return `A case cannot move from ${from} to ${to}`;
  if (from === 'convicted' && to === 'acquitted' && !facts.prosecutions.some((p) => p.appealStatus === 'overturned')) {
    return 'A convicted case becomes acquitted only when a conviction is overturned on appeal';
  }
  if (
    from === 'acquitted' &&
    to === 'convicted' &&
    !facts.prosecutions.some(
      (p) => standingConviction(p) && p.outcomeDate !== null && p.outcomeDate > previousStatusDate,
    )
  ) {
    return 'An acquitted case becomes convicted only on appeal: a conviction judged after the acquittal';
  }
  return null;
}

/** The codes of consistencyProblems (the import reports each as its `IMPORT.` twin). */
export type CaseRuleCode =
  | typeof CaseFieldCodes.FUTURE_DATE
  | typeof CaseFieldCodes.DATE_ORDER
  | typeof CaseFieldCodes.CONCLUSION_REQUIRED
  | typeof CaseFieldCodes.OUTCOME_DATE_REQUIRED
  | typeof CaseFieldCodes.INCONSISTENT_STATUS;

/** Every inconsistency of a case's facts, each tied to the field to fix. */
export function consistencyProblems(facts: CaseFacts, today: string): Array<FieldProblem<CaseRuleCode>> {
  const problems: Array<FieldProblem<CaseRuleCode>> = [];
  const add = (field: string, code: CaseRuleCode, message: string) => problems.push({ field, code, message });
  const notFuture = (field: string, date: string | null) => {
    if (date && date > today) add(field, CaseFieldCodes.FUTURE_DATE, `${field} is in the future`);
  };

  notFuture('firDate', facts.firDate);
  notFuture('statusDate', facts.statusDate);
  notFuture('investigationConcludedOn', facts.investigationConcludedOn);
  if (facts.statusDate < facts.firDate)
    add('statusDate', CaseFieldCodes.DATE_ORDER, 'statusDate is before the FIR date');
  if (facts.investigationConcludedOn && facts.investigationConcludedOn < facts.firDate) {
    add('investigationConcludedOn', CaseFieldCodes.DATE_ORDER, 'investigationConcludedOn is before the FIR date');
  }
  if (INVESTIGATION_CONCLUDED.has(facts.status) && !facts.investigationConcludedOn) {
    add(
      'investigationConcludedOn',
      CaseFieldCodes.CONCLUSION_REQUIRED,
      `investigationConcludedOn is required once the status is ${facts.status}`,
    );
  }

  for (const p of facts.prosecutions) {
    notFuture(`${p.label}.prosecutionDate`, p.prosecutionDate);
    notFuture(`${p.label}.outcomeDate`, p.outcomeDate);
    if (p.prosecutionDate < facts.firDate)
      add(`${p.label}.prosecutionDate`, CaseFieldCodes.DATE_ORDER, 'the prosecution starts before the FIR date');
    if (facts.investigationConcludedOn && p.prosecutionDate < facts.investigationConcludedOn) {
      add(
        `${p.label}.prosecutionDate`,
        CaseFieldCodes.DATE_ORDER,
        'the prosecution starts before the investigation concluded',
      );
    }
    if (p.outcomeDate && p.outcomeDate < p.prosecutionDate) {
      add(`${p.label}.outcomeDate`, CaseFieldCodes.DATE_ORDER, 'the outcome is dated before the prosecution started');
    }
    if (p.outcome === 'convicted' && !p.outcomeDate)
      add(`${p.label}.outcomeDate`, CaseFieldCodes.OUTCOME_DATE_REQUIRED, 'a conviction needs its judgment date');
  }

  if (facts.status === 'convicted' && !facts.prosecutions.some(standingConviction)) {
    add('status', CaseFieldCodes.INCONSISTENT_STATUS, 'status convicted needs at least one convicted prosecution');
  }
  if (facts.status === 'acquitted') {
    if (facts.prosecutions.length === 0)
      add('status', CaseFieldCodes.INCONSISTENT_STATUS, 'status acquitted needs a prosecution');
    else if (facts.prosecutions.some(standingConviction)) {
      add('status', CaseFieldCodes.INCONSISTENT_STATUS, 'status acquitted conflicts with a standing conviction');
    }
  }
  return problems;
}
