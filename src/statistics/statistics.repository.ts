import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
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
 * Runs the reviewed statistics SQL. Each figure is read from the case tables with `params`
 * (the seven parameters of statistics.sql.ts), or from the monthly cube when `cube` holds its
 * parameters; the cube's own upkeep is here too.
 */
@Injectable()
export class StatisticsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  summary(params: unknown[], cube: unknown[] | null): Promise<Array<Record<string, number | string>>> {
    return this.figures(SQL.SUMMARY_BY_JURISDICTION, CUBE.CUBE_SUMMARY, params, cube);
  }

  status(
    params: unknown[],
    cube: unknown[] | null,
  ): Promise<Array<{ jurisdiction: string; status: CaseStatus; count: number }>> {
    return this.figures(SQL.STATUS_BY_JURISDICTION, CUBE.CUBE_STATUS, params, cube);
  }

  demographics<T>(params: unknown[], cube: unknown[] | null): Promise<T[]> {
    return this.figures(SQL.DEMOGRAPHICS, CUBE.CUBE_DEMOGRAPHICS, params, cube);
  }

  /** A trend; `cube` only for a grouping the cube keeps (not by sex). */
  trend(
    metric: TrendMetric,
    group: TrendGroup,
    params: unknown[],
    cube: unknown[] | null,
  ): Promise<Array<{ start: string; key: string; value: number }>> {
    return cube
      ? this.dataSource.query(CUBE.cubeTrendQuerySql(metric, group as CUBE.CubeTrendGroup), cube)
      : this.dataSource.query(SQL.trendQuerySql(metric, group), params);
  }

  routeFlows<T>(params: unknown[], cube: unknown[] | null): Promise<T[]> {
    return this.figures(SQL.ROUTE_FLOWS, CUBE.CUBE_ROUTE_FLOWS, params, cube);
  }

  routeTransits<T>(params: unknown[], cube: unknown[] | null): Promise<T[]> {
    return this.figures(SQL.ROUTE_TRANSITS, CUBE.CUBE_ROUTE_TRANSITS, params, cube);
  }

  routeLegs<T>(params: unknown[], cube: unknown[] | null): Promise<T[]> {
    return this.figures(SQL.ROUTE_LEGS, CUBE.CUBE_ROUTE_LEGS, params, cube);
  }

  async attrition(params: unknown[], cube: unknown[] | null): Promise<AttritionRow> {
    const [row] = await this.figures<AttritionRow>(SQL.ATTRITION, CUBE.CUBE_ATTRITION, params, cube);
    return row;
  }

  vulnerabilities<T>(params: unknown[], cube: unknown[] | null): Promise<T[]> {
    return this.figures(SQL.VULNERABILITIES, CUBE.CUBE_VULNERABILITIES, params, cube);
  }

  hotspots<T>(params: unknown[], cube: unknown[] | null): Promise<T[]> {
    return this.figures(SQL.HOTSPOTS, CUBE.CUBE_HOTSPOTS, params, cube);
  }

  /** Repeat offenders take the same parameters from either source. */
  repeatOffenders(
    params: unknown[],
    fromCube: boolean,
  ): Promise<Array<{ cases: number; jurisdictions: number; firstFirDate: string; lastFirDate: string }>> {
    return this.dataSource.query(fromCube ? CUBE.CUBE_REPEAT_OFFENDERS : SQL.REPEAT_OFFENDERS, params);
  }

  /** The codes of every jurisdiction, or of the one given. */
  jurisdictionCodes(jurisdiction: string | null): Promise<Array<{ code: string }>> {
    return this.dataSource.query(
      'SELECT code FROM jurisdictions WHERE $1::varchar IS NULL OR code = $1 ORDER BY code',
      [jurisdiction],
    );
  }

  /** Whether writes have marked cells of the cube for recomputing. */
  async cubeIsDirty(): Promise<boolean> {
    const [{ dirty }] = await this.dataSource.query<Array<{ dirty: boolean }>>(CUBE.HAS_DIRTY);
    return dirty;
  }

  /**
   * Recomputes the dirty cells in one transaction; false, with nothing done, while another
   * refresh holds the cube's lock.
   */
  refreshCube(): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query<Array<{ locked: boolean }>>(CUBE.REFRESH_LOCK);
      if (!locked) return false;
      for (const sql of CUBE.TAKE_DIRTY) await manager.query(sql);
      const [{ whole }] = await manager.query<Array<{ whole: boolean }>>(CUBE.HAS_WHOLE);
      for (const sql of [CUBE.RECOMPUTE_SETTINGS, ...CUBE.recomputeSql(whole), ...(whole ? [CUBE.ANALYZE_CUBE] : [])])
        await manager.query(sql);
      return true;
    });
  }

  /** Whether anything is dated after `from` up to `to` (see DATED_BETWEEN). */
  async datedBetween(from: string, to: string): Promise<boolean> {
    const [{ dated }] = await this.dataSource.query<Array<{ dated: boolean }>>(CUBE.DATED_BETWEEN, [from, to]);
    return dated;
  }

  private figures<T>(tablesSql: string, cubeSql: string, params: unknown[], cube: unknown[] | null): Promise<T[]> {
    return cube ? this.dataSource.query(cubeSql, cube) : this.dataSource.query(tablesSql, params);
  }
}
