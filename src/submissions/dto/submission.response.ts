import { PlausibilityWarning, Submission } from 'src/submissions/submission.entity';
import { SubmissionEvent } from 'src/submissions/submission-event.entity';

export class PlausibilityWarningResponse implements PlausibilityWarning {
  /** REGISTERED_OUTLIER, SILENT_MONTH, CONVICTED_WITHOUT_PROSECUTION, UNKNOWN_AGES, UNKNOWN_NATIONALITIES, PROSECUTION_YEARS_AFTER_FIR, POSSIBLE_DUPLICATE */
  code!: string;
  message!: string;
  count!: number;
  /** The cases concerned (at most 50). */
  caseIds!: string[];
}

export class SubmissionResponse {
  id!: string;
  reportingUnit!: string;
  /** `YYYY-MM` */
  month!: string;
  /** submitted, returned, approved or reopened */
  status!: string;
  nilReturn!: boolean;
  note!: string | null;
  checks!: PlausibilityWarningResponse[];
  firstSubmittedAt!: string;
  submittedAt!: string;
  /** The month was first submitted after its deadline. */
  late!: boolean;
  /** The last moment the month was due (the deadline day's end, Pakistan time). */
  deadline!: string;
  reviewedAt!: string | null;
  /** The reviewer's comment or the re-opening's reason. */
  comment!: string | null;
}

export class SubmissionStepResponse {
  /** submit, approve, return or reopen */
  action!: string;
  /** Who took the step (e-mail). */
  by!: string | null;
  at!: string;
  comment!: string | null;
  nilReturn!: boolean | null;
  warnings!: number | null;
  late!: boolean | null;
}

export class MonthFigureResponse {
  /** `YYYY-MM` */
  month!: string;
  value!: number;
}

export class SubmissionFiguresResponse {
  /** casesRegistered, casesInvestigated, prosecutions, convictions, victims */
  metric!: string;
  /** The month and the 12 before it. */
  months!: MonthFigureResponse[];
}

export class SubmissionDetailResponse extends SubmissionResponse {
  steps!: SubmissionStepResponse[];
  /** The unit's figures of the month against the 12 months before. */
  figures!: SubmissionFiguresResponse[];
}

export class CompletenessCellResponse {
  /** `YYYY-MM` */
  month!: string;
  /**
   * missing (deadline passed, nothing submitted), not_due (nothing submitted, deadline not yet
   * passed), submitted, returned, approved or reopened
   */
  status!: string;
  late!: boolean;
  nilReturn!: boolean;
}

export class ReportingRateResponse {
  /** Months due (deadline passed) or already submitted. */
  expected!: number;
  /** Months submitted or approved (a nil return counts). */
  reported!: number;
  /** Of those, first submitted by the deadline. */
  onTime!: number;
  /** reported / expected; null when nothing is expected. */
  reportingRate!: number | null;
  /** onTime / expected; null when nothing is expected. */
  onTimeRate!: number | null;
}

export class CompletenessUnitResponse extends ReportingRateResponse {
  reportingUnit!: string;
  name!: string;
  agency!: string;
  months!: CompletenessCellResponse[];
}

export class CompletenessResponse {
  months!: string[];
  units!: CompletenessUnitResponse[];
  national!: ReportingRateResponse;
}

export function toSubmissionResponse(s: Submission, deadline: Date): SubmissionResponse {
  return {
    id: s.id,
    reportingUnit: s.reportingUnitCode,
    month: s.month.slice(0, 7),
    status: s.status,
    nilReturn: s.nilReturn,
    note: s.note,
    checks: s.checks,
    firstSubmittedAt: s.firstSubmittedAt.toISOString(),
    submittedAt: s.submittedAt.toISOString(),
    late: s.late,
    deadline: deadline.toISOString(),
    reviewedAt: s.reviewedAt?.toISOString() ?? null,
    comment: s.comment,
  };
}

export function toStepResponse(e: SubmissionEvent): SubmissionStepResponse {
  return {
    action: e.action,
    by: e.actorEmail,
    at: e.at.toISOString(),
    comment: e.comment,
    nilReturn: e.nilReturn,
    warnings: e.warnings,
    late: e.late,
  };
}
