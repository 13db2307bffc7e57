import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { AuthUser } from 'src/auth/auth-user';
import { DomainError } from 'src/common/errors/domain-error';
import { ReferenceErrors } from 'src/common/errors/error-codes';
import { Transactions } from 'src/database/transactions';
import { CreateAliasDto, CreateDistrictDto, DistrictResponse } from 'src/jurisdictions/dto/district.dto';
import { Jurisdiction } from 'src/jurisdictions/jurisdiction.entity';
import { JurisdictionsRepository } from 'src/jurisdictions/jurisdictions.repository';
import { nameKey } from 'src/reference/name-key';

@Injectable()
export class JurisdictionsService {
  constructor(
    private readonly repository: JurisdictionsRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<Jurisdiction[]> {
    return this.repository.list();
  }

  async get(code: string): Promise<Jurisdiction> {
    const found = await this.repository.find(code);
    if (!found) throw new DomainError(ReferenceErrors.JURISDICTION_NOT_FOUND, 'Unknown jurisdiction code');
    return found;
  }

  /** The jurisdiction's districts with their aliases (the official name excluded). */
  async districts(code: string): Promise<DistrictResponse[]> {
    await this.get(code);
    const rows = await this.repository.districtsOf(code);
    return rows.map((r) => ({
      code: r.code,
      name: r.name,
      jurisdiction: code,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      aliases: r.aliases,
    }));
  }

  async addDistrict(jurisdiction: string, dto: CreateDistrictDto, actor: AuthUser): Promise<DistrictResponse> {
    await this.get(jurisdiction);
    await this.transactions.run(async (manager) => {
      if (await this.repository.districtExists(dto.code, manager)) {
        throw new DomainError(ReferenceErrors.DISTRICT_EXISTS, 'A district with this code already exists');
      }
      await this.repository.addDistrict(
        { code: dto.code, jurisdictionCode: jurisdiction, name: dto.name.trim(), validFrom: dto.validFrom ?? null },
        manager,
      );
      for (const alias of [dto.name, ...(dto.aliases ?? [])])
        await this.insertAlias(manager, dto.code, alias, dto.validFrom ?? null);
      await this.audit.record(
        {
          actor,
          action: 'district.create',
          entity: 'district',
          entityId: dto.code,
          jurisdiction,
          changedFields: ['code', 'name', 'validFrom', 'aliases'],
        },
        manager,
      );
    });
    return (await this.districts(jurisdiction)).find((d) => d.code === dto.code)!;
  }

  async addAlias(districtCode: string, dto: CreateAliasDto, actor: AuthUser): Promise<DistrictResponse> {
    const district = await this.repository.findDistrict(districtCode);
    if (!district) throw new DomainError(ReferenceErrors.DISTRICT_NOT_FOUND, 'Unknown district code');
    await this.transactions.run(async (manager) => {
      await this.insertAlias(manager, districtCode, dto.alias, dto.validFrom ?? null);
      await this.audit.record(
        {
          actor,
          action: 'district.alias_add',
          entity: 'district',
          entityId: districtCode,
          jurisdiction: district.jurisdictionCode,
          changedFields: ['aliases'],
        },
        manager,
      );
    });
    return (await this.districts(district.jurisdictionCode)).find((d) => d.code === districtCode)!;
  }

  private async insertAlias(
    manager: EntityManager,
    districtCode: string,
    alias: string,
    validFrom: string | null,
  ): Promise<void> {
    const aliasKey = nameKey(alias);
    const existing = await this.repository.findAlias(aliasKey, manager);
    if (existing && existing.districtCode !== districtCode) {
      throw new DomainError(ReferenceErrors.ALIAS_EXISTS, 'This spelling already names another district');
    }
    if (!existing) await this.repository.addAlias({ districtCode, alias: alias.trim(), aliasKey, validFrom }, manager);
  }
}
