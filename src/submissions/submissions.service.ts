import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from 'src/audit/audit.service';
import { AuthUser, nationalReader, scopeOf } from 'src/auth/auth-user';
import { todayInPakistan } from 'src/common/dto/iso-date';
import { DomainError } from 'src/common/errors/domain-error';
import { AuthErrors, SubmissionErrors } from 'src/common/errors/error-codes';
import { AppConfig } from 'src/config/app-config';
import { APP_CONFIG } from 'src/config/config.module';
import { Transactions } from 'src/database/transactions';
import { ReportingUnitsRepository } from 'src/reporting-units/reporting-units.repository';
import { TrendMetric, TrendsQueryDto } from 'src/statistics/dto/statistics-query.dto';
import { StatisticsService } from 'src/statistics/statistics.service';
import {
  CompletenessQuery,
  ReopenDto,
  ReturnDto,
  ReviewDto,
  SubmissionListQuery,
  SubmitMonthDto,
} from 'src/submissions/dto/submission.dto';
import {
  CompletenessResponse,
  ReportingRateResponse,
  SubmissionDetailResponse,
  SubmissionResponse,
  toStepResponse,
  toSubmissionResponse,
} from 'src/submissions/dto/submission.response';
import { holdMonthsForChange } from 'src/submissions/month-locks';
import { plausibilityWarnings } from 'src/submissions/plausibility-checks';
import { SubmissionAction } from 'src/submissions/submission-event.entity';
import { addMonths, deadlineOf, monthsBetween, monthSpan } from 'src/submissions/submission-months';
import { Submission } from 'src/submissions/submission.entity';
import { SubmissionsRepository } from 'src/submissions/submissions.repository';

/** The whole country, as the statistics see it: a reviewer compares a unit's months. */
/** A submission's figures against the months before are the unit's, read nationally. */
const NATIONAL = nationalReader('submission-review');
const FIGURES: TrendMetric[] = ['casesRegistered', 'casesInvestigated', 'prosecutions', 'convictions', 'victims'];

/**
 * The monthly reporting cycle. A focal person submits their unit's month (with its plausibility
 * checks, warnings only); an analyst approves it or returns it with a comment; an administrator
 * re-opens an approved month with a reason. Each step is kept with who, when and why, and audited.
 */
@Injectable()
export class SubmissionsService {
  constructor(
    private readonly submissions: SubmissionsRepository,
    private readonly units: ReportingUnitsRepository,
    private readonly statistics: StatisticsService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  deadline(month: string): Date {
    return deadlineOf(month, this.config.submissions.deadlineDay);
  }

  response(s: Submission): SubmissionResponse {
    return toSubmissionResponse(s, this.deadline(s.month.slice(0, 7)));
  }

  async submit(user: AuthUser, dto: SubmitMonthDto, now = new Date()): Promise<Submission> {
    const unit = scopeOf(user);
    if (!unit) throw new DomainError(SubmissionErrors.NO_UNIT, 'Only a focal person submits a month, for their unit');
    const span = monthSpan(dto.month);
    if (span.to >= todayInPakistan(now))
      throw new DomainError(SubmissionErrors.MONTH_NOT_ENDED, 'A month is submitted once it has ended');
    return this.transactions.run(async (manager) => {
      const existing = await this.submissions.lockMonth(unit.code, span.from, manager);
      if (existing?.status === 'approved')
        throw new DomainError(
          SubmissionErrors.ALREADY_APPROVED,
          'The month is approved; an administrator re-opens it first',
        );
      const nilReturn = dto.nilReturn ?? false;
      if (nilReturn) {
        const cases = await this.submissions.registeredIn(unit.code, span.from, span.to, manager);
        if (cases)
          throw new DomainError(SubmissionErrors.NIL_RETURN_WITH_CASES, 'The unit has cases registered in the month', {
            cases,
          });
      }
      const checks = await plausibilityWarnings(manager, unit.code, span, this.config.submissions);
      const late = now > this.deadline(dto.month);
      const submission =
        existing ?? this.submissions.create({ reportingUnitCode: unit.code, month: span.from }, manager);
      Object.assign(submission, {
        status: 'submitted',
        nilReturn,
        note: dto.note ?? null,
        checks,
        firstSubmittedAt: existing?.firstSubmittedAt ?? now,
        late: existing?.late ?? late,
        submittedAt: now,
        submittedBy: user.id,
        reviewedAt: null,
        reviewedBy: null,
        comment: null,
      });
      await this.submissions.save(submission, manager);
      await this.step(submission, 'submit', user, manager, {
        comment: dto.note ?? null,
        nilReturn,
        warnings: checks.length,
        late,
      });
      return submission;
    });
  }

  async approve(user: AuthUser, id: string, dto: ReviewDto): Promise<Submission> {
    return this.review(user, id, 'approve', dto.comment ?? null);
  }

  async return(user: AuthUser, id: string, dto: ReturnDto): Promise<Submission> {
    return this.review(user, id, 'return', dto.comment);
  }

  async reopen(user: AuthUser, id: string, dto: ReopenDto): Promise<Submission> {
    return this.transactions.run(async (manager) => {
      const submission = await this.submissions.find(id, null, manager);
      if (!submission) throw new DomainError(SubmissionErrors.NOT_FOUND, 'No such submission');
      if (submission.status !== 'approved')
        throw new DomainError(SubmissionErrors.NOT_APPROVED, 'Only an approved month is re-opened');
      Object.assign(submission, { status: 'reopened', comment: dto.reason });
      await this.submissions.save(submission, manager);
      await this.step(submission, 'reopen', user, manager, { comment: dto.reason });
      return submission;
    });
  }

  async list(user: AuthUser, q: SubmissionListQuery): Promise<Submission[]> {
    const own = scopeOf(user);
    if (own && q.reportingUnit && q.reportingUnit !== own.code)
      throw new DomainError(AuthErrors.UNIT_FORBIDDEN, 'You may only see your own reporting unit');
    return this.submissions.list({
      unit: own?.code ?? q.reportingUnit,
      from: q.from && `${q.from}-01`,
      to: q.to && `${q.to}-01`,
      status: q.status,
    });
  }

  async get(user: AuthUser, id: string): Promise<SubmissionDetailResponse> {
    const submission = await this.submissions.find(id, scopeOf(user)?.code ?? null);
    if (!submission) throw new DomainError(SubmissionErrors.NOT_FOUND, 'No such submission');
    const month = submission.month.slice(0, 7);
    const from = `${addMonths(month, -12)}-01`;
    const to = monthSpan(month).to;
    const figures = await Promise.all(
      FIGURES.map(async (metric) => {
        const q = Object.assign(new TrendsQueryDto(), {
          from,
          to,
          metric,
          interval: 'month',
          groupBy: 'none',
          offenceFamily: 'all',
          reportingUnit: submission.reportingUnitCode,
        });
        const [series] = (await this.statistics.trends(NATIONAL, q)).series;
        return { metric, months: (series?.points ?? []).map((p) => ({ month: p.period, value: p.value })) };
      }),
    );
    return {
      ...this.response(submission),
      steps: (await this.submissions.steps(submission.id)).map(toStepResponse),
      figures,
    };
  }

  /**
   * Units × months: each month's state, and per unit and nationally the reporting rates. A
   * month is expected once its deadline has passed (or once submitted; before, it is `not_due`,
   * not `missing`); it is reported while
   * submitted or approved (a nil return counts; a returned or re-opened month does not), on
   * time when first submitted by its deadline.
   */
  async completeness(user: AuthUser, q: CompletenessQuery, now = new Date()): Promise<CompletenessResponse> {
    const months = monthsBetween(q.from, q.to);
    const own = scopeOf(user);
    const rows = await this.submissions.list({ unit: own?.code, from: `${q.from}-01`, to: `${q.to}-01` });
    const units = (await this.units.rows()).filter(
      (u) => (own ? u.unit.code === own.code : u.unit.active) || rows.some((r) => r.reportingUnitCode === u.unit.code),
    );
    const byKey = new Map(rows.map((r) => [`${r.reportingUnitCode}/${r.month.slice(0, 7)}`, r]));
    const national = { expected: 0, reported: 0, onTime: 0 };
    const unitRows = units.map(({ unit }) => {
      const counts = { expected: 0, reported: 0, onTime: 0 };
      const cells = months.map((month) => {
        const s = byKey.get(`${unit.code}/${month}`);
        const reported = s?.status === 'submitted' || s?.status === 'approved';
        const due = now > this.deadline(month);
        if (s || due) counts.expected++;
        if (reported) counts.reported++;
        if (reported && !s.late) counts.onTime++;
        const status = s?.status ?? (due ? 'missing' : 'not_due');
        return { month, status, late: s?.late ?? false, nilReturn: s?.nilReturn ?? false };
      });
      for (const k of ['expected', 'reported', 'onTime'] as const) national[k] += counts[k];
      return { reportingUnit: unit.code, name: unit.name, agency: unit.agency, months: cells, ...rates(counts) };
    });
    return { months, units: unitRows, national: rates(national) };
  }

  private async review(user: AuthUser, id: string, action: 'approve' | 'return', comment: string | null) {
    return this.transactions.run(async (manager) => {
      const submission = await this.submissions.find(id, null, manager);
      if (!submission) throw new DomainError(SubmissionErrors.NOT_FOUND, 'No such submission');
      if (submission.status !== 'submitted')
        throw new DomainError(
          SubmissionErrors.NOT_SUBMITTED,
          `The month is ${submission.status}, not waiting for review`,
        );
      // an approval waits for the unit's writes under way, and the writes after it see it (month-locks.ts)
      if (action === 'approve') await holdMonthsForChange(manager, submission.reportingUnitCode);
      Object.assign(submission, {
        status: action === 'approve' ? 'approved' : 'returned',
        reviewedAt: new Date(),
        reviewedBy: user.id,
        comment,
      });
      await this.submissions.save(submission, manager);
      await this.step(submission, action, user, manager, { comment });
      return submission;
    });
  }

  private async step(
    submission: Submission,
    action: SubmissionAction,
    user: AuthUser,
    manager: Parameters<SubmissionsRepository['addStep']>[1],
    detail: { comment?: string | null; nilReturn?: boolean; warnings?: number; late?: boolean },
  ): Promise<void> {
    await this.submissions.addStep(
      {
        submissionId: submission.id,
        action,
        actorId: user.id,
        actorEmail: user.email,
        comment: detail.comment ?? null,
        nilReturn: detail.nilReturn ?? null,
        warnings: detail.warnings ?? null,
        late: detail.late ?? null,
      },
      manager,
    );
    await this.audit.record(
      {
        actor: user,
        action: `submission.${action}`,
        entity: 'submission',
        entityId: submission.id,
        detail: {
          reportingUnit: submission.reportingUnitCode,
          month: submission.month.slice(0, 7),
          ...(detail.warnings !== undefined && { warnings: detail.warnings }),
          ...(detail.late !== undefined && { late: detail.late }),
        },
      },
      manager,
    );
  }
}

function rates(c: { expected: number; reported: number; onTime: number }): ReportingRateResponse {
  return {
    ...c,
    reportingRate: c.expected ? c.reported / c.expected : null,
    onTimeRate: c.expected ? c.onTime / c.expected : null,
  };
}
