import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Not, Repository } from 'typeorm';
import type { ReadScope } from 'src/cases/case-access.service';
import { CaseStatusEvent } from 'src/cases/case-status-event.entity';
import { CaseRecord } from 'src/cases/case.entity';
import { caseListCount, countedByTable } from 'src/cases/case-list-counts';
import { caseSelection, CountedRows, searchPattern, STATIONS_NAMED } from 'src/cases/case-selection';
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

/** Up to how many matches a search's page is read by sorting them (CasesRepository.page). */
const SORTED_MATCHES = 5_000;

/** Cases, their routes and their status history. Deleted cases are found by none of the reads. */
@Injectable()
export class CasesRepository {
  constructor(
    @InjectRepository(CaseRecord) private readonly cases: Repository<CaseRecord>,
    @InjectRepository(RoutePoint) private readonly routePoints: Repository<RoutePoint>,
    @InjectRepository(CaseStatusEvent) private readonly statusEvents: Repository<CaseStatusEvent>,
  ) {}

  /**
   * One page of the cases the filters select within `scope` (the caller's, checked), in the
   * order asked (ties by id, the same way). After a cursor (`after`: the last case of the page
   * before; `before`: the first of the page after) the page starts there whatever its number,
   * read through the sort's index however deep it is; else `page` counts from the start. One
   * case more than the page is read, to tell whether another page follows. The page's cases are
   * found by their ids first (from the indexes alone where they hold the filters' columns, so
   * the cases passed over to reach a page are not read), then read. `matches`, the number
   * of cases a search selects: up to SORTED_MATCHES, the matches are found through the search's
   * trigram indexes and sorted (walking the order's index until the page is full would pass over
   * most of the million cases); more, and the walk is the quicker.
   */
  async page(
    q: CaseQueryDto,
    scope: ReadScope,
    matches: number | null = null,
    stations?: readonly string[],
  ): Promise<{ rows: CaseRecord[]; more: boolean }> {
    const selection = caseSelection('listed_case', q, scope, stations);
    const sorted = CASE_SORTS[q.sort];
    const column = `listed_case.${sorted}`;
    const backwards = !!q.before;
    const direction = (q.order === 'asc') === backwards ? 'DESC' : 'ASC';
    // the same order, in an expression no index gives: the planner reads the matches and sorts them
    const order = matches !== null && matches <= SORTED_MATCHES ? `COALESCE(${column}, ${column})` : column;
    const listed = this.cases
      .createQueryBuilder('listed_case')
      .select('listed_case.id')
      .where(selection.where, selection.params)
      .orderBy(order, direction)
      .addOrderBy('listed_case.id', direction)
      .limit(q.pageSize + 1);
    const cursor = q.after ?? q.before;
    // a cursor outside the caller's scope is no case at all (an empty page): its sort value stays unread
    if (cursor)
      listed.andWhere(
        `(${column}, listed_case.id) ${direction === 'DESC' ? '<' : '>'} (SELECT cursor_case.${sorted}, cursor_case.id FROM cases cursor_case
            WHERE cursor_case.id = :cursor AND (:case_jurisdiction::varchar IS NULL OR cursor_case.jurisdiction_code = :case_jurisdiction)
              AND (:case_units::text[] IS NULL OR cursor_case.reporting_unit_code = ANY(:case_units::text[])))`,
        { cursor },
      );
    else listed.offset((q.page - 1) * q.pageSize);
    const rows = await this.cases
      .createQueryBuilder('stored_case')
      .where(`stored_case.id IN (${listed.getQuery()})`, listed.getParameters())
      .orderBy(`stored_case.${sorted}`, direction)
      .addOrderBy('stored_case.id', direction)
      .getMany();
    const more = rows.length > q.pageSize;
    const page = rows.slice(0, q.pageSize);
    return { rows: backwards ? page.reverse() : page, more };
  }

  /**
   * The number of cases the filters select within `scope`: summed from the kept counts when the
   * list's own filters are all there is (case_list_counts), else counted on the cases.
   */
  async count(q: CaseQueryDto, scope: ReadScope, stations?: readonly string[]): Promise<number> {
    if (countedByTable(q)) {
      const { sql, params } = caseListCount(q, scope);
      const [{ total }] = await this.cases.query<Array<{ total: number }>>(sql, params);
      return total;
    }
    const selection = caseSelection('stored_case', q, scope, stations);
    if (!selection.search)
      return this.cases.createQueryBuilder('stored_case').where(selection.where, selection.params).getCount();
    // a search: its stations' cases counted from their index alone, then the cases whose FIR number
    // matches and station does not (through the FIR numbers' trigram index). Counted as one
    // condition, the planner read every case's index entry and keyed each FIR number again (300 ms
    // at a million cases).
    const { station, firNumber, without } = selection.search;
    const [sql, params] = this.cases.manager.connection.driver.escapeQueryWithParameters(
      `SELECT (SELECT count(*) FROM cases stored_case WHERE ${without} AND ${station})
            + (SELECT count(*) FROM cases stored_case WHERE ${without} AND ${firNumber} AND NOT (${station})) AS total`,
      selection.params,
      {},
    );
    const [{ total }] = await this.cases.query<Array<{ total: string }>>(sql, params);
    return Number(total);
  }

  /** The keys of the police stations a search names (a few thousand keys are read, not the cases). */
  async stationsNamed(search: string): Promise<string[]> {
    const rows = await this.cases.query<Array<{ key: string }>>(STATIONS_NAMED('$1'), [searchPattern(search)]);
    return [...new Set(rows.map((row) => row.key))];
  }

  /** The victims or persons the filter's basis counts among the cases it selects (see countedRows). */
  async countedAmong(
    rows: CountedRows,
    q: CaseFilterDto,
    scope: ReadScope,
    stations?: readonly string[],
  ): Promise<number> {
    const selection = caseSelection('stored_case', q, scope, stations);
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
