import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { AuthUser } from 'src/auth/auth-user';
import { CaseAccess } from 'src/cases/case-access.service';
import { CaseStatusEvent } from 'src/cases/case-status-event.entity';
import { CaseRecord } from 'src/cases/case.entity';
import { consistencyProblems, transitionProblem } from 'src/cases/case-rules';
import { CaseQueryDto, CASE_SORTS } from 'src/cases/dto/case-query.dto';
import { CreateCaseDto, RoutePointDto, UpdateCaseDto } from 'src/cases/dto/case.dto';
import { CaseResponse, toCaseResponse } from 'src/cases/dto/case.response';
import { RoutePoint } from 'src/cases/route-point.entity';
import { todayInPakistan } from 'src/common/dto/iso-date';
import { Page } from 'src/common/dto/pagination.dto';
import { DomainError, FieldProblem } from 'src/common/errors/domain-error';
import { CaseErrors } from 'src/common/errors/error-codes';
import { CaseFieldCodes, CommonFieldCodes } from 'src/common/errors/field-codes';
import { DistrictLookup, DistrictResolver } from 'src/jurisdictions/district-resolver.service';
import { Jurisdiction } from 'src/jurisdictions/jurisdiction.entity';
import { Country } from 'src/reference/country.entity';
import { nameKey } from 'src/reference/name-key';

/** Fields whose change is audited by name (never by value). */
const AUDITED_FIELDS = [
  'districtCode', 'policeStation', 'reportingAgency', 'firNumber', 'firYear', 'firDate', 'offenceFamily', 'lawSections',
  'traffickingType', 'exploitationForms', 'status', 'statusDate', 'investigationConcludedOn', 'remarks',
] as const;

@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CaseAccess,
    private readonly districts: DistrictResolver,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, q: CaseQueryDto): Promise<Page<CaseResponse>> {
    const jurisdiction = this.access.readableJurisdiction(user, q.jurisdiction);
    const qb = this.dataSource.getRepository(CaseRecord).createQueryBuilder('c').where('c.deleted_at IS NULL');
    if (jurisdiction) qb.andWhere('c.jurisdiction_code = :jurisdiction', { jurisdiction });
    if (q.district) qb.andWhere('c.district_code = :district', { district: q.district });
    if (q.status) qb.andWhere('c.status = :status', { status: q.status });
    if (q.offenceFamily) qb.andWhere('c.offence_family = :family', { family: q.offenceFamily });
    if (q.exploitationForm) qb.andWhere(':form = ANY(c.exploitation_forms)', { form: q.exploitationForm });
    if (q.firDateFrom) qb.andWhere('c.fir_date >= :from', { from: q.firDateFrom });
    if (q.firDateTo) qb.andWhere('c.fir_date <= :to', { to: q.firDateTo });
    const [rows, total] = await qb
      .orderBy(CASE_SORTS[q.sort], q.order === 'asc' ? 'ASC' : 'DESC')
      .addOrderBy('c.id', 'ASC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    const route = rows.length ? await this.dataSource.getRepository(RoutePoint).findBy({ caseId: In(rows.map((r) => r.id)) }) : [];
    return {
      items: rows.map((r) => toCaseResponse(r, route.filter((p) => p.caseId === r.id))),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  async get(user: AuthUser, id: string): Promise<CaseResponse> {
    const found = await this.access.find(user, id);
    return toCaseResponse(found, await this.dataSource.getRepository(RoutePoint).findBy({ caseId: id }));
  }

  async history(user: AuthUser, id: string): Promise<CaseStatusEvent[]> {
    await this.access.find(user, id);
    return this.dataSource.getRepository(CaseStatusEvent).find({ where: { caseId: id }, order: { statusDate: 'ASC', id: 'ASC' } });
  }

  async create(user: AuthUser, dto: CreateCaseDto): Promise<CaseResponse> {
    const jurisdiction = this.access.writableJurisdiction(user, dto.jurisdiction);
    const lookup = await this.districts.load();
    return this.dataSource.transaction(async (manager) => {
      const problems: FieldProblem[] = [];
      if (!jurisdiction) problems.push({ field: 'jurisdiction', code: CommonFieldCodes.REQUIRED, message: 'jurisdiction is required' });
      else if (!(await manager.existsBy(Jurisdiction, { code: jurisdiction }))) {
        problems.push({ field: 'jurisdiction', code: CaseFieldCodes.UNKNOWN_JURISDICTION, message: 'unknown jurisdiction code' });
      }
      const districtCode = this.resolveDistrict(lookup, jurisdiction, dto.district, problems);
      const status = dto.status ?? 'registered';
      const statusDate = dto.statusDate ?? (status === 'registered' ? dto.firDate : undefined);
      if (!statusDate) problems.push({ field: 'statusDate', code: CommonFieldCodes.REQUIRED, message: 'statusDate is required for a status other than registered' });
      const route = await this.resolveRoute(manager, lookup, dto.route ?? [], problems);
      const record = manager.create(CaseRecord, {
        jurisdictionCode: jurisdiction,
        districtCode: districtCode ?? '',
        policeStation: dto.policeStation.trim(),
        policeStationKey: nameKey(dto.policeStation),
        reportingAgency: dto.reportingAgency ?? 'police',
        firNumber: dto.firNumber.trim(),
        firYear: dto.firYear,
        firDate: dto.firDate,
        offenceFamily: dto.offenceFamily,
        lawSections: dto.lawSections ?? [],
        traffickingType: dto.traffickingType ?? null,
        exploitationForms: dto.exploitationForms ?? [],
        status,
        statusDate: statusDate ?? dto.firDate,
        investigationConcludedOn: dto.investigationConcludedOn ?? null,
        remarks: dto.remarks ?? null,
        deletedAt: null,
        importBatchId: null,
      });
      this.checkRecord(record, problems);
      const facts = { firDate: record.firDate, status, statusDate: record.statusDate, investigationConcludedOn: record.investigationConcludedOn, prosecutions: [] };
      problems.push(...consistencyProblems(facts, todayInPakistan()));
      const transition = transitionProblem('registered', status, record.firDate, facts);
      if (transition) problems.push({ field: 'status', code: CaseErrors.ILLEGAL_TRANSITION, message: transition });
      if (problems.length) throw new DomainError(CaseErrors.INVALID, 'The case has invalid fields', { errors: problems });

      await this.assertUnique(manager, record);
      await manager.save(record);
      await this.saveRoute(manager, record.id, route);
      const events: Array<Pick<CaseStatusEvent, 'fromStatus' | 'toStatus' | 'statusDate'>> = [{ fromStatus: null, toStatus: 'registered', statusDate: record.firDate }];
      if (status !== 'registered') events.push({ fromStatus: 'registered', toStatus: status, statusDate: record.statusDate });
      await manager.insert(CaseStatusEvent, events.map((e) => ({ ...e, caseId: record.id, actorId: user.id, importBatchId: null })));
      await this.audit.record(
        {
          actor: user, action: 'case.create', entity: 'case', entityId: record.id, jurisdiction: record.jurisdictionCode,
          changedFields: [...AUDITED_FIELDS.filter((f) => record[f] !== null), ...(route.length ? ['route'] : [])],
        },
        manager,
      );
      return toCaseResponse(record, route.map((p, i) => ({ ...p, position: i }) as RoutePoint));
    });
  }

  async update(user: AuthUser, id: string, dto: UpdateCaseDto): Promise<CaseResponse> {
    const lookup = await this.districts.load();
    return this.dataSource.transaction(async (manager) => {
      const record = await this.access.find(user, id, manager, true);
      const before = { ...record };
      const problems: FieldProblem[] = [];
      if (dto.district !== undefined) {
        record.districtCode = this.resolveDistrict(lookup, record.jurisdictionCode, dto.district, problems) ?? record.districtCode;
      }
      if (dto.policeStation !== undefined) {
        record.policeStation = dto.policeStation.trim();
        record.policeStationKey = nameKey(dto.policeStation);
      }
      if (dto.firNumber !== undefined) record.firNumber = dto.firNumber.trim();
      const simple = ['reportingAgency', 'firYear', 'firDate', 'offenceFamily', 'lawSections', 'traffickingType', 'exploitationForms', 'investigationConcludedOn', 'remarks'] as const;
      for (const field of simple) if (dto[field] !== undefined) (record as unknown as Record<string, unknown>)[field] = dto[field];
      const statusChanged = dto.status !== undefined && dto.status !== before.status;
      if (statusChanged) {
        record.status = dto.status!;
        if (!dto.statusDate) problems.push({ field: 'statusDate', code: CommonFieldCodes.REQUIRED, message: 'a status change needs its statusDate' });
        else if (dto.statusDate < before.statusDate) {
          problems.push({ field: 'statusDate', code: CaseFieldCodes.DATE_ORDER, message: 'statusDate is before the date of the current status' });
        }
        record.statusDate = dto.statusDate ?? before.statusDate;
      } else if (dto.statusDate !== undefined) {
        record.statusDate = dto.statusDate;
      }
      const route = dto.route !== undefined ? await this.resolveRoute(manager, lookup, dto.route, problems) : undefined;
      this.checkRecord(record, problems);
      const facts = await this.access.facts(manager, record);
      problems.push(...consistencyProblems(facts, todayInPakistan()));
      if (statusChanged) {
        const transition = transitionProblem(before.status, record.status, before.statusDate, facts);
        if (transition) problems.push({ field: 'status', code: CaseErrors.ILLEGAL_TRANSITION, message: transition });
      }
      if (problems.length) throw new DomainError(CaseErrors.INVALID, 'The case has invalid fields', { errors: problems });

      const keyChanged = (['districtCode', 'policeStationKey', 'firNumber', 'firYear'] as const).some((k) => record[k] !== before[k]);
      if (keyChanged) await this.assertUnique(manager, record);
      const changed: string[] = AUDITED_FIELDS.filter((f) => JSON.stringify(record[f]) !== JSON.stringify(before[f]));
      if (route) {
        await manager.delete(RoutePoint, { caseId: id });
        await this.saveRoute(manager, id, route);
        changed.push('route');
      }
      if (changed.length) {
        await manager.save(record);
        if (statusChanged) {
          await manager.insert(CaseStatusEvent, {
            caseId: id, fromStatus: before.status, toStatus: record.status, statusDate: record.statusDate, actorId: user.id, importBatchId: null,
          });
        }
        await this.audit.record(
          { actor: user, action: 'case.update', entity: 'case', entityId: id, jurisdiction: record.jurisdictionCode, changedFields: changed },
          manager,
        );
      }
      return toCaseResponse(record, await manager.findBy(RoutePoint, { caseId: id }));
    });
  }

  /** Soft delete: the case leaves every list and statistic; the audit log keeps who and when. */
  async remove(user: AuthUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const record = await this.access.find(user, id, manager, true);
      await manager.update(CaseRecord, id, { deletedAt: new Date() });
      await this.audit.record(
        { actor: user, action: 'case.delete', entity: 'case', entityId: id, jurisdiction: record.jurisdictionCode, changedFields: ['deletedAt'] },
        manager,
      );
    });
  }

  private resolveDistrict(lookup: DistrictLookup, jurisdiction: string | undefined, text: string, problems: FieldProblem[]): string | undefined {
    const district = lookup.find(text);
    if (!district) {
      problems.push({ field: 'district', code: CaseFieldCodes.UNKNOWN_DISTRICT, message: 'unknown district' });
      return undefined;
    }
    if (jurisdiction && district.jurisdiction !== jurisdiction) {
      problems.push({ field: 'district', code: CaseFieldCodes.DISTRICT_OUTSIDE_JURISDICTION, message: `the district is not in ${jurisdiction}` });
      return undefined;
    }
    return district.code;
  }

  private checkRecord(record: CaseRecord, problems: FieldProblem[]): void {
    if (Number(record.firDate.slice(0, 4)) !== record.firYear) {
      problems.push({ field: 'firYear', code: CaseFieldCodes.FIR_YEAR_MISMATCH, message: 'firYear is not the year of firDate' });
    }
  }

  private async resolveRoute(
    manager: EntityManager,
    lookup: DistrictLookup,
    points: RoutePointDto[],
    problems: FieldProblem[],
  ): Promise<Array<Pick<RoutePoint, 'kind' | 'countryCode' | 'districtCode' | 'place'>>> {
    const known = new Set(
      (await manager.findBy(Country, { alpha3: In([...new Set(points.map((p) => p.country))]) })).map((c) => c.alpha3),
    );
    points.forEach((p, i) => {
      const field = `route[${i}]`;
      if (!known.has(p.country)) problems.push({ field: `${field}.country`, code: CaseFieldCodes.UNKNOWN_COUNTRY, message: 'unknown ISO 3166-1 alpha-3 code' });
      if (p.kind === 'origin' && i !== 0) problems.push({ field: `${field}.kind`, code: CaseFieldCodes.ROUTE_ORDER, message: 'the origin must come first' });
      if (p.kind === 'destination' && i !== points.length - 1) {
        problems.push({ field: `${field}.kind`, code: CaseFieldCodes.ROUTE_ORDER, message: 'the destination must come last' });
      }
      if (p.district !== undefined && p.country !== 'PAK') {
        problems.push({ field: `${field}.district`, code: CaseFieldCodes.DISTRICT_OUTSIDE_PAKISTAN, message: 'a district is given only for points in Pakistan' });
      }
    });
    return points.map((p, i) => {
      let districtCode: string | null = null;
      if (p.district !== undefined && p.country === 'PAK') {
        const d = lookup.find(p.district);
        if (!d) problems.push({ field: `route[${i}].district`, code: CaseFieldCodes.UNKNOWN_DISTRICT, message: 'unknown district' });
        districtCode = d?.code ?? null;
      }
      return { kind: p.kind, countryCode: p.country, districtCode, place: p.place?.trim() || null };
    });
  }

  private async saveRoute(manager: EntityManager, caseId: string, route: Array<Pick<RoutePoint, 'kind' | 'countryCode' | 'districtCode' | 'place'>>): Promise<void> {
    if (route.length) await manager.insert(RoutePoint, route.map((p, position) => ({ ...p, caseId, position })));
  }

  /** 409 naming the existing case when another live case has the same natural key. */
  private async assertUnique(manager: EntityManager, record: CaseRecord): Promise<void> {
    const existing = await manager.findOne(CaseRecord, {
      select: { id: true },
      where: {
        jurisdictionCode: record.jurisdictionCode,
        districtCode: record.districtCode,
        policeStationKey: record.policeStationKey,
        firNumber: record.firNumber,
        firYear: record.firYear,
        deletedAt: IsNull(),
        ...(record.id ? { id: Not(record.id) } : {}),
      },
    });
    if (existing) {
      throw new DomainError(CaseErrors.DUPLICATE, 'A case with this FIR number, year, police station and district already exists', {
        existingId: existing.id,
      });
    }
  }
}
