import { MigrationInterface, QueryRunner } from 'typeorm';

const SEARCH_INDEXES = ['IDX_cases_police_station_trigrams', 'IDX_cases_fir_number_trigrams'];

/**
 * The case list's search indexes (trigrams, GIN) keep at most 256 kB of new entries unmerged
 * (PostgreSQL's default is 4 MB). Every search reads the whole unmerged list of both indexes:
 * after an import of 20,000 cases that was ≈ 480 pages, 4 ms a search per index, twice per
 * request (its count and its page); now at most 32 pages. An insert that fills the list merges
 * it, as before, in smaller and more frequent turns.
 */
export class SearchIndexesPendingList1795702200000 implements MigrationInterface {
  name = 'SearchIndexesPendingList1795702200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const index of SEARCH_INDEXES)
      await queryRunner.query(`ALTER INDEX "${index}" SET (gin_pending_list_limit = 256)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of SEARCH_INDEXES) await queryRunner.query(`ALTER INDEX "${index}" RESET (gin_pending_list_limit)`);
  }
}
