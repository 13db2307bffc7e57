import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { AuthUser } from 'src/auth/auth-user';
import { DomainError } from 'src/common/errors/domain-error';
import { ReferenceErrors, ReportingUnitErrors } from 'src/common/errors/error-codes';
import { Transactions } from 'src/database/transactions';
import { JurisdictionsRepository } from 'src/jurisdictions/jurisdictions.repository';
import { CreateReportingUnitDto, UpdateReportingUnitDto } from 'src/reporting-units/dto/reporting-unit.dto';
import { ReportingUnitsRepository, UnitRow } from 'src/reporting-units/reporting-units.repository';

/**
 * Reporting units and their jurisdictions. A change to a unit's jurisdictions, or its
 * deactivation, ends every session of its focal persons: their next request answers 401, and
 * they sign in again to the unit as it now is.
 */
@Injectable()
export class ReportingUnitsService {
  constructor(
    private readonly units: ReportingUnitsRepository,
    private readonly jurisdictions: JurisdictionsRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<UnitRow[]> {
    return this.units.rows();
  }

  async get(code: string, manager?: EntityManager): Promise<UnitRow> {
    const [row] = await this.units.rows(code, manager);
    if (!row) throw new DomainError(ReportingUnitErrors.NOT_FOUND, 'No such reporting unit');
    return row;
  }

  async create(dto: CreateReportingUnitDto, actor: AuthUser): Promise<UnitRow> {
    return this.transactions.run(async (manager) => {
      await this.checkJurisdictions(dto.jurisdictions, manager);
      if (await this.units.lock(dto.code, manager))
        throw new DomainError(ReportingUnitErrors.EXISTS, 'A reporting unit with this code exists');
      await this.units.insert({ code: dto.code, name: dto.name.trim(), agency: dto.agency, active: true }, manager);
      await this.units.setJurisdictions(dto.code, dto.jurisdictions, manager);
      await this.audit.record(
        {
          actor,
          action: 'reporting_unit.create',
          entity: 'reporting_unit',
          entityId: dto.code,
          changedFields: ['name', 'agency', 'jurisdictions', 'active'],
        },
        manager,
      );
      return this.get(dto.code, manager);
    });
  }

  async update(code: string, dto: UpdateReportingUnitDto, actor: AuthUser): Promise<UnitRow> {
    return this.transactions.run(async (manager) => {
      const unit = await this.units.lock(code, manager);
      if (!unit) throw new DomainError(ReportingUnitErrors.NOT_FOUND, 'No such reporting unit');
      const before = await this.get(code, manager);
      const changed: string[] = [];
      if (dto.name !== undefined && dto.name.trim() !== unit.name) changed.push('name');
      if (dto.agency !== undefined && dto.agency !== unit.agency) {
        const cases = await this.units.caseCount(code, manager);
        if (cases)
          throw new DomainError(
            ReportingUnitErrors.AGENCY_IN_USE,
            'The agency of a unit that has cases cannot change',
            {
              cases,
            },
          );
        changed.push('agency');
      }
      if (dto.active !== undefined && dto.active !== unit.active) changed.push('active');
      const jurisdictionsChange =
        dto.jurisdictions !== undefined &&
        [...dto.jurisdictions].sort().join() !== before.jurisdictions.join() &&
        dto.jurisdictions;
      if (jurisdictionsChange) {
        await this.checkJurisdictions(jurisdictionsChange, manager);
        const kept = await this.units.casesOutside(code, jurisdictionsChange, manager);
        if (kept.size)
          throw new DomainError(
            ReportingUnitErrors.JURISDICTION_IN_USE,
            'The unit has cases in a jurisdiction the change would take from it',
            { jurisdictions: [...kept.keys()], cases: [...kept.values()].reduce((a, b) => a + b, 0) },
          );
        await this.units.setJurisdictions(code, jurisdictionsChange, manager);
        changed.push('jurisdictions');
      }
      if (!changed.length) return before;
      await this.units.update(
        code,
        {
          ...(dto.name !== undefined && { name: dto.name.trim() }),
          ...(dto.agency !== undefined && { agency: dto.agency }),
          ...(dto.active !== undefined && { active: dto.active }),
        },
        manager,
      );
      // the focal persons' scope changed under them: their sessions end
      const scopeChanged = changed.some(
        (f) => f === 'jurisdictions' || f === 'agency' || (f === 'active' && !dto.active),
      );
      const signedOut = scopeChanged ? await this.units.revokeTokensOfUnit(code, manager) : 0;
      await this.audit.record(
        {
          actor,
          action: 'reporting_unit.update',
          entity: 'reporting_unit',
          entityId: code,
          changedFields: changed,
          detail: { focalPersonsSignedOut: signedOut },
        },
        manager,
      );
      return this.get(code, manager);
    });
  }

  private async checkJurisdictions(codes: readonly string[], manager: EntityManager): Promise<void> {
    const known = new Set((await this.jurisdictions.list(manager)).map((j) => j.code));
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length)
      throw new DomainError(ReferenceErrors.JURISDICTION_NOT_FOUND, `Unknown jurisdiction code: ${unknown.join(', ')}`);
  }
}
