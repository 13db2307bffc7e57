import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Not, Repository } from 'typeorm';
import type { ReadScope } from 'src/cases/case-access.service';
import { CaseStatusEvent } from 'src/cases/case-status-event.entity';
import { CaseRecord } from 'src/cases/case.entity';
import { caseSelection, CountedRows } from 'src/cases/case-selection';
import { CaseFilterDto } from 'src/cases/dto/case-filter.dto';
import { CaseQueryDto, CASE_SORTS } from 'src/cases/dto/case-query.dto';
import { RoutePoint } from 'src/cases/route-point.entity';
import { within } from 'src/database/transactions';
import { AppealStatus, ProsecutionOutcome } from 'src/reference/code-lists';

export type NewRoutePoint = Pick<RoutePoint, 'kind' | 'countryCode' | 'districtCode' | 'place'>;
export type NewStatusEvent = Pick<
  CaseStatusEvent,
  'caseId' | 'fromStatus' | 'toStatus' | 'statusDate' | 'actorId' | 'importBatchId'
>;

/** A prosecution of a case as its consistency rules need it. */
export interface StoredProsecution {
  ref: string;
  prosecution_date: string;
  outcome: ProsecutionOutcome;
  outcome_date: string | null;
  appeal_status: AppealStatus | null;
}

/** Cases, their routes and their status history. Deleted cases are found by none of the reads. */
@Injectable()
export class CasesRepository {
  constructor(
    @InjectRepository(CaseRecord) private readonly cases: Repository<CaseRecord>,
    @InjectRepository(RoutePoint) private readonly routePoints: Repository<RoutePoint>,
    @InjectRepository(CaseStatusEvent) private readonly statusEvents: Repository<CaseStatusEvent>,
  ) {}

  /** One page of the cases the filters select within `scope` (the caller's, checked), with their number. */
  page(q: CaseQueryDto, scope: ReadScope): Promise<[CaseRecord[], number]> {
    const selection = caseSelection('stored_case', q, scope);
    return this.cases
      .createQueryBuilder('stored_case')
      .where(selection.where, selection.params)
      .orderBy(`stored_case.${CASE_SORTS[q.sort]}`, q.order === 'asc' ? 'ASC' : 'DESC')
      .addOrderBy('stored_case.id', 'ASC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
  }

  /** The victims or persons the filter's basis counts among the cases it selects (see countedRows). */
  async countedAmong(rows: CountedRows, q: CaseFilterDto, scope: ReadScope): Promise<number> {
    const selection = caseSelection('stored_case', q, scope);
    const [sql, params] = this.cases.manager.connection.driver.escapeQueryWithParameters(
      `SELECT ${rows.count}::int AS counted FROM ${rows.from} JOIN cases stored_case ON stored_case.id = ${rows.caseId}
        WHERE ${selection.where} AND ${rows.condition}`,
      selection.params,
      {},
    );
    const [{ counted }] = await this.cases.query<Array<{ counted: number }>>(sql, params);
    return counted;
  }

  /** A live case, of reporting unit `unit` when given; `lock` holds it until the transaction ends. */
  findLive(
    id: string,
    unit: string | null,
    options: { manager?: EntityManager; lock?: boolean } = {},
  ): Promise<CaseRecord | null> {
    return within(this.cases, options.manager).findOne({
      where: { id, deletedAt: IsNull(), ...(unit ? { reportingUnitCode: unit } : {}) },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /** The id of another live case with the same natural key (jurisdiction, district, police station, FIR number and year). */
  async duplicateOf(record: CaseRecord, manager?: EntityManager): Promise<string | null> {
    const existing = await within(this.cases, manager).findOne({
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
    return existing?.id ?? null;
  }

  create(fields: Omit<CaseRecord, 'id' | 'createdAt' | 'updatedAt' | 'version'>, manager?: EntityManager): CaseRecord {
    return within(this.cases, manager).create(fields);
  }

  async save(record: CaseRecord, manager?: EntityManager): Promise<void> {
    await within(this.cases, manager).save(record);
  }

  /** The case's version as stored (the triggers move it on at every change of the case or its records). */
  async versionOf(id: string, manager?: EntityManager): Promise<number> {
    const found = await within(this.cases, manager).findOne({ where: { id }, select: { id: true, version: true } });
    return found?.version ?? 1;
  }

  async softDelete(id: string, manager?: EntityManager): Promise<void> {
    await within(this.cases, manager).update(id, { deletedAt: new Date() });
  }

  /** The route points of the given cases, in no particular order. */
  routesOf(caseIds: string[], manager?: EntityManager): Promise<RoutePoint[]> {
    return caseIds.length ? within(this.routePoints, manager).findBy({ caseId: In(caseIds) }) : Promise.resolve([]);
  }

  /** Replaces a case's route by `route`, in its order. */
  async replaceRoute(caseId: string, route: NewRoutePoint[], manager?: EntityManager): Promise<void> {
    const routePoints = within(this.routePoints, manager);
    await routePoints.delete({ caseId });
    if (route.length) await routePoints.insert(route.map((point, position) => ({ ...point, caseId, position })));
  }

  history(caseId: string): Promise<CaseStatusEvent[]> {
    return this.statusEvents.find({ where: { caseId }, order: { statusDate: 'ASC', id: 'ASC' } });
  }

  async addStatusEvents(events: NewStatusEvent[], manager?: EntityManager): Promise<void> {
    await within(this.statusEvents, manager).insert(events);
  }

  /** The case's prosecutions, each with its defendant's ref and its conviction's appeal status. */
  prosecutionsOf(caseId: string, manager?: EntityManager): Promise<StoredProsecution[]> {
    return (manager ?? this.cases.manager).query(
      `SELECT defendant.ref, prosecution.prosecution_date::text, prosecution.outcome, prosecution.outcome_date::text, conviction.appeal_status
         FROM prosecutions prosecution
         JOIN defendants defendant ON defendant.id = prosecution.defendant_id
         LEFT JOIN convictions conviction ON conviction.prosecution_id = prosecution.id
        WHERE prosecution.case_id = $1
        ORDER BY defendant.ref`,
      [caseId],
    );
  }
}
