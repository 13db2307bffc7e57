import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { isDatabaseUnavailable } from 'src/common/errors/database-unavailable';
import { CaseStatus } from 'src/reference/code-lists';
import { TrendGroup, TrendMetric } from 'src/statistics/dto/statistics-query.dto';
import {
  ADDED_UP,
  ATTRITION_ADDED_UP,
  ATTRITION_PARTS_ADDED_UP,
  EDGE_SUMMARY,
  EdgeDays,
  EdgeSource,
  investigatedAddedUp,
  investigatedTrendCorrections,
  onEdgeCases,
  TREND_ADDED_UP,
  unlimited,
} from 'src/statistics/period-edges.sql';
import * as CUBE from 'src/statistics/statistics-cube.sql';
import * as SQL from 'src/statistics/statistics.sql';

export interface AttritionRow {
  registered: number;
  investigationConcluded: number;
  challanSubmitted: number;
  prosecuted: number;
  convicted: number;
  acquitted: number;
  cancelled: number;
  untraced: number;
  firToChallan: number | null;
  challanToJudgment: number | null;
  firToJudgment: number | null;
}

/** Defendants whose CNIC hash appears in two or more cases (the hash never leaves the query). */
export interface RepeatOffenderRow {
  cases: number;
  jurisdictions: number;
  firstFirDate: string;
  lastFirDate: string;
}

/**
 * The cube's parameters for a question the cube can answer, and the generation of the cube that
 * answers it; null while another refresh held the cube when asked: the question waits for it
 * (StatisticsRepository.awaitCube), else the case tables answer.
 */
export interface CubeQuery {
  values: unknown[];
  generation: number | null;
  /** A period cut at days: its edge days, counted from the case tables (`values` hold its whole months; period-edges.sql.ts). */
  edges?: EdgeDays;
}

/**
 * A figure counted in parts — rows that add up to it: the cube's rows of whole months, kept and
 * brought forward across the cube's generations by what each added (overGenerationDeltas), and
 * for a period cut at days what its edge days add. Its case-table and cube queries; how the edge
 * days are counted (`edges`, as period-edges.sql.ts says: 'days', 'cases' or 'summary';
 * `sources`, the dates it compares with the period; `lastEdgeOnly` for a figure as at the
 * period's end; `edgeTables`, the case-table query of the edge days when not `tables`); how the
 * parts are added up into the figure (`addedUp`, its parameters after the parts `rest` of the
 * question's) and into parts again (`compacted`: unlimited); whether the cube's answer of whole
 * months is its own parts (`answerIsParts`: not limited, no medians); and which of the figure's
 * own parameters is its limit (left out of the parts).
 */
interface PartsFigure {
  tables: string;
  cube: string;
  edges: 'days' | 'cases' | 'summary';
  sources: EdgeSource[];
  lastEdgeOnly?: boolean;
  edgeTables?: string;
  addedUp: string;
  rest: (values: unknown[]) => unknown[];
  compacted: { sql: string; rest: (values: unknown[]) => unknown[] };
  answerIsParts: boolean;
  limitAt?: number;
}

/** A PartsFigure without its queries, which the figure's method gives. */
type PartsCount = Omit<PartsFigure, 'tables' | 'cube'>;

/**
 * How many statistics queries count from the case tables at once, per process (the edge days
 * of a period cut at days among them). Each holds a connection for up to seconds at a million
 * cases; the others wait their turn here, not in the pool,
 * so the pool's other connections stay free for everything else (an import's commit included).
 */
const CASE_TABLE_QUERIES_AT_ONCE = 3;

/**
 * How long a figure the cube answers waits for another refresh (of a few cells, seconds at a
 * million cases) before it is counted from the case tables, and how often it looks.
 */
const CUBE_WAIT_MS = 10_000;
const CUBE_POLL_MS = 250;

/**
 * Up to how many marked cases a refresh takes their own changes (StatisticsCube deltaSql); more
 * are counted by recomputing their cells, whose cost does not grow with the number of cases
 * (at a million cases: 20,000 uploaded cases' own changes 4–7 s; their jurisdiction recomputed
 * whole, 64–82 s). As many as a statement marks by case (migration StatisticsMarksByCaseForUploads).
 */
export const CASE_DELTAS_UP_TO = 50_000;

/** The marked cases' own changes (deltaSql) as one round trip: some 130 statements of a few rows each, none with parameters. */
const CASE_DELTAS = CUBE.deltaSql().join(';\n');

/**
 * How many times a figure cut at days is tried in a snapshot in which the cube is up to date,
 * refreshing it in between, before the case tables count it (seconds at a million cases).
 */
const SNAPSHOT_TRIES = 5;

/**
 * How long a writer's own refresh (refreshWithin) waits for another refresh, or another
 * transaction's write of a marked case, to end, and how often it looks; a refresh of a few edits
 * takes ≈ 0.1 s, one recomputing a jurisdiction whole, a minute; an edit of a case, milliseconds.
 */
const WRITER_WAITS_MS = 2_000;
const WRITER_POLL_MS = 50;

/**
 * What one try of a writer's refresh took: how many marked cases, all held; or why it took
 * nothing, and whether to try `again` (the other transaction ends in milliseconds).
 */
type HeldMarks = { readonly cases: number } | { readonly why: string; readonly again: boolean };

/** PostgreSQL's serialization_failure: a refresh that committed meanwhile changed rows this one read. */
const SERIALIZATION_FAILURE = '40001';

/** How many answers from the cube are kept (the least recently asked go first). */
const KEPT_ANSWERS = 2000;

/**
 * Runs the reviewed statistics SQL. Each figure is read from the case tables with `params`
 * (the seven parameters of statistics.sql.ts), or from the monthly cube when `cube` holds its
 * parameters; the cube's own upkeep is here too. An answer from the cube is kept with the
 * cube's generation and given again for the same question while the generation is the same
 * (the same cube gives the same figures): a dashboard many people open costs its queries once
 * per change of the cube.
 */
@Injectable()
export class StatisticsRepository {
  private readonly logger = new Logger('StatisticsCube');
  private readonly answers = new Map<string, { generation: number; rows: unknown[] }>();
  /** A short name for each cube query's text, for the keys of `answers`. */
  private readonly queryNames = new Map<string, number>();
  /** Case-table queries running, and those waiting for one of them to end (CASE_TABLE_QUERIES_AT_ONCE). */
  private caseTableQueries = 0;
  private readonly waitingForCaseTables: Array<() => void> = [];
  /** This process's refresh of the cube, while one runs (upToDate). */
  private refreshing: Promise<number | null> | null = null;
  /** Cube queries being asked, by generation and question: the same question at once is asked once. */
  private readonly asking = new Map<string, Promise<unknown[]>>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The summary per jurisdiction. From the case tables (a district filter, a period holding no
   * whole month) it is counted per reporting unit once, in a snapshot in which the cube is up to
   * date, and kept at the cube's generation: the summary's figures by agency pick their units' rows.
   */
  async summary(params: unknown[], cube: CubeQuery | null): Promise<Array<Record<string, number | string>>> {
    if (!cube) {
      const generation = await this.upToDate();
      const everyUnit = [...params.slice(0, 7), null];
      const rows =
        generation === null
          ? null
          : await this.keptInUpToDateSnapshot(
              `summary by unit ${JSON.stringify(everyUnit)}`,
              generation,
              (manager) => manager.query<Array<Record<string, number | string>>>(SQL.SUMMARY_BY_UNIT, everyUnit),
              params[3] as string | null,
            );
      if (rows) return this.summedByJurisdiction(rows, params[2] as string | null, params[7] as string[] | null);
    }
    return this.figures(SQL.SUMMARY_BY_JURISDICTION, CUBE.CUBE_SUMMARY, params, cube, {
      edges: 'summary',
      sources: [],
      ...summed(ADDED_UP.summary),
    });
  }

  status(
    params: unknown[],
    cube: CubeQuery | null,
  ): Promise<Array<{ jurisdiction: string; status: CaseStatus; count: number }>> {
    return this.figures(SQL.STATUS_BY_JURISDICTION, CUBE.CUBE_STATUS, params, cube, {
      edges: 'cases',
      sources: ['fir', 'status'],
      lastEdgeOnly: true,
      ...summed(ADDED_UP.status),
    });
  }

  demographics<T>(params: unknown[], cube: CubeQuery | null): Promise<T[]> {
    return this.figures(SQL.DEMOGRAPHICS, CUBE.CUBE_DEMOGRAPHICS, params, cube, {
      ...(params[9] === 'prosecuted'
        ? { edges: 'cases', sources: ['prosecution'] }
        : { edges: 'days', sources: ['fir'] }),
      ...summed(ADDED_UP.demographics),
    });
  }

  /** A trend; `cube` only for a grouping the cube keeps. */
  trend(
    metric: TrendMetric,
    group: TrendGroup,
    params: unknown[],
    cube: CubeQuery | null,
  ): Promise<Array<{ start: string; key: string; value: number }>> {
    if (metric === 'casesInvestigated' && cube?.edges && group !== 'sex')
      return this.investigatedAcrossEdges(group, params, cube);
    if (metric === 'casesInvestigated' && group !== 'sex')
      return this.figures(
        SQL.trendQuerySql(metric, group),
        CUBE.cubeInvestigatedTrendSql(group, true),
        params,
        cube,
        INVESTIGATED_PARTS,
      );
    return this.figures(
      SQL.trendQuerySql(metric, group),
      cube ? CUBE.cubeTrendQuerySql(metric, group) : '',
      params,
      cube,
      {
        edges: 'days',
        sources: TREND_SOURCES[metric],
        addedUp: TREND_ADDED_UP,
        rest: trendRest,
        compacted: { sql: TREND_ADDED_UP, rest: trendRest },
        answerIsParts: true,
      },
    );
  }

  routeFlows<T>(params: unknown[], cube: CubeQuery | null): Promise<T[]> {
    return this.figures(SQL.ROUTE_FLOWS, CUBE.CUBE_ROUTE_FLOWS, params, cube, routes(ADDED_UP.routeFlows, params));
  }

  routeTransits<T>(params: unknown[], cube: CubeQuery | null): Promise<T[]> {
    return this.figures(
      SQL.ROUTE_TRANSITS,
      CUBE.CUBE_ROUTE_TRANSITS,
      params,
      cube,
      routes(ADDED_UP.routeTransits, params),
    );
  }

  routeLegs<T>(params: unknown[], cube: CubeQuery | null): Promise<T[]> {
    return this.figures(SQL.ROUTE_LEGS, CUBE.CUBE_ROUTE_LEGS, params, cube, routes(ADDED_UP.routeLegs, params));
  }

  /** Attrition; from the cube, its counts and the distributions behind its medians as rows to add up (ATTRITION_PARTS). */
  async attrition(params: unknown[], cube: CubeQuery | null): Promise<AttritionRow> {
    const [row] = await this.figures<AttritionRow>(SQL.ATTRITION, CUBE.CUBE_ATTRITION_PARTS, params, cube, {
      edges: 'days',
      sources: ['fir'],
      edgeTables: SQL.ATTRITION_PARTS,
      addedUp: ATTRITION_ADDED_UP,
      rest: () => [],
      compacted: { sql: ATTRITION_PARTS_ADDED_UP, rest: () => [] },
      answerIsParts: false,
    });
    return row;
  }

  vulnerabilities<T>(params: unknown[], cube: CubeQuery | null): Promise<T[]> {
    return this.figures(SQL.VULNERABILITIES, CUBE.CUBE_VULNERABILITIES, params, cube, {
      edges: 'days',
      sources: ['fir', 'identified'],
      ...summed(ADDED_UP.vulnerabilities),
    });
  }

  hotspots<T>(params: unknown[], cube: CubeQuery | null): Promise<T[]> {
    return this.figures(SQL.HOTSPOTS, CUBE.CUBE_HOTSPOTS, params, cube, {
      edges: 'days',
      sources: ['fir', 'identified'],
      ...summed(ADDED_UP.hotspots, 25),
    });
  }

  /**
   * Repeat offenders take the same parameters from either source. From the cube (up to date when
   * `fromCube`), the answer is kept at the cube's generation, as read in one snapshot with it.
   */
  async repeatOffenders(params: unknown[], fromCube: boolean): Promise<RepeatOffenderRow[]> {
    if (!fromCube) return this.figures(SQL.REPEAT_OFFENDERS, CUBE.CUBE_REPEAT_OFFENDERS, params, null);
    const { generation } = await this.cubeState();
    const kept = await this.kept(`repeat offenders ${JSON.stringify(params)}`, generation, () =>
      this.dataSource.transaction('REPEATABLE READ', async (manager) => {
        const [state] = await manager.query<Array<{ generation: number }>>(CUBE.HAS_DIRTY);
        return state.generation === generation
          ? manager.query<RepeatOffenderRow[]>(CUBE.CUBE_REPEAT_OFFENDERS, params)
          : null;
      }),
    );
    // a refresh moved the cube on meanwhile: as it is now, not kept
    return kept ?? this.dataSource.query<RepeatOffenderRow[]>(CUBE.CUBE_REPEAT_OFFENDERS, params);
  }

  /** The summary's rows per unit (SUMMARY_BY_UNIT) of the units `units` (null: all) added up per jurisdiction, as SUMMARY_BY_JURISDICTION. */
  private async summedByJurisdiction(
    rows: Array<Record<string, number | string>>,
    jurisdiction: string | null,
    units: string[] | null,
  ): Promise<Array<Record<string, number | string>>> {
    const ofUnits = ofReportingUnits(rows, units);
    return (await this.jurisdictionCodes(jurisdiction)).map(({ code }) => {
      const summed: Record<string, number | string> = { jurisdiction: code };
      for (const row of ofUnits.filter((r) => r.jurisdiction === code))
        for (const [name, value] of Object.entries(row))
          if (typeof value === 'number') summed[name] = ((summed[name] as number | undefined) ?? 0) + value;
      for (const name of SQL.SUMMARY_FIGURES) summed[name] ??= 0;
      return summed;
    });
  }

  /** The codes of every jurisdiction, or of the one given. */
  jurisdictionCodes(jurisdiction: string | null): Promise<Array<{ code: string }>> {
    return this.dataSource.query(
      'SELECT code FROM jurisdictions WHERE $1::varchar IS NULL OR code = $1 ORDER BY code',
      [jurisdiction],
    );
  }

  /** Whether writes have marked cells of the cube for recomputing, and the cube's generation. */
  private async cubeState(): Promise<{ dirty: boolean; generation: number }> {
    const [state] = await this.dataSource.query<Array<{ dirty: boolean; generation: number }>>(CUBE.HAS_DIRTY);
    return state;
  }

  /**
   * The generation of the cube brought up to date: as it is while nothing is dirty, else
   * refreshed (refreshCube); null while a refresh elsewhere (another instance) holds the cube.
   * Within this process one refresh runs at a time: a caller that finds one running waits for
   * it and looks again (what was written after its snapshot takes the next one).
   */
  async upToDate(): Promise<number | null> {
    if (this.refreshing) await this.refreshing.catch(() => null);
    const { dirty, generation } = await this.cubeState();
    if (!dirty) return generation;
    this.refreshing ??= this.loggedRefresh().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async loggedRefresh(): Promise<number | null> {
    const started = Date.now();
    const next = await this.refreshCube();
    if (next !== null) this.logger.log(`statistics cube refreshed in ${Date.now() - started} ms`);
    return next;
  }

  /**
   * Brings the cube up to date in one transaction, in one snapshot (REPEATABLE READ), and answers
   * its next generation; null, with nothing done, while another refresh holds the cube's lock
   * (or when one that committed meanwhile changed what this one read: it tries again). When every
   * mark names a case, the cube takes those cases' own changes (deltaSql); else the dirty cells
   * are recomputed.
   */
  private async refreshCube(): Promise<number | null> {
    try {
      return await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
        const [{ locked }] = await manager.query<Array<{ locked: boolean }>>(CUBE.REFRESH_LOCK);
        if (!locked) return null;
        for (const sql of CUBE.TAKE_MARKS) await manager.query(sql);
        const [{ byCase, cases }] = await manager.query<Array<{ byCase: boolean; cases: number }>>(CUBE.MARKS_BY_CASE);
        if (byCase && cases <= CASE_DELTAS_UP_TO) await manager.query(CASE_DELTAS);
        else await this.recomputeCells(manager);
        const [[{ generation }]] = await manager.query<[Array<{ generation: number }>, number]>(CUBE.NEXT_GENERATION);
        return generation;
      });
    } catch (error) {
      if ((error as { code?: string }).code === SERIALIZATION_FAILURE) return null;
      throw error;
    }
  }

  /**
   * Brings the cube up to date inside a writer's transaction, just before it commits, so that a
   * reader never waits for what it wrote (an upload's 20,000 cases take seconds): the marks the
   * transaction sees — its own and those committed — taken by their cases' own changes (deltaSql)
   * when every one names a case it can hold (HOLD_MARKED_CASES) and they are not too many. Answers
   * the cube's next generation, visible when the writer commits; null, with nothing of it done
   * (a savepoint), when another refresh holds the cube or another transaction writes a marked case
   * for longer than WRITER_WAITS_MS, when a mark names a month or a jurisdiction, or when it fails:
   * the marks then stay for a refresh after the commit, as every other write's do. A lost
   * connection is the writer's own failure and is thrown.
   */
  async refreshWithin(manager: EntityManager): Promise<number | null> {
    await manager.query('SAVEPOINT statistics_cube');
    try {
      const started = Date.now();
      const generation = await this.deltasWithin(manager);
      await manager.query(
        generation === null ? 'ROLLBACK TO SAVEPOINT statistics_cube' : 'RELEASE SAVEPOINT statistics_cube',
      );
      if (generation !== null)
        this.logger.log(`statistics cube refreshed in its writer's transaction in ${Date.now() - started} ms`);
      return generation;
    } catch (error) {
      if (isDatabaseUnavailable(error)) throw error;
      await manager.query('ROLLBACK TO SAVEPOINT statistics_cube');
      this.logger.warn(`the cube was left to a later refresh: ${error instanceof Error ? error.name : typeof error}`);
      return null;
    }
  }

  /**
   * refreshWithin's work, in its savepoint: the next generation, or null when the marks are left as
   * they are. Each try has a savepoint of its own, whose rollback gives back the cube's lock and
   * the marks taken, so that another refresh, or an edit of a marked case (milliseconds), can end
   * before the next try.
   */
  private async deltasWithin(manager: EntityManager): Promise<number | null> {
    const started = Date.now();
    for (;;) {
      await manager.query('SAVEPOINT statistics_marks');
      const taken = await this.takeHeldMarks(manager);
      if ('cases' in taken) {
        if (taken.cases === 0) return null;
        await manager.query(CASE_DELTAS);
        const [[{ generation }]] = await manager.query<[Array<{ generation: number }>, number]>(CUBE.NEXT_GENERATION);
        return generation;
      }
      await manager.query('ROLLBACK TO SAVEPOINT statistics_marks');
      const waited = Date.now() - started;
      if (!taken.again) return this.leftToNextReader(taken.why);
      if (waited >= WRITER_WAITS_MS) return this.leftToNextReader(`${taken.why} (waited ${waited} ms)`);
      await new Promise((resolve) => setTimeout(resolve, WRITER_POLL_MS));
    }
  }

  /** Takes the marks under the cube's lock with their cases held (deltasWithin's one try), or says why not. */
  private async takeHeldMarks(manager: EntityManager): Promise<HeldMarks> {
    const [{ locked }] = await manager.query<Array<{ locked: boolean }>>(CUBE.REFRESH_LOCK);
    if (!locked) return { why: 'another refresh holds the cube', again: true };
    for (const sql of CUBE.HOLD_MARKED_CASES) await manager.query(sql);
    for (const sql of CUBE.TAKE_MARKS) await manager.query(sql);
    const [{ cells, held, cases }] = await manager.query<Array<{ cells: boolean; held: boolean; cases: number }>>(
      CUBE.MARKS_HELD,
    );
    if (cells) return { why: 'a mark names a month or a jurisdiction', again: false };
    if (!held) return { why: 'another transaction writes a marked case', again: true };
    if (cases > CASE_DELTAS_UP_TO) return { why: `${cases} cases are marked`, again: false };
    return { cases };
  }

  /** Says why a writer's refresh left the marks (the next reader of a figure then takes them in), and answers null. */
  private leftToNextReader(why: string): null {
    this.logger.log(`the writer's changes were left to the next refresh: ${why}`);
    return null;
  }

  /** Recomputes the cells of the marks taken, in the refresh's transaction. */
  private async recomputeCells(manager: EntityManager): Promise<void> {
    for (const sql of CUBE.CELLS_OF_MARKS) await manager.query(sql);
    const [{ whole }] = await manager.query<Array<{ whole: boolean }>>(CUBE.HAS_WHOLE);
    if (whole) await manager.query(CUBE.WHOLE_REFRESH_LOCK);
    for (const sql of [
      CUBE.RECOMPUTE_SETTINGS,
      ...CUBE.recomputeSql(whole ? 'whole' : 'cells'),
      ...(whole ? [CUBE.ANALYZE_CUBE] : []),
    ])
      await manager.query(sql);
  }

  /** Whether anything is dated after `from` up to `to` (see DATED_BETWEEN). */
  async datedBetween(from: string, to: string): Promise<boolean> {
    const [{ dated }] = await this.dataSource.query<Array<{ dated: boolean }>>(CUBE.DATED_BETWEEN, [from, to]);
    return dated;
  }

  /**
   * A figure from the cube when `cube` holds its parameters (with its edge days from the case
   * tables, counted and added up as `edgeCount` says, when the period is cut at days), else from the case tables.
   */
  private async figures<T>(
    tablesSql: string,
    cubeSql: string,
    params: unknown[],
    cube: CubeQuery | null,
    partsCount?: PartsCount,
  ): Promise<T[]> {
    const generation = cube && (cube.generation ?? (await this.awaitCube()));
    const figure = partsCount && { tables: tablesSql, cube: cubeSql, ...partsCount };
    if (cube && generation !== null && !cube.edges && figure)
      return this.fromCubeParts<T>(figure, cube.values, generation);
    if (cube?.edges && generation !== null && figure) {
      const { values, edges } = cube;
      const answer = await this.keptInUpToDateSnapshot(
        `edges ${this.queryName(tablesSql)} ${JSON.stringify([params, edges])}`,
        generation,
        (manager, current) => this.acrossEdges(manager, current, figure, params, values, edges),
      );
      if (answer) return answer as T[];
    }
    await this.caseTablesTurn();
    try {
      return await this.dataSource.query<T[]>(tablesSql, params);
    } finally {
      this.endCaseTablesTurn();
    }
  }

  /**
   * The generation of the cube once it is up to date: while another refresh of a few cells holds
   * it, tries again every CUBE_POLL_MS (refreshing it when it is free and dirty) up to
   * CUBE_WAIT_MS; null at once while a refresh recomputes a jurisdiction whole (minutes at a
   * million cases), and when the wait runs out: the case tables answer.
   */
  private async awaitCube(): Promise<number | null> {
    for (const deadline = Date.now() + CUBE_WAIT_MS; Date.now() < deadline;) {
      const [{ free }] = await this.dataSource.query<Array<{ free: boolean }>>(CUBE.NO_WHOLE_REFRESH);
      if (!free) return null;
      await new Promise((resolve) => setTimeout(resolve, CUBE_POLL_MS));
      const current = await this.upToDate();
      if (current !== null) return current;
    }
    return null;
  }

  /** Resolves once fewer than CASE_TABLE_QUERIES_AT_ONCE case-table queries run (first come, first served). */
  private async caseTablesTurn(): Promise<void> {
    if (this.caseTableQueries < CASE_TABLE_QUERIES_AT_ONCE) this.caseTableQueries++;
    else await new Promise<void>((resolve) => this.waitingForCaseTables.push(resolve)); // handed a running one's turn
  }

  private endCaseTablesTurn(): void {
    const next = this.waitingForCaseTables.shift();
    if (next) next();
    else this.caseTableQueries--;
  }

  /**
   * A figure of whole months from its parts (PartsFigure) at `generation`: the parts kept,
   * brought forward or read (cubeParts) in a snapshot of the cube at that generation, added up
   * into the figure; the answer kept at that generation (when a refresh has moved the cube on
   * before the snapshot began, from the rows the cube holds then, not kept as parts).
   */
  private async fromCubeParts<T>(figure: PartsFigure, values: unknown[], generation: number): Promise<T[]> {
    const rows = await this.kept(
      `answer ${this.queryName(figure.cube)} ${JSON.stringify(values)}`,
      generation,
      async () => {
        const open = opened(values, figure.limitAt);
        const parts = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
          const [state] = await manager.query<Array<{ generation: number }>>(CUBE.HAS_DIRTY);
          return state.generation === generation ? this.cubeParts(manager, generation, figure, open) : null;
        });
        // a refresh moved the cube on meanwhile: its rows as they are now, not kept as parts
        const rows = parts ?? (await this.dataSource.query<unknown[]>(unlimited(figure.cube), open));
        if (figure.answerIsParts) return rows;
        return this.dataSource.query<unknown[]>(figure.addedUp, [JSON.stringify(rows), ...figure.rest(values)]);
      },
    );
    return rows as T[];
  }

  /**
   * The cube's rows of a figure's whole months (its query unlimited, parameters `values`), in
   * the snapshot of `manager` in which the cube is at `generation`: as kept at that generation;
   * else those kept at an earlier one, when every generation since was reached by the edited
   * cases' own changes, plus what those changes added (the same query over them, compacted);
   * else read.
   */
  private cubeParts(
    manager: EntityManager,
    generation: number,
    figure: PartsFigure,
    values: unknown[],
  ): Promise<unknown[]> {
    const sql = unlimited(figure.cube);
    return this.keptForward(
      `parts ${this.queryName(sql)} ${JSON.stringify(values)}`,
      generation,
      () => manager.query<unknown[]>(sql, values),
      async (earlier, from) => {
        const [{ byDeltas }] = await manager.query<Array<{ byDeltas: boolean }>>(CUBE.GENERATIONS_BETWEEN, [
          from,
          generation,
          null,
          null,
          null,
          null,
          null,
        ]);
        if (!byDeltas) return null;
        const changed = await manager.query<unknown[]>(CUBE.overGenerationDeltas(sql), [...values, from, generation]);
        return manager.query<unknown[]>(figure.compacted.sql, [
          JSON.stringify([...earlier, ...changed]),
          ...figure.compacted.rest(values),
        ]);
      },
    );
  }

  /**
   * An answer kept under `key` at `generation`; else one kept at an earlier generation brought
   * forward by `forward` (null: it cannot be); else asked now — once, however many ask it at once (kept).
   */
  private keptForward<T>(
    key: string,
    generation: number,
    ask: () => Promise<T>,
    forward: (earlier: T, from: number) => Promise<T | null>,
  ): Promise<T> {
    const earlier = this.answers.get(key);
    return this.kept(key, generation, async () =>
      earlier && earlier.generation < generation
        ? ((await forward(earlier.rows as T, earlier.generation)) ?? (await ask()))
        : ask(),
    );
  }

  /** A short name for a query's text, for the keys of `answers`. */
  private queryName(sql: string): number {
    if (!this.queryNames.has(sql)) this.queryNames.set(sql, this.queryNames.size);
    return this.queryNames.get(sql)!;
  }

  /**
   * An answer kept at `generation` under `key`, else asked now (once, however many ask it at
   * once) and kept; an answer of null (not answered at that generation) is not kept.
   */
  private async kept<T>(key: string, generation: number, ask: () => Promise<T>): Promise<T> {
    const kept = this.answers.get(key);
    this.answers.delete(key);
    if (kept && kept.generation === generation) {
      this.answers.set(key, kept);
      return kept.rows as T;
    }
    const asked = `${generation} ${key}`;
    let pending = this.asking.get(asked) as Promise<T> | undefined;
    if (!pending) {
      pending = ask().finally(() => this.asking.delete(asked));
      this.asking.set(asked, pending as Promise<unknown[]>);
    }
    const rows = await pending;
    if (rows === null) return rows;
    this.answers.set(key, { generation, rows: rows as unknown[] });
    if (this.answers.size > KEPT_ANSWERS) this.answers.delete(this.answers.keys().next().value!);
    return rows;
  }

  /**
   * `read` in one snapshot (REPEATABLE READ) in which the cube is up to date, on a case-table
   * turn, kept under `key` at the cube's generation (the same generation is the same case tables).
   * While a write committed after the cube's refresh shows in the snapshot, the cube is brought up
   * to date and `read` tried again at its generation, up to SNAPSHOT_TRIES times in all; null when
   * the tries run out or a refresh elsewhere holds the cube. What `read` counts of one `district`
   * alone (rows of sums over cases), kept at an earlier generation, is brought forward when every
   * generation since was reached by the edited cases' own changes: as it was when none of those
   * cases was of that district, before or after; else, when those generations kept their cases'
   * earlier rows, by what `read` counts over those cases now less what it counted over them then.
   */
  private async keptInUpToDateSnapshot<T>(
    key: string,
    generation: number,
    read: (manager: EntityManager, generation: number) => Promise<T>,
    district: string | null = null,
  ): Promise<T | null> {
    for (let tries = 1, current: number | null = generation; current !== null; tries++) {
      const at = current;
      const answer = await this.keptForward(
        key,
        at,
        () => this.inUpToDateSnapshot(at, (manager) => read(manager, at)),
        async (earlier, from) => {
          if (!district) return null;
          const [{ byDeltas, inDistrict, rowsKept }] = await this.dataSource.query<
            Array<{ byDeltas: boolean; inDistrict: boolean; rowsKept: boolean }>
          >(CUBE.GENERATIONS_BETWEEN, [from, at, null, null, null, null, district]);
          if (!byDeltas) return null;
          if (!inDistrict) return earlier;
          if (!rowsKept) return null;
          return this.inUpToDateSnapshot(
            at,
            (manager) =>
              this.byEditedCases(
                manager,
                earlier as Array<Record<string, unknown>>,
                from,
                at,
                () => read(manager, at) as Promise<Array<Record<string, unknown>>>,
              ) as Promise<T>,
          );
        },
      );
      if (answer !== null || tries === SNAPSHOT_TRIES) return answer;
      current = await this.upToDate();
    }
    return null;
  }

  /** `read` in one snapshot in which the cube is up to date at `generation`, on a case-table turn; else null. */
  private async inUpToDateSnapshot<T>(
    generation: number,
    read: (manager: EntityManager) => Promise<T>,
  ): Promise<T | null> {
    await this.caseTablesTurn();
    try {
      return await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
        const [state] = await manager.query<Array<{ dirty: boolean; generation: number }>>(CUBE.HAS_DIRTY);
        return state.dirty || state.generation !== generation ? null : read(manager);
      });
    } finally {
      this.endCaseTablesTurn();
    }
  }

  /**
   * The trend of cases under investigation over a period cut at days: the cube's trend over the
   * same days, corrected in its first and last periods (investigatedTrendCorrections), in one
   * snapshot in which the cube is up to date; else from the case tables.
   */
  private async investigatedAcrossEdges(
    group: Exclude<TrendGroup, 'sex'>,
    params: unknown[],
    cube: CubeQuery,
  ): Promise<Array<{ start: string; key: string; value: number }>> {
    type Point = { start: string; key: string; value: number };
    const generation = cube.generation ?? (await this.awaitCube());
    const answer =
      generation === null
        ? null
        : await this.keptInUpToDateSnapshot(
            `investigated ${group} ${JSON.stringify(params)}`,
            generation,
            async (manager, at) => {
              const { corrections, absent } = investigatedTrendCorrections(group);
              const figure = { tables: '', cube: CUBE.cubeInvestigatedTrendSql(group, true), ...INVESTIGATED_PARTS };
              const parts = await this.cubeParts(manager, at, figure, params);
              const trend = await manager.query<Point[]>(figure.addedUp, [JSON.stringify(parts), ...trendRest(params)]);
              const correction = new Map<string, number>();
              for (const fix of await manager.query<Point[]>(corrections, params.slice(0, 9)))
                correction.set(`${fix.start} ${fix.key}`, (correction.get(`${fix.start} ${fix.key}`) ?? 0) + fix.value);
              const dropped = new Set(
                group === 'none'
                  ? []
                  : (await manager.query<Point[]>(absent, params.slice(0, 8))).map((row) => row.key),
              );
              return trend
                .filter((point) => !dropped.has(point.key))
                .map((point) => ({
                  ...point,
                  value: point.value + (correction.get(`${point.start} ${point.key}`) ?? 0),
                }));
            },
          );
    return answer ?? this.figures(SQL.trendQuerySql('casesInvestigated', group), '', params, null);
  }

  /**
   * A figure of a period cut at days (period-edges.sql.ts), in the snapshot of `manager` in which
   * the cube is up to date at `generation`: the cube's rows of the whole months (parameters
   * `whole`) and what the edge days add to them (edgeParts), added up.
   */
  private async acrossEdges(
    manager: EntityManager,
    generation: number,
    figure: PartsFigure,
    params: unknown[],
    whole: unknown[],
    edges: EdgeDays,
  ): Promise<unknown[]> {
    const open = (values: unknown[]) => opened(values, figure.limitAt);
    const parts = [
      ...(await this.cubeParts(manager, generation, figure, open(whole))),
      ...(figure.edges === 'summary'
        ? await this.edgeSummary(manager, generation, params, whole, edges)
        : await this.keptUntilDated(
            manager,
            `edge parts ${this.queryName(figure.cube)} ${JSON.stringify([open(params), edges])}`,
            generation,
            edges,
            () => this.edgeParts(manager, figure, open(params), open(whole), edges),
          )),
    ];
    return manager.query(figure.addedUp, [JSON.stringify(parts), ...figure.rest(params)]);
  }

  /**
   * Rows counted from the case tables over the edge days `edges` (period-edges.sql.ts) by
   * `count`, kept under `key` and brought forward to `generation` when every generation since
   * they were counted was reached by the edited cases' own changes: as they were when none of
   * those cases had a date on an edge day, before or after (a case with none counts nothing
   * there); else, when those generations kept their cases' earlier rows, plus what `count` counts
   * over the cases' rows now, less what it counted over them then (every figure is a sum over
   * cases, so the other cases' counts stand); else counted again.
   */
  private keptUntilDated<T extends Array<Record<string, unknown>>>(
    manager: EntityManager,
    key: string,
    generation: number,
    edges: EdgeDays,
    count: () => Promise<T>,
  ): Promise<T> {
    return this.keptForward(key, generation, count, async (earlier, from) => {
      const [{ byDeltas, onDays, rowsKept }] = await manager.query<
        Array<{ byDeltas: boolean; onDays: boolean; rowsKept: boolean }>
      >(CUBE.GENERATIONS_BETWEEN, [from, generation, ...edges, null]);
      if (!byDeltas) return null;
      if (!onDays) return earlier;
      return rowsKept ? this.byEditedCases(manager, earlier, from, generation, count) : null;
    });
  }

  /**
   * Rows of sums over cases (`earlier`) counted by `count` at generation `from`, brought forward
   * to `to` by the cases edited in between: what `count` counted over their rows as they were
   * taken away, what it counts over them now added (the other cases' counts stand).
   */
  private async byEditedCases<T extends Array<Record<string, unknown>>>(
    manager: EntityManager,
    earlier: T,
    from: number,
    to: number,
    count: () => Promise<T>,
  ): Promise<T> {
    const edited = CUBE.editedCaseRows(from, to);
    const over = async (version: 'earlier' | 'now') => {
      await manager.query(edited.rows(version));
      const counted = await count();
      await manager.query(edited.empty);
      return counted;
    };
    await manager.query(edited.cases);
    const then = await over('earlier');
    const now = await over('now');
    await manager.query(edited.done);
    return [...earlier, ...then.map(negated), ...now] as T;
  }

  /**
   * What the edge days change of the summary (EDGE_SUMMARY), of the units the question asks
   * for: counted for every reporting unit at once and kept (keptUntilDated), so that the summary's
   * figures by agency pick their units' rows of it.
   */
  private async edgeSummary(
    manager: EntityManager,
    generation: number,
    params: unknown[],
    whole: unknown[],
    edges: EdgeDays,
  ): Promise<unknown[]> {
    const everyUnit = [...params.slice(0, 7), null];
    const rows = await this.keptUntilDated(
      manager,
      `edge summary ${JSON.stringify([everyUnit, edges, whole[1]])}`,
      generation,
      edges,
      () => manager.query<Array<{ reportingUnit: string }>>(EDGE_SUMMARY, [...everyUnit, ...edges, whole[0], whole[1]]),
    );
    return ofReportingUnits(rows, params[7] as string[] | null);
  }

  /**
   * What the edge days add to a figure counted by `days` or by `cases` (period-edges.sql.ts),
   * its parameters of the period being `params` and of the whole months `whole`.
   */
  private async edgeParts(
    manager: EntityManager,
    figure: PartsFigure,
    params: unknown[],
    whole: unknown[],
    edges: EdgeDays,
  ): Promise<Array<Record<string, unknown>>> {
    type Row = Record<string, unknown>;
    const edgeSql = onEdgeCases(unlimited(figure.edgeTables ?? figure.tables), figure.sources);
    if (figure.edges === 'cases') {
      const days = figure.lastEdgeOnly ? [null, null, edges[2], edges[3]] : edges;
      const now = await manager.query<Row[]>(edgeSql, [...params, ...days]);
      const before = await manager.query<Row[]>(edgeSql, [...whole, ...days]);
      return [...now, ...before.map(negated)];
    }
    // each edge's own days, over the cases with one of the figure's dates on them
    const parts: Row[] = [];
    for (const [first, last] of [edges.slice(0, 2), edges.slice(2)])
      if (first)
        parts.push(
          ...(await manager.query<Row[]>(edgeSql, [first, last, ...params.slice(2), first, last, null, null])),
        );
    return parts;
  }
}

/** A question's parameters without its limit (at `limitAt`), for its parts. */
function opened(values: unknown[], limitAt: number | undefined): unknown[] {
  return values.map((value, i) => (i === limitAt ? null : value));
}

/** The rows of the reporting units `units` (null: every unit), by their `reportingUnit`. */
function ofReportingUnits<T extends { reportingUnit?: unknown }>(rows: T[], units: string[] | null): T[] {
  return rows.filter((row) => !units || units.includes(row.reportingUnit as string));
}

/** The columns of a figure's parts that are summed (the rest are keys, as attrition's `days`). */
const SUMMED = new Set(['count', 'cases', 'victims', 'value', 'n', ...SQL.SUMMARY_FIGURES]);

/** A part to subtract: its sums negated. */
function negated<T extends Record<string, unknown>>(row: T): T {
  return Object.fromEntries(
    Object.entries(row).map(([name, value]) => [name, SUMMED.has(name) ? -(value as number) : value]),
  ) as T;
}

/** The date each trend counts by: its cases' FIR, its prosecutions', its judgments', its victims' identification (else FIR). */
const TREND_SOURCES: Record<TrendMetric, EdgeSource[]> = {
  casesRegistered: ['fir'],
  casesInvestigated: ['fir'], // counted across edges otherwise (investigatedAcrossEdges)
  prosecutions: ['prosecution'],
  convictions: ['judgment'],
  victims: ['fir', 'identified'],
};

/** How a route figure's parts are added up: limited to its own limit ($10). */
function routes(addedUp: string, params: unknown[]): PartsCount {
  return { edges: 'days', sources: ['fir'], ...summed(addedUp, params[9]), limitAt: 9 };
}

/** How a figure whose parts are summed by key (ADDED_UP) is added up: limited to `limit` rows (null: all). */
function summed(
  addedUp: string,
  limit: unknown = null,
): Pick<PartsCount, 'addedUp' | 'rest' | 'compacted' | 'answerIsParts'> {
  return {
    addedUp,
    rest: () => [limit],
    compacted: { sql: addedUp, rest: () => [null] },
    answerIsParts: limit === null,
  };
}

/** A trend's parameters after its parts (TREND_ADDED_UP): its interval, period and grouping. */
const trendRest = (values: unknown[]) => [values[8], values[0], values[1], values[9]];

/**
 * The trend of cases under investigation in parts (cubeInvestigatedTrendSql's: a key is listed by
 * the cases it registered, not by its counts); over a period cut at days, investigatedAcrossEdges
 * corrects the cube's trend over the same days.
 */
const INVESTIGATED_PARTS: PartsCount = {
  edges: 'days',
  sources: ['fir'],
  addedUp: investigatedAddedUp(false),
  rest: trendRest,
  compacted: { sql: investigatedAddedUp(true), rest: trendRest },
  answerIsParts: false,
};
