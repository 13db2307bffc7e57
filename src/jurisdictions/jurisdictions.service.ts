import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { AuthUser } from 'src/auth/auth-user';
import { DomainError } from 'src/common/errors/domain-error';
import { ReferenceErrors } from 'src/common/errors/error-codes';
import { DistrictAlias } from 'src/jurisdictions/district-alias.entity';
import { District } from 'src/jurisdictions/district.entity';
import { CreateAliasDto, CreateDistrictDto, DistrictResponse } from 'src/jurisdictions/dto/district.dto';
import { Jurisdiction } from 'src/jurisdictions/jurisdiction.entity';
import { nameKey } from 'src/reference/name-key';

@Injectable()
export class JurisdictionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<Jurisdiction[]> {
    return this.dataSource.getRepository(Jurisdiction).find({ order: { name: 'ASC' } });
  }

  async get(code: string): Promise<Jurisdiction> {
    const found = await this.dataSource.getRepository(Jurisdiction).findOneBy({ code });
    if (!found) throw new DomainError(ReferenceErrors.JURISDICTION_NOT_FOUND, 'Unknown jurisdiction code');
    return found;
  }

  /** The jurisdiction's districts with their aliases (the official name excluded). */
  async districts(code: string): Promise<DistrictResponse[]> {
    await this.get(code);
    const rows: Array<{ code: string; name: string; valid_from: string | null; valid_to: string | null; aliases: string[] }> =
      await this.dataSource.query(
        `SELECT d.code, d.name, d.valid_from::text, d.valid_to::text,
                COALESCE(array_agg(a.alias ORDER BY a.alias) FILTER (WHERE a.alias IS NOT NULL), '{}') AS aliases
           FROM districts d LEFT JOIN district_aliases a ON a.district_code = d.code AND a.alias <> d.name
          WHERE d.jurisdiction_code = $1
          GROUP BY d.code ORDER BY d.name`,
        [code],
      );
    return rows.map((r) => ({ code: r.code, name: r.name, jurisdiction: code, validFrom: r.valid_from, validTo: r.valid_to, aliases: r.aliases }));
  }

  async addDistrict(jurisdiction: string, dto: CreateDistrictDto, actor: AuthUser): Promise<DistrictResponse> {
    await this.get(jurisdiction);
    await this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(District, { code: dto.code })) {
        throw new DomainError(ReferenceErrors.DISTRICT_EXISTS, 'A district with this code already exists');
      }
      await manager.insert(District, { code: dto.code, jurisdictionCode: jurisdiction, name: dto.name.trim(), validFrom: dto.validFrom ?? null });
      for (const alias of [dto.name, ...(dto.aliases ?? [])]) await this.insertAlias(manager, dto.code, alias, dto.validFrom ?? null);
      await this.audit.record(
        { actor, action: 'district.create', entity: 'district', entityId: dto.code, jurisdiction, changedFields: ['code', 'name', 'validFrom', 'aliases'] },
        manager,
      );
    });
    return (await this.districts(jurisdiction)).find((d) => d.code === dto.code)!;
  }

  async addAlias(districtCode: string, dto: CreateAliasDto, actor: AuthUser): Promise<DistrictResponse> {
    const district = await this.dataSource.getRepository(District).findOneBy({ code: districtCode });
    if (!district) throw new DomainError(ReferenceErrors.DISTRICT_NOT_FOUND, 'Unknown district code');
    await this.dataSource.transaction(async (manager) => {
      await this.insertAlias(manager, districtCode, dto.alias, dto.validFrom ?? null);
      await this.audit.record(
        { actor, action: 'district.alias_add', entity: 'district', entityId: districtCode, jurisdiction: district.jurisdictionCode, changedFields: ['aliases'] },
        manager,
      );
    });
    return (await this.districts(district.jurisdictionCode)).find((d) => d.code === districtCode)!;
  }

  private async insertAlias(manager: EntityManager, districtCode: string, alias: string, validFrom: string | null): Promise<void> {
    const aliasKey = nameKey(alias);
    const existing = await manager.findOneBy(DistrictAlias, { aliasKey });
    if (existing && existing.districtCode !== districtCode) {
      throw new DomainError(ReferenceErrors.ALIAS_EXISTS, 'This spelling already names another district');
    }
    if (!existing) await manager.insert(DistrictAlias, { districtCode, alias: alias.trim(), aliasKey, validFrom });
  }
}
