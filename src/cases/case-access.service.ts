import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthUser, scopeOf } from 'src/auth/auth-user';
import { CaseRecord } from 'src/cases/case.entity';
import { CaseFacts, consistencyProblems } from 'src/cases/case-rules';
import { CasesRepository } from 'src/cases/cases.repository';
import { DomainError } from 'src/common/errors/domain-error';
import { AuthErrors, CaseErrors } from 'src/common/errors/error-codes';
import { todayInPakistan } from 'src/common/dto/iso-date';

/**
 * Finds cases the way every case route must: within the caller's jurisdiction scope and
 * among cases not deleted. A case outside the scope answers 404 like a missing one, so
 * its existence does not leak.
 */
@Injectable()
export class CaseAccess {
  constructor(private readonly cases: CasesRepository) {}

  async find(user: AuthUser, id: string, manager?: EntityManager, lock = false): Promise<CaseRecord> {
    const found = await this.cases.findLive(id, scopeOf(user), { manager, lock });
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
    const rows = await this.cases.prosecutionsOf(caseRecord.id, manager);
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
    if (problems.length)
      throw new DomainError(CaseErrors.INVALID, 'The change would leave the case inconsistent', { errors: problems });
  }
}
