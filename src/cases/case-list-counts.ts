import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ReadScope } from 'src/cases/case-access.service';
import { CaseFilterDto } from 'src/cases/dto/case-filter.dto';
import { AppConfig } from 'src/config/app-config';
import { APP_CONFIG } from 'src/config/config.module';
import { FAMILIES_OF, scopeFilter, unitFilter } from 'src/statistics/counting-rules.sql';

/** The filters `case_list_counts` keeps its counts by (migration CaseListCounts); any other filter is counted on the cases. */
const COUNTED_BY = new Set<keyof CaseFilterDto>([
  'jurisdiction',
  'reportingUnit',
  'agency',
  'district',
  'status',
  'offenceFamily',
  'exploitationForm',
  'traffickingType',
  'firYear',
]);
/** The columns case_list_counts keeps its counts by. */
const COUNTED_COLUMNS =
  'jurisdiction_code, reporting_unit_code, district_code, status, offence_family, trafficking_type, exploitation_forms, fir_year';
/** The columns case_list_totals sums the merged counts by. */
const TOTALLED_COLUMNS = 'jurisdiction_code, reporting_unit_code, status, fir_year';
/** How many unmerged rows make a fold worth its while. */
const FOLD_AFTER_ROWS = 500;
const FOLD_EVERY_MS = 15_000;

/** Whether the number of cases a filter selects can be read from the kept counts: it filters on nothing else. */
export function countedByTable(q: CaseFilterDto): boolean {
  return Object.entries(q).every(
    ([field, value]) => value === undefined || COUNTED_BY.has(field as keyof CaseFilterDto) || !isFilter(field),
  );
}

/** Paging and ordering are not filters. */
const isFilter = (field: string) => !['page', 'pageSize', 'order', 'sort', 'after', 'before'].includes(field);

/**
 * The exact number of live cases a filter counted by the table selects within `scope`, as the
 * case list's selection (caseSelection) selects them: the same scope filter on the same columns.
 */
const CASE_LIST_COUNT = `
  SELECT COALESCE(sum(counted.cases), 0)::int AS total FROM case_list_counts counted
   WHERE ${scopeFilter(
     'counted',
     { district: true, formAndType: true, unit: true },
     { jurisdiction: '$1', units: '$2', district: '$3', families: '$4', exploitationForm: '$5', traffickingType: '$6' },
   )}
     AND ($7::varchar IS NULL OR counted.status = $7)
     AND (NOT $8::boolean OR cardinality(counted.exploitation_forms) = 0)
     AND ($9::int IS NULL OR counted.fir_year = $9)`;

/** Rows of `alias` (totals or counts) within a jurisdiction ($1), units ($2), a status ($3) and a FIR year ($4). */
const totalledFilter = (alias: string) => `
  ($1::varchar IS NULL OR ${alias}.jurisdiction_code = $1) AND ${unitFilter(alias, '$2')}
     AND ($3::varchar IS NULL OR ${alias}.status = $3) AND ($4::int IS NULL OR ${alias}.fir_year = $4)`;

/**
 * The same number for a filter on jurisdiction, units, status and FIR year only: the totals the
 * last fold wrote (migration CaseListTotals) and the counts written since (unmerged), as one
 * statement, so that one snapshot sees both sides of a fold.
 */
const CASE_LIST_TOTAL = `
  SELECT ((SELECT COALESCE(sum(totalled.cases), 0) FROM case_list_totals totalled WHERE ${totalledFilter('totalled')})
        + (SELECT COALESCE(sum(counted.cases), 0) FROM case_list_counts counted WHERE NOT counted.merged AND ${totalledFilter('counted')}))::int AS total`;

/** The statement that counts a filter counted by the table within `scope`, and its parameters. */
export function caseListCount(q: CaseFilterDto, scope: ReadScope): { sql: string; params: unknown[] } {
  const families = FAMILIES_OF[q.offenceFamily ?? 'all'];
  const status = q.status ?? null;
  const firYear = q.firYear ?? null;
  if (!q.district && !families && !q.exploitationForm && !q.traffickingType)
    return { sql: CASE_LIST_TOTAL, params: [scope.jurisdiction, scope.units, status, firYear] };
  const noForm = q.exploitationForm === 'unspecified';
  return {
    sql: CASE_LIST_COUNT,
    params: [
      scope.jurisdiction,
      scope.units,
      q.district ?? null,
      families,
      noForm ? null : (q.exploitationForm ?? null),
      q.traffickingType ?? null,
      status,
      noForm,
      firYear,
    ],
  };
}

/**
 * Folds the counts' unmerged rows into merged sums, and those into the totals, one transaction
 * at a time (an advisory lock), now and then in the background: readers sum fewer rows, and the
 * figures stay the same.
 */
@Injectable()
export class CaseListCounts implements OnApplicationBootstrap {
  private readonly logger = new Logger('CaseListCounts');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.schedulerEnabled) return;
    const timer = setInterval(() => {
      this.fold().catch((error: unknown) =>
        this.logger.error(`folding the case counts failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    }, FOLD_EVERY_MS);
    this.scheduler.addInterval('case-list-counts', timer);
  }

  /** Folds when enough unmerged rows have gathered (`always`: whenever there is one); true when it folded. */
  fold({ always = false } = {}): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [{ unmerged }] = await manager.query<Array<{ unmerged: number }>>(
        `SELECT count(*)::int AS unmerged FROM (SELECT 1 FROM case_list_counts WHERE NOT merged LIMIT $1) AS unmerged_row`,
        [FOLD_AFTER_ROWS],
      );
      if (unmerged === 0 || (!always && unmerged < FOLD_AFTER_ROWS)) return false;
      const [{ locked }] = await manager.query<Array<{ locked: boolean }>>(
        `SELECT pg_try_advisory_xact_lock(hashtext('case_list_counts')) AS locked`,
      );
      if (!locked) return false;
      await manager.query(`
        WITH folded AS (DELETE FROM case_list_counts RETURNING ${COUNTED_COLUMNS}, cases)
        INSERT INTO case_list_counts (${COUNTED_COLUMNS}, cases, merged)
        SELECT ${COUNTED_COLUMNS}, sum(cases), true FROM folded GROUP BY ${COUNTED_COLUMNS} HAVING sum(cases) <> 0`);
      // the totals of exactly the merged rows just written (only a fold, under this lock, writes merged rows)
      await manager.query(`DELETE FROM case_list_totals`);
      await manager.query(`
        INSERT INTO case_list_totals (${TOTALLED_COLUMNS}, cases)
        SELECT ${TOTALLED_COLUMNS}, sum(cases) FROM case_list_counts WHERE merged
         GROUP BY ${TOTALLED_COLUMNS} HAVING sum(cases) <> 0`);
      // none unmerged now: the planner then reads the few written until the next fold through their index
      await manager.query(`ANALYZE case_list_counts, case_list_totals`);
      return true;
    });
  }
}
