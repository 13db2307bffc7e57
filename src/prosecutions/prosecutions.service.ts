import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { AuthUser } from 'src/auth/auth-user';
import { CaseAccess } from 'src/cases/case-access.service';
import { CaseRecord } from 'src/cases/case.entity';
import { DomainError, FieldProblem } from 'src/common/errors/domain-error';
import { CaseErrors } from 'src/common/errors/error-codes';
import { CaseFieldCodes } from 'src/common/errors/field-codes';
import { Conviction } from 'src/convictions/conviction.entity';
import { Transactions } from 'src/database/transactions';
import { DefendantsRepository } from 'src/defendants/defendants.repository';
import {
  ConvictionDto,
  CreateProsecutionDto,
  ProsecutionResponse,
  toProsecutionResponse,
  UpdateProsecutionDto,
} from 'src/prosecutions/dto/prosecution.dto';
import { Prosecution } from 'src/prosecutions/prosecution.entity';
import { ProsecutionsRepository } from 'src/prosecutions/prosecutions.repository';

const FIELDS = ['court', 'charges', 'prosecutionDate', 'outcome', 'outcomeDate'] as const;

/** The prosecution's own rules (the case-wide ones are checked after the write). */
function prosecutionProblems(p: Prosecution): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (p.outcome === 'pending' && p.outcomeDate)
    problems.push({
      field: 'outcomeDate',
      code: CaseFieldCodes.PENDING_HAS_DATE,
      message: 'a pending prosecution has no outcome date',
    });
  if (!['pending', 'withdrawn'].includes(p.outcome) && !p.outcomeDate) {
    problems.push({
      field: 'outcomeDate',
      code: CaseFieldCodes.OUTCOME_DATE_REQUIRED,
      message: `outcome ${p.outcome} needs its date`,
    });
  }
  if (p.outcomeDate && p.outcomeDate < p.prosecutionDate) {
    problems.push({
      field: 'outcomeDate',
      code: CaseFieldCodes.DATE_ORDER,
      message: 'the outcome is dated before the prosecution started',
    });
  }
  return problems;
}

/**
 * Prosecutions and their convictions. Every write re-checks the whole case (dates after
 * the FIR and the investigation, a convicted case keeps a conviction) before it commits.
 */
@Injectable()
export class ProsecutionsService {
  constructor(
    private readonly prosecutions: ProsecutionsRepository,
    private readonly defendants: DefendantsRepository,
    private readonly transactions: Transactions,
    private readonly access: CaseAccess,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, caseId: string): Promise<ProsecutionResponse[]> {
    await this.access.find(user, caseId);
    const prosecutions = await this.prosecutions.listOfCase(caseId);
    const convictions = await this.prosecutions.convictionsOf(prosecutions.map((p) => p.id));
    return prosecutions.map((p) => toProsecutionResponse(p, convictions.find((c) => c.prosecutionId === p.id) ?? null));
  }

  async get(user: AuthUser, caseId: string, id: string): Promise<ProsecutionResponse> {
    await this.access.find(user, caseId);
    const p = await this.find(caseId, id);
    return toProsecutionResponse(p, await this.prosecutions.convictionOf(id));
  }

  create(user: AuthUser, caseId: string, dto: CreateProsecutionDto): Promise<ProsecutionResponse> {
    return this.transactions.run(async (manager) => {
      const record = await this.access.find(user, caseId, manager, true);
      const defendant = await this.defendants.findById(dto.defendantId, manager);
      if (!defendant || defendant.caseId !== caseId) {
        throw new DomainError(CaseErrors.INVALID, 'The prosecution names a defendant of another case', {
          errors: [
            {
              field: 'defendantId',
              code: CaseFieldCodes.DEFENDANT_NOT_IN_CASE,
              message: 'defendantId is not a defendant of this case',
            },
          ],
        });
      }
      if (await this.prosecutions.defendantProsecuted(dto.defendantId, manager)) {
        throw new DomainError(CaseErrors.DUPLICATE_REF, 'This defendant is already prosecuted in this case');
      }
      const p = this.prosecutions.create(
        {
          caseId,
          defendantId: dto.defendantId,
          court: dto.court ?? null,
          charges: dto.charges ?? [],
          prosecutionDate: dto.prosecutionDate,
          outcome: dto.outcome ?? 'pending',
          outcomeDate: dto.outcomeDate ?? null,
          importBatchId: null,
        },
        manager,
      );
      return this.saveChecked(manager, user, record, p, null, 'prosecution.create', [...FIELDS, 'defendantId']);
    });
  }

  update(user: AuthUser, caseId: string, id: string, dto: UpdateProsecutionDto): Promise<ProsecutionResponse> {
    return this.transactions.run(async (manager) => {
      const record = await this.access.find(user, caseId, manager, true);
      const p = await this.find(caseId, id, manager);
      const before = { ...p };
      for (const field of FIELDS)
        if (dto[field] !== undefined) (p as unknown as Record<string, unknown>)[field] = dto[field];
      // leaving `convicted` through this route removes the conviction
      let conviction = await this.prosecutions.convictionOf(id, manager);
      if (before.outcome === 'convicted' && dto.outcome !== undefined && conviction) {
        await this.prosecutions.deleteConviction(conviction.id, manager);
        conviction = null;
      }
      const changed = FIELDS.filter((f) => JSON.stringify(p[f]) !== JSON.stringify(before[f]));
      return this.saveChecked(manager, user, record, p, conviction, 'prosecution.update', changed);
    });
  }

  async remove(user: AuthUser, caseId: string, id: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const record = await this.access.find(user, caseId, manager, true);
      await this.find(caseId, id, manager);
      await this.prosecutions.delete(id, manager);
      await this.access.assertConsistent(manager, record);
      await this.audit.record(
        {
          actor: user,
          action: 'prosecution.delete',
          entity: 'prosecution',
          entityId: id,
          jurisdiction: record.jurisdictionCode,
        },
        manager,
      );
    });
  }

  /** Records (or replaces) the conviction: the prosecution's outcome becomes convicted on the judgment date. */
  setConviction(user: AuthUser, caseId: string, id: string, dto: ConvictionDto): Promise<ProsecutionResponse> {
    return this.transactions.run(async (manager) => {
      const record = await this.access.find(user, caseId, manager, true);
      const p = await this.find(caseId, id, manager);
      p.outcome = 'convicted';
      p.outcomeDate = dto.judgmentDate;
      const existing = await this.prosecutions.convictionOf(id, manager);
      const conviction = this.prosecutions.mergeConviction(
        id,
        existing,
        {
          judgmentDate: dto.judgmentDate,
          sections: dto.sections ?? existing?.sections ?? p.charges,
          imprisonmentMonths:
            dto.imprisonmentMonths !== undefined ? dto.imprisonmentMonths : (existing?.imprisonmentMonths ?? null),
          finePkr:
            dto.finePkr !== undefined
              ? dto.finePkr === null
                ? null
                : String(dto.finePkr)
              : (existing?.finePkr ?? null),
          appealStatus: dto.appealStatus ?? existing?.appealStatus ?? 'none',
        },
        manager,
      );
      await this.prosecutions.saveConviction(conviction, manager);
      return this.saveChecked(
        manager,
        user,
        record,
        p,
        conviction,
        existing ? 'conviction.update' : 'conviction.create',
        Object.keys(dto),
      );
    });
  }

  /** Removes a conviction recorded in error: the prosecution is pending again. */
  async removeConviction(user: AuthUser, caseId: string, id: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const record = await this.access.find(user, caseId, manager, true);
      const p = await this.find(caseId, id, manager);
      if (!(await this.prosecutions.deleteConvictionOf(id, manager)))
        throw new DomainError(CaseErrors.CHILD_NOT_FOUND, 'This prosecution has no conviction');
      p.outcome = 'pending';
      p.outcomeDate = null;
      await this.saveChecked(manager, user, record, p, null, 'conviction.delete', ['outcome', 'outcomeDate']);
    });
  }

  private async find(caseId: string, id: string, manager?: EntityManager): Promise<Prosecution> {
    const p = await this.prosecutions.find(caseId, id, manager);
    if (!p) throw new DomainError(CaseErrors.CHILD_NOT_FOUND, 'No such prosecution in this case');
    return p;
  }

  private async saveChecked(
    manager: EntityManager,
    user: AuthUser,
    record: CaseRecord,
    p: Prosecution,
    conviction: Conviction | null,
    action: string,
    changedFields: string[],
  ): Promise<ProsecutionResponse> {
    const problems = prosecutionProblems(p);
    if (problems.length)
      throw new DomainError(CaseErrors.INVALID, 'The prosecution has invalid fields', { errors: problems });
    await this.prosecutions.save(p, manager);
    await this.access.assertConsistent(manager, record);
    await this.audit.record(
      {
        actor: user,
        action,
        entity: 'prosecution',
        entityId: p.id,
        jurisdiction: record.jurisdictionCode,
        changedFields,
      },
      manager,
    );
    return toProsecutionResponse(p, conviction);
  }
}
