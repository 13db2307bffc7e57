import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { within } from 'src/database/transactions';
import { SubmissionEvent } from 'src/submissions/submission-event.entity';
import { Submission, SubmissionStatus } from 'src/submissions/submission.entity';

/** Submissions and their steps. */
@Injectable()
export class SubmissionsRepository {
  constructor(
    @InjectRepository(Submission) private readonly submissions: Repository<Submission>,
    @InjectRepository(SubmissionEvent) private readonly events: Repository<SubmissionEvent>,
  ) {}

  /** Serialises the steps of one unit's month until the transaction ends, and answers its row. */
  async lockMonth(unit: string, month: string, manager: EntityManager): Promise<Submission | null> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('tip-submission:' || $1 || ':' || $2))`, [unit, month]);
    return manager.findOne(Submission, { where: { reportingUnitCode: unit, month } });
  }

  /** A submission, of unit `unit` when given; `manager` with `lock` holds it (and its month) until the transaction ends. */
  async find(id: string, unit: string | null, manager?: EntityManager): Promise<Submission | null> {
    const found = await within(this.submissions, manager).findOne({
      where: { id, ...(unit ? { reportingUnitCode: unit } : {}) },
    });
    if (found && manager) return this.lockMonth(found.reportingUnitCode, found.month, manager);
    return found;
  }

  save(submission: Submission, manager: EntityManager): Promise<Submission> {
    return manager.save(Submission, submission);
  }

  create(fields: Partial<Submission>, manager: EntityManager): Submission {
    return manager.create(Submission, fields);
  }

  async addStep(step: Omit<SubmissionEvent, 'id' | 'at' | 'submission'>, manager: EntityManager): Promise<void> {
    await manager.insert(SubmissionEvent, step);
  }

  steps(submissionId: string): Promise<SubmissionEvent[]> {
    return this.events.find({ where: { submissionId }, order: { at: 'ASC', id: 'ASC' } });
  }

  /** Newest month first, then unit; at most 1,000. */
  list(q: { unit?: string; from?: string; to?: string; status?: SubmissionStatus }): Promise<Submission[]> {
    const query = this.submissions.createQueryBuilder('submission');
    if (q.unit) query.andWhere('submission.reporting_unit_code = :unit', { unit: q.unit });
    if (q.from) query.andWhere('submission.month >= :from', { from: q.from });
    if (q.to) query.andWhere('submission.month <= :to', { to: q.to });
    if (q.status) query.andWhere('submission.status = :status', { status: q.status });
    return query
      .orderBy('submission.month', 'DESC')
      .addOrderBy('submission.reporting_unit_code', 'ASC')
      .take(1000)
      .getMany();
  }

  /** The unit's live cases registered in the month (for a nil return). */
  async registeredIn(unit: string, from: string, to: string, manager: EntityManager): Promise<number> {
    const [{ n }]: Array<{ n: number }> = await manager.query(
      `SELECT count(*)::int AS n FROM cases WHERE reporting_unit_code = $1 AND deleted_at IS NULL AND fir_date BETWEEN $2 AND $3`,
      [unit, from, to],
    );
    return n;
  }
}
