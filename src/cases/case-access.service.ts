import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuthUser, scopeOf } from 'src/auth/auth-user';
import { CaseRecord } from 'src/cases/case.entity';
import { CaseFacts, consistencyProblems } from 'src/cases/case-rules';
import { DomainError } from 'src/common/errors/domain-error';
import { AuthErrors, CaseErrors } from 'src/common/errors/error-codes';
import { todayInPakistan } from 'src/common/dto/iso-date';
import { AppealStatus, ProsecutionOutcome } from 'src/reference/code-lists';

/**
 * Finds cases the way every case route must: within the caller's jurisdiction scope and
 * among cases not deleted. A case outside the scope answers 404 like a missing one, so
 * its existence does not leak.
 */
@Injectable()
export class CaseAccess {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(user: AuthUser, id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<CaseRecord> {
    const scope = scopeOf(user);
    const found = await manager.findOne(CaseRecord, {
      where: { id, deletedAt: IsNull(), ...(scope ? { jurisdictionCode: scope } : {}) },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!found) throw new DomainError(CaseErrors.NOT_FOUND, 'No such case');
    return found;
  }

  /** The jurisdiction a write may target: a focal person's own, never another. */
  writableJurisdiction(user: AuthUser, requested: string | undefined): string | undefined {
    const scope = scopeOf(user);
    if (!scope) return requested;
    if (requested && requested !== scope) {
      throw new DomainError(AuthErrors.JURISDICTION_FORBIDDEN, 'You may only work on cases of your own jurisdiction');
    }
    return scope;
  }

  /** The jurisdiction a read is limited to (a focal person naming another is refused). */
  readableJurisdiction(user: AuthUser, requested: string | undefined): string | undefined {
    return this.writableJurisdiction(user, requested);
  }

  /** Case facts as stored (prosecutions with their convictions' appeal status). */
  async facts(manager: EntityManager, caseRecord: CaseRecord): Promise<CaseFacts> {
    const rows: Array<{ ref: string; prosecution_date: string; outcome: ProsecutionOutcome; outcome_date: string | null; appeal_status: AppealStatus | null }> =
      await manager.query(
        `SELECT d.ref, p.prosecution_date::text, p.outcome, p.outcome_date::text, cv.appeal_status
           FROM prosecutions p
           JOIN defendants d ON d.id = p.defendant_id
           LEFT JOIN convictions cv ON cv.prosecution_id = p.id
          WHERE p.case_id = $1
          ORDER BY d.ref`,
        [caseRecord.id],
      );
    return {
      firDate: caseRecord.firDate,
      status: caseRecord.status,
      statusDate: caseRecord.statusDate,
      investigationConcludedOn: caseRecord.investigationConcludedOn,
      prosecutions: rows.map((r) => ({
        label: `prosecutions[${r.ref}]`,
        prosecutionDate: r.prosecution_date,
        outcome: r.outcome,
        outcomeDate: r.outcome_date,
        appealStatus: r.appeal_status,
      })),
    };
  }

  /** Refuses (and so rolls back) a write that leaves the case inconsistent. */
  async assertConsistent(manager: EntityManager, caseRecord: CaseRecord): Promise<void> {
    const problems = consistencyProblems(await this.facts(manager, caseRecord), todayInPakistan());
    if (problems.length) throw new DomainError(CaseErrors.INVALID, 'The change would leave the case inconsistent', { errors: problems });
  }
}
