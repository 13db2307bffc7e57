import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { AuthUser } from 'src/auth/auth-user';
import { CaseAccess } from 'src/cases/case-access.service';
import { cnicHashOf, isDuplicateRef, unknownCountries } from 'src/cases/person-checks';
import { DomainError, FieldProblem } from 'src/common/errors/domain-error';
import { CaseErrors } from 'src/common/errors/error-codes';
import { AppConfig } from 'src/config/app-config';
import { APP_CONFIG } from 'src/config/config.module';
import { CreateDefendantDto, UpdateDefendantDto } from 'src/defendants/dto/defendant.dto';
import { Defendant } from 'src/defendants/defendant.entity';

const PLAIN_FIELDS = ['ref', 'name', 'sex', 'age', 'nationality', 'role', 'custodyStatus', 'groupName'] as const;

@Injectable()
export class DefendantsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: CaseAccess,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, caseId: string): Promise<Defendant[]> {
    await this.access.find(user, caseId);
    return this.dataSource.getRepository(Defendant).find({ where: { caseId }, order: { ref: 'ASC' } });
  }

  async get(user: AuthUser, caseId: string, id: string): Promise<Defendant> {
    await this.access.find(user, caseId);
    const defendant = await this.dataSource.getRepository(Defendant).findOneBy({ id, caseId });
    if (!defendant) throw new DomainError(CaseErrors.CHILD_NOT_FOUND, 'No such defendant in this case');
    return defendant;
  }

  create(user: AuthUser, caseId: string, dto: CreateDefendantDto): Promise<Defendant> {
    return this.write(user, caseId, null, dto);
  }

  update(user: AuthUser, caseId: string, id: string, dto: UpdateDefendantDto): Promise<Defendant> {
    return this.write(user, caseId, id, dto);
  }

  async remove(user: AuthUser, caseId: string, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const record = await this.access.find(user, caseId, manager, true);
      const result = await manager.delete(Defendant, { id, caseId });
      if (!result.affected) throw new DomainError(CaseErrors.CHILD_NOT_FOUND, 'No such defendant in this case');
      // the defendant's prosecution goes with it: the case must stay consistent without it
      await this.access.assertConsistent(manager, record);
      await this.audit.record({ actor: user, action: 'defendant.delete', entity: 'defendant', entityId: id, jurisdiction: record.jurisdictionCode }, manager);
    });
  }

  private async write(user: AuthUser, caseId: string, id: string | null, dto: UpdateDefendantDto): Promise<Defendant> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const record = await this.access.find(user, caseId, manager, true);
        const defendant = id ? await manager.findOneBy(Defendant, { id, caseId }) : manager.create(Defendant, { caseId, importBatchId: null });
        if (!defendant) throw new DomainError(CaseErrors.CHILD_NOT_FOUND, 'No such defendant in this case');
        const before = { ...defendant };
        const problems: FieldProblem[] = await unknownCountries(manager, { nationality: dto.nationality });
        for (const field of PLAIN_FIELDS) if (dto[field] !== undefined) (defendant as unknown as Record<string, unknown>)[field] = dto[field];
        const hash = cnicHashOf(dto.cnic, this.config.cnicHmacSecret, problems);
        if (hash !== undefined) defendant.cnicHash = hash;
        if (problems.length) throw new DomainError(CaseErrors.INVALID, 'The defendant has invalid fields', { errors: problems });
        const changed = [...PLAIN_FIELDS, 'cnicHash'].filter(
          (f) => JSON.stringify((defendant as unknown as Record<string, unknown>)[f]) !== JSON.stringify((before as unknown as Record<string, unknown>)[f]),
        );
        await manager.save(defendant);
        await this.audit.record(
          { actor: user, action: id ? 'defendant.update' : 'defendant.create', entity: 'defendant', entityId: defendant.id, jurisdiction: record.jurisdictionCode, changedFields: changed },
          manager,
        );
        return defendant;
      });
    } catch (error) {
      if (isDuplicateRef(error)) throw new DomainError(CaseErrors.DUPLICATE_REF, 'Another defendant of this case has this ref');
      throw error;
    }
  }
}
