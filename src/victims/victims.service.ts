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
import { DistrictResolver } from 'src/jurisdictions/district-resolver.service';
import { CreateVictimDto, UpdateVictimDto } from 'src/victims/dto/victim.dto';
import { Victim } from 'src/victims/victim.entity';

const PLAIN_FIELDS = ['ref', 'sex', 'age', 'ageEstimated', 'nationality', 'residenceCountry', 'exploitationForms', 'vulnerabilities', 'identifiedOn', 'referredTo', 'repatriated'] as const;

@Injectable()
export class VictimsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: CaseAccess,
    private readonly districts: DistrictResolver,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, caseId: string): Promise<Victim[]> {
    await this.access.find(user, caseId);
    return this.dataSource.getRepository(Victim).find({ where: { caseId }, order: { ref: 'ASC' } });
  }

  async get(user: AuthUser, caseId: string, id: string): Promise<Victim> {
    await this.access.find(user, caseId);
    const victim = await this.dataSource.getRepository(Victim).findOneBy({ id, caseId });
    if (!victim) throw new DomainError(CaseErrors.CHILD_NOT_FOUND, 'No such victim in this case');
    return victim;
  }

  create(user: AuthUser, caseId: string, dto: CreateVictimDto): Promise<Victim> {
    return this.write(user, caseId, null, dto);
  }

  update(user: AuthUser, caseId: string, id: string, dto: UpdateVictimDto): Promise<Victim> {
    return this.write(user, caseId, id, dto);
  }

  async remove(user: AuthUser, caseId: string, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const record = await this.access.find(user, caseId, manager, true);
      const result = await manager.delete(Victim, { id, caseId });
      if (!result.affected) throw new DomainError(CaseErrors.CHILD_NOT_FOUND, 'No such victim in this case');
      await this.audit.record({ actor: user, action: 'victim.delete', entity: 'victim', entityId: id, jurisdiction: record.jurisdictionCode }, manager);
    });
  }

  private async write(user: AuthUser, caseId: string, id: string | null, dto: UpdateVictimDto): Promise<Victim> {
    const lookup = await this.districts.load();
    try {
      return await this.dataSource.transaction(async (manager) => {
        const record = await this.access.find(user, caseId, manager, true);
        const victim = id ? await manager.findOneBy(Victim, { id, caseId }) : manager.create(Victim, { caseId, importBatchId: null });
        if (!victim) throw new DomainError(CaseErrors.CHILD_NOT_FOUND, 'No such victim in this case');
        const before = { ...victim };
        const problems: FieldProblem[] = await unknownCountries(manager, { nationality: dto.nationality, residenceCountry: dto.residenceCountry });
        for (const field of PLAIN_FIELDS) if (dto[field] !== undefined) (victim as unknown as Record<string, unknown>)[field] = dto[field];
        if (dto.residenceDistrict !== undefined) {
          const district = dto.residenceDistrict === null ? null : lookup.find(dto.residenceDistrict);
          if (dto.residenceDistrict !== null && !district) problems.push({ field: 'residenceDistrict', code: 'CASE.UNKNOWN_DISTRICT', message: 'unknown district' });
          victim.residenceDistrictCode = district?.code ?? null;
        }
        const hash = cnicHashOf(dto.cnic, this.config.cnicHmacSecret, problems);
        if (hash !== undefined) victim.cnicHash = hash;
        if (problems.length) throw new DomainError(CaseErrors.INVALID, 'The victim has invalid fields', { errors: problems });
        const changed = [...PLAIN_FIELDS, 'residenceDistrictCode', 'cnicHash'].filter(
          (f) => JSON.stringify((victim as unknown as Record<string, unknown>)[f]) !== JSON.stringify((before as unknown as Record<string, unknown>)[f]),
        );
        await manager.save(victim);
        await this.audit.record(
          { actor: user, action: id ? 'victim.update' : 'victim.create', entity: 'victim', entityId: victim.id, jurisdiction: record.jurisdictionCode, changedFields: changed },
          manager,
        );
        return victim;
      });
    } catch (error) {
      if (isDuplicateRef(error)) throw new DomainError(CaseErrors.DUPLICATE_REF, 'Another victim of this case has this ref');
      throw error;
    }
  }
}
