import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CaseStatus } from 'src/reference/code-lists';
import { TrendGroup, TrendMetric } from 'src/statistics/dto/statistics-query.dto';
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

/**
 * The cube's parameters for a question the cube can answer, and the generation of the cube that
 * answers it; null while another refresh held the cube when asked: the question waits for it
 * (StatisticsRepository.awaitCube), else the case tables answer.
 */
export interface CubeQuery {
  values: unknown[];
  generation: number | null;
}

/**
 * How many statistics queries count from the case tables at once, per process. Each holds a
 * connection for seconds at a million cases; the others wait their turn here, not in the pool,
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
 * are counted by recomputing their cells, whose cost does not grow with the number of cases.
 */
const CASE_DELTAS_UP_TO = 5000;

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

  summary(params: unknown[], cube: CubeQuery | null): Promise<Array<Record<string, number | string>>> {
    return this.figures(SQL.SUMMARY_BY_JURISDICTION, CUBE.CUBE_SUMMARY, params, cube);
  }

  status(
    params: unknown[],
    cube: CubeQuery | null,
  ): Promise<Array<{ jurisdiction: string; status: CaseStatus; count: number }>> {
    return this.figures(SQL.STATUS_BY_JURISDICTION, CUBE.CUBE_STATUS, params, cube);
  }

  demographics<T>(params: unknown[], cube: CubeQuery | null): Promise<T[]> {
    return this.figures(SQL.DEMOGRAPHICS, CUBE.CUBE_DEMOGRAPHICS, params, cube);
  }

  /** A trend; `cube` only for a grouping the cube keeps. */
  trend(
    metric: TrendMetric,
    group: TrendGroup,
    params: unknown[],
    cube: CubeQuery | null,
  ): Promise<Array<{ start: string; key: string; value: number }>> {
    return this.figures(
      SQL.trendQuerySql(metric, group),
      cube ? CUBE.cubeTrendQuerySql(metric, group) : '',
      params,
      cube,
    );
  }

  routeFlows<T>(params: unknown[], cube: CubeQuery | null): Promise<T[]> {
    return this.figures(SQL.ROUTE_FLOWS, CUBE.CUBE_ROUTE_FLOWS, params, cube);
  }

  routeTransits<T>(params: unknown[], cube: CubeQuery | null): Promise<T[]> {
    return this.figures(SQL.ROUTE_TRANSITS, CUBE.CUBE_ROUTE_TRANSITS, params, cube);
  }

  routeLegs<T>(params: unknown[], cube: CubeQuery | null): Promise<T[]> {
    return this.figures(SQL.ROUTE_LEGS, CUBE.CUBE_ROUTE_LEGS, params, cube);
  }

  async attrition(params: unknown[], cube: CubeQuery | null): Promise<AttritionRow> {
    const [row] = await this.figures<AttritionRow>(SQL.ATTRITION, CUBE.CUBE_ATTRITION, params, cube);
    return row;
  }

  vulnerabilities<T>(params: unknown[], cube: CubeQuery | null): Promise<T[]> {
    return this.figures(SQL.VULNERABILITIES, CUBE.CUBE_VULNERABILITIES, params, cube);
  }

  hotspots<T>(params: unknown[], cube: CubeQuery | null): Promise<T[]> {
    return this.figures(SQL.HOTSPOTS, CUBE.CUBE_HOTSPOTS, params, cube);
  }

  /** Repeat offenders take the same parameters from either source. */
  repeatOffenders(
    params: unknown[],
    fromCube: boolean,
  ): Promise<Array<{ cases: number; jurisdictions: number; firstFirDate: string; lastFirDate: string }>> {
    return fromCube
      ? this.dataSource.query(CUBE.CUBE_REPEAT_OFFENDERS, params)
      : this.figures(SQL.REPEAT_OFFENDERS, CUBE.CUBE_REPEAT_OFFENDERS, params, null);
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
        if (byCase && cases <= CASE_DELTAS_UP_TO) for (const sql of CUBE.deltaSql()) await manager.query(sql);
        else await this.recomputeCells(manager);
        const [[{ generation }]] = await manager.query<[Array<{ generation: number }>, number]>(CUBE.NEXT_GENERATION);
        return generation;
      });
    } catch (error) {
      if ((error as { code?: string }).code === SERIALIZATION_FAILURE) return null;
      throw error;
    }
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

  private async figures<T>(
    tablesSql: string,
    cubeSql: string,
    params: unknown[],
    cube: CubeQuery | null,
  ): Promise<T[]> {
    const generation = cube && (cube.generation ?? (await this.awaitCube()));
    if (cube && generation !== null) return this.fromCube<T>(cubeSql, { values: cube.values, generation });
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

  /** The rows of a cube query, as answered before at the same generation, else asked now (once, however many ask it at once). */
  private async fromCube<T>(sql: string, cube: { values: unknown[]; generation: number }): Promise<T[]> {
    if (!this.queryNames.has(sql)) this.queryNames.set(sql, this.queryNames.size);
    const key = `${this.queryNames.get(sql)} ${JSON.stringify(cube.values)}`;
    const kept = this.answers.get(key);
    this.answers.delete(key);
    if (kept && kept.generation === cube.generation) {
      this.answers.set(key, kept);
      return kept.rows as T[];
    }
    const asked = `${cube.generation} ${key}`;
    let pending = this.asking.get(asked);
    if (!pending) {
      pending = this.dataSource.query<unknown[]>(sql, cube.values).finally(() => this.asking.delete(asked));
      this.asking.set(asked, pending);
    }
    const rows = (await pending) as T[];
    this.answers.set(key, { generation: cube.generation, rows });
    if (this.answers.size > KEPT_ANSWERS) this.answers.delete(this.answers.keys().next().value!);
    return rows;
  }
}
