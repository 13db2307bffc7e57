import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { AuthUser } from 'src/auth/auth-user';
import { CaseAccess } from 'src/cases/case-access.service';
import { assertValidCaseFilter, countedRows } from 'src/cases/case-selection';
import { firYearProblems, resolveDistrict, resolveRoute } from 'src/cases/case-input';
import { consistencyProblems, transitionProblem } from 'src/cases/case-rules';
import { CaseStatusEvent } from 'src/cases/case-status-event.entity';
import { CaseRecord } from 'src/cases/case.entity';
import { CasesRepository, NewRoutePoint, NewStatusEvent } from 'src/cases/cases.repository';
import { CaseQueryDto } from 'src/cases/dto/case-query.dto';
import { CreateCaseDto, RoutePointDto, UpdateCaseDto } from 'src/cases/dto/case.dto';
import { CasePageResponse, CaseResponse, toCaseResponse } from 'src/cases/dto/case.response';
import { RoutePoint } from 'src/cases/route-point.entity';
import { todayInPakistan } from 'src/common/dto/iso-date';
import { DomainError, FieldProblem } from 'src/common/errors/domain-error';
import { CaseErrors, CommonErrors } from 'src/common/errors/error-codes';
import { Transactions } from 'src/database/transactions';
import { CaseFieldCodes, CommonFieldCodes } from 'src/common/errors/field-codes';
import { DistrictLookup, DistrictResolver } from 'src/jurisdictions/district-resolver.service';
import { JurisdictionsRepository } from 'src/jurisdictions/jurisdictions.repository';
import { nameKey } from 'src/reference/name-key';
import { captureCases } from 'src/submissions/month-locks';
import { ReferenceRepository } from 'src/reference/reference.repository';

/** Fields whose change is audited by name (never by value). */
const AUDITED_FIELDS = [
  'districtCode',
  'policeStation',
  'reportingAgency',
  'firNumber',
  'firYear',
  'firDate',
  'offenceFamily',
  'lawSections',
  'traffickingType',
  'exploitationForms',
  'status',
  'statusDate',
  'investigationConcludedOn',
  'remarks',
] as const;

/** Fields a change copies as given. */
const PLAIN_FIELDS = [
  'firYear',
  'firDate',
  'offenceFamily',
  'lawSections',
  'traffickingType',
  'exploitationForms',
  'investigationConcludedOn',
  'remarks',
] as const;

/**
 * The case routes: each write checks the fields (case-input), the case's rules (case-rules)
 * and the natural key, then writes the case, its route, its status events and the audit
 * event in one transaction.
 */
@Injectable()
export class CasesService {
  constructor(
    private readonly cases: CasesRepository,
    private readonly transactions: Transactions,
    private readonly access: CaseAccess,
    private readonly districts: DistrictResolver,
    private readonly jurisdictions: JurisdictionsRepository,
    private readonly reference: ReferenceRepository,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, q: CaseQueryDto): Promise<CasePageResponse> {
    assertValidCaseFilter(q);
    if (q.after && q.before)
      throw new DomainError(CommonErrors.VALIDATION_FAILED, 'A page follows one cursor', {
        errors: [{ field: 'before', code: CommonFieldCodes.NOT_ALLOWED, message: 'give after or before, not both' }],
      });
    const scope = await this.access.readScope(user, q);
    const counted = countedRows('stored_case', q);
    // a search: the police stations it names are found first, then its cases counted: how many it
    // matches decides how its page is read (see CasesRepository.page)
    const stations = q.search ? await this.cases.stationsNamed(q.search) : undefined;
    const searched = q.search ? await this.cases.count(q, scope, stations) : null;
    const [{ rows, more }, total, countedTotal] = await Promise.all([
      this.cases.page(q, scope, searched, stations),
      searched ?? this.cases.count(q, scope),
      counted ? this.cases.countedAmong(counted, q, scope, stations) : null,
    ]);
    const hasPrevious = q.before ? more : !!q.after || q.page > 1;
    const hasNext = !!q.before || more;
    const route = await this.cases.routesOf(rows.map((r) => r.id));
    return {
      ...(counted ? { [counted.kind]: countedTotal } : {}),
      items: rows.map((r) =>
        toCaseResponse(
          r,
          route.filter((p) => p.caseId === r.id),
        ),
      ),
      total,
      page: q.page,
      pageSize: q.pageSize,
      nextCursor: rows.length && hasNext ? rows[rows.length - 1].id : null,
      previousCursor: rows.length && hasPrevious ? rows[0].id : null,
    };
  }

  async get(user: AuthUser, id: string): Promise<CaseResponse> {
    const found = await this.access.find(user, id);
    return toCaseResponse(found, await this.cases.routesOf([id]));
  }

  async history(user: AuthUser, id: string): Promise<CaseStatusEvent[]> {
    await this.access.find(user, id);
    return this.cases.history(id);
  }

  async create(user: AuthUser, dto: CreateCaseDto): Promise<CaseResponse> {
    const lookup = await this.districts.load();
    return this.transactions.run(async (manager) => {
      const { unit, jurisdiction } = await this.access.writeTarget(
        user,
        dto,
        lookup.find(dto.district)?.jurisdiction,
        manager,
      );
      const problems: FieldProblem[] = [];
      if (!jurisdiction)
        problems.push({ field: 'jurisdiction', code: CommonFieldCodes.REQUIRED, message: 'jurisdiction is required' });
      else if (!(await this.jurisdictions.exists(jurisdiction, manager))) {
        problems.push({
          field: 'jurisdiction',
          code: CaseFieldCodes.UNKNOWN_JURISDICTION,
          message: 'unknown jurisdiction code',
        });
      }
      const districtCode = resolveDistrict(lookup, jurisdiction, dto.district, problems);
      const status = dto.status ?? 'registered';
      const statusDate = dto.statusDate ?? (status === 'registered' ? dto.firDate : undefined);
      if (!statusDate)
        problems.push({
          field: 'statusDate',
          code: CommonFieldCodes.REQUIRED,
          message: 'statusDate is required for a status other than registered',
        });
      const route = await this.route(manager, lookup, dto.route ?? [], problems);
      const record = this.cases.create(
        {
          jurisdictionCode: jurisdiction ?? '',
          districtCode: districtCode ?? '',
          policeStation: dto.policeStation.trim(),
          policeStationKey: nameKey(dto.policeStation),
          reportingUnitCode: unit.code,
          reportingAgency: unit.agency,
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
        },
        manager,
      );
      firYearProblems(record, problems);
      const facts = {
        firDate: record.firDate,
        status,
        statusDate: record.statusDate,
        investigationConcludedOn: record.investigationConcludedOn,
        prosecutions: [],
      };
      problems.push(...consistencyProblems(facts, todayInPakistan()));
      const transition = transitionProblem('registered', status, record.firDate, facts);
      if (transition) problems.push({ field: 'status', code: CaseErrors.ILLEGAL_TRANSITION, message: transition });
      if (problems.length)
        throw new DomainError(CaseErrors.INVALID, 'The case has invalid fields', { errors: problems });

      await this.assertUnique(manager, record);
      await this.cases.save(record, manager);
      await captureCases(manager, [{ id: record.id, unit: record.reportingUnitCode }], true);
      await this.cases.replaceRoute(record.id, route, manager);
      const event = { caseId: record.id, actorId: user.id, importBatchId: null };
      const events: NewStatusEvent[] = [
        { ...event, fromStatus: null, toStatus: 'registered', statusDate: record.firDate },
      ];
      if (status !== 'registered')
        events.push({ ...event, fromStatus: 'registered', toStatus: status, statusDate: record.statusDate });
      await this.cases.addStatusEvents(events, manager);
      await this.audit.record(
        {
          actor: user,
          action: 'case.create',
          entity: 'case',
          entityId: record.id,
          jurisdiction: record.jurisdictionCode,
          changedFields: [...AUDITED_FIELDS.filter((f) => record[f] !== null), ...(route.length ? ['route'] : [])],
        },
        manager,
      );
      return toCaseResponse(
        record,
        route.map((p, i) => ({ ...p, position: i }) as RoutePoint),
      );
    });
  }

  async update(user: AuthUser, id: string, dto: UpdateCaseDto): Promise<CaseResponse> {
    const lookup = await this.districts.load();
    return this.transactions.run(async (manager) => {
      const record = await this.access.find(user, id, manager, true);
      const before = { ...record };
      const problems: FieldProblem[] = [];
      if (dto.district !== undefined) {
        record.districtCode =
          resolveDistrict(lookup, record.jurisdictionCode, dto.district, problems) ?? record.districtCode;
      }
      if (dto.policeStation !== undefined) {
        record.policeStation = dto.policeStation.trim();
        record.policeStationKey = nameKey(dto.policeStation);
      }
      if (dto.firNumber !== undefined) record.firNumber = dto.firNumber.trim();
      if (dto.reportingAgency !== undefined && dto.reportingAgency !== record.reportingAgency)
        problems.push({
          field: 'reportingAgency',
          code: CommonFieldCodes.NOT_ALLOWED,
          message: `the case belongs to ${record.reportingUnitCode}, of agency ${record.reportingAgency}`,
        });
      for (const field of PLAIN_FIELDS)
        if (dto[field] !== undefined) (record as unknown as Record<string, unknown>)[field] = dto[field];
      const statusChanged = dto.status !== undefined && dto.status !== before.status;
      if (statusChanged) {
        record.status = dto.status!;
        if (!dto.statusDate)
          problems.push({
            field: 'statusDate',
            code: CommonFieldCodes.REQUIRED,
            message: 'a status change needs its statusDate',
          });
        else if (dto.statusDate < before.statusDate) {
          problems.push({
            field: 'statusDate',
            code: CaseFieldCodes.DATE_ORDER,
            message: 'statusDate is before the date of the current status',
          });
        }
        record.statusDate = dto.statusDate ?? before.statusDate;
      } else if (dto.statusDate !== undefined) {
        record.statusDate = dto.statusDate;
      }
      const route = dto.route !== undefined ? await this.route(manager, lookup, dto.route, problems) : undefined;
      firYearProblems(record, problems);
      const facts = await this.access.facts(manager, record);
      problems.push(...consistencyProblems(facts, todayInPakistan()));
      if (statusChanged) {
        const transition = transitionProblem(before.status, record.status, before.statusDate, facts);
        if (transition) problems.push({ field: 'status', code: CaseErrors.ILLEGAL_TRANSITION, message: transition });
      }
      if (problems.length)
        throw new DomainError(CaseErrors.INVALID, 'The case has invalid fields', { errors: problems });

      const keyChanged = (['districtCode', 'policeStationKey', 'firNumber', 'firYear'] as const).some(
        (k) => record[k] !== before[k],
      );
      if (keyChanged) await this.assertUnique(manager, record);
      const changed: string[] = AUDITED_FIELDS.filter((f) => JSON.stringify(record[f]) !== JSON.stringify(before[f]));
      if (route) {
        await this.cases.replaceRoute(id, route, manager);
        changed.push('route');
      }
      if (changed.length) {
        await this.cases.save(record, manager);
        if (statusChanged) {
          await this.cases.addStatusEvents(
            [
              {
                caseId: id,
                fromStatus: before.status,
                toStatus: record.status,
                statusDate: record.statusDate,
                actorId: user.id,
                importBatchId: null,
              },
            ],
            manager,
          );
        }
        await this.audit.record(
          {
            actor: user,
            action: 'case.update',
            entity: 'case',
            entityId: id,
            jurisdiction: record.jurisdictionCode,
            changedFields: changed,
          },
          manager,
        );
      }
      // the database counted the change (the case's triggers): answer the version it now has
      record.version = await this.cases.versionOf(id, manager);
      return toCaseResponse(record, await this.cases.routesOf([id], manager));
    });
  }

  /** Soft delete: the case leaves every list and statistic; the audit log keeps who and when. */
  async remove(user: AuthUser, id: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const record = await this.access.find(user, id, manager, true);
      await this.cases.softDelete(id, manager);
      await this.audit.record(
        {
          actor: user,
          action: 'case.delete',
          entity: 'case',
          entityId: id,
          jurisdiction: record.jurisdictionCode,
          changedFields: ['deletedAt'],
        },
        manager,
      );
    });
  }

  private async route(
    manager: EntityManager,
    lookup: DistrictLookup,
    points: RoutePointDto[],
    problems: FieldProblem[],
  ): Promise<NewRoutePoint[]> {
    const known = await this.reference.knownCountries(
      points.map((p) => p.country),
      manager,
    );
    return resolveRoute(lookup, known, points, problems);
  }

  /** 409 naming the existing case when another live case has the same natural key. */
  private async assertUnique(manager: EntityManager, record: CaseRecord): Promise<void> {
    const existingId = await this.cases.duplicateOf(record, manager);
    if (existingId) {
      throw new DomainError(
        CaseErrors.DUPLICATE,
        'A case with this FIR number, year, police station and district already exists',
        { existingId },
      );
    }
  }
}
