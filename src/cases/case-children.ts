import { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { AuthUser } from 'src/auth/auth-user';
import { CaseAccess } from 'src/cases/case-access.service';
import { CaseChild, CaseChildRepository } from 'src/cases/case-child.repository';
import { CaseRecord } from 'src/cases/case.entity';
import { isDuplicateRef } from 'src/cases/person-checks';
import { DomainError, FieldProblem } from 'src/common/errors/domain-error';
import { CaseErrors } from 'src/common/errors/error-codes';
import { Transactions } from 'src/database/transactions';

/**
 * The persons of a case (victims, defendants) share one life cycle: found through the
 * case's access scope, written in one transaction with the case locked, refs unique per
 * case, every write audited by changed field names, and the case re-checked afterwards.
 */
export class CaseChildren<T extends CaseChild> {
  constructor(
    private readonly persons: CaseChildRepository<T>,
    private readonly transactions: Transactions,
    private readonly access: CaseAccess,
    private readonly audit: AuditService,
    /** `victim`, `defendant`: audit entity and messages. */
    private readonly label: string,
  ) {}

  async list(user: AuthUser, caseId: string): Promise<T[]> {
    await this.access.find(user, caseId);
    return this.persons.list(caseId);
  }

  async get(user: AuthUser, caseId: string, id: string): Promise<T> {
    await this.access.find(user, caseId);
    return this.find(caseId, id);
  }

  async remove(user: AuthUser, caseId: string, id: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const record = await this.access.find(user, caseId, manager, true);
      await this.find(caseId, id, manager);
      await this.persons.delete(caseId, id, manager);
      // anything removed with the person (a defendant's prosecution) must leave the case consistent
      await this.access.assertConsistent(manager, record);
      await this.audit.record(
        {
          actor: user,
          action: `${this.label}.delete`,
          entity: this.label,
          entityId: id,
          jurisdiction: record.jurisdictionCode,
        },
        manager,
      );
    });
  }

  /**
   * Creates (id null) or changes a person: `apply` copies the request onto the entity and
   * reports problems; nothing is written when there are any.
   */
  async write(
    user: AuthUser,
    caseId: string,
    id: string | null,
    apply: (manager: EntityManager, person: T, problems: FieldProblem[]) => Promise<void>,
  ): Promise<T> {
    try {
      return await this.transactions.run(async (manager) => {
        const record: CaseRecord = await this.access.find(user, caseId, manager, true);
        const person = id ? await this.find(caseId, id, manager) : this.persons.create(caseId, manager);
        const before = { ...person } as unknown as Record<string, unknown>;
        const problems: FieldProblem[] = [];
        await apply(manager, person, problems);
        if (problems.length)
          throw new DomainError(CaseErrors.INVALID, `The ${this.label} has invalid fields`, { errors: problems });
        const after = person as unknown as Record<string, unknown>;
        const changed = Object.keys(after).filter(
          (f) =>
            !['id', 'createdAt', 'updatedAt'].includes(f) && JSON.stringify(after[f]) !== JSON.stringify(before[f]),
        );
        await this.persons.save(person, manager);
        await this.audit.record(
          {
            actor: user,
            action: `${this.label}.${id ? 'update' : 'create'}`,
            entity: this.label,
            entityId: person.id,
            jurisdiction: record.jurisdictionCode,
            changedFields: changed,
          },
          manager,
        );
        return person;
      });
    } catch (error) {
      if (isDuplicateRef(error))
        throw new DomainError(CaseErrors.DUPLICATE_REF, `Another ${this.label} of this case has this ref`);
      throw error;
    }
  }

  private async find(caseId: string, id: string, manager?: EntityManager): Promise<T> {
    const found = await this.persons.find(caseId, id, manager);
    if (!found) throw new DomainError(CaseErrors.CHILD_NOT_FOUND, `No such ${this.label} in this case`);
    return found;
  }
}
