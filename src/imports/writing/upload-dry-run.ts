import { EntityManager } from 'typeorm';
import { DefendantRow, VictimRow } from 'src/imports/parsing/import-rows';
import {
  CASE_VALUES,
  CHANGED_ROUTES,
  Compared,
  CONVICTION_VALUES,
  DEFENDANT_ROWS,
  DEFENDANT_VALUES,
  defendantParams,
  PROSECUTION_VALUES,
  STAGED_CASES,
  UploadWriter,
  VICTIM_ROWS,
  VICTIM_VALUES,
  victimParams,
  Written,
} from 'src/imports/writing/upload-writer';

/**
 * A dry run: the file is staged and checked exactly as for a commit, and each batch is
 * compared with what is stored, row by row with the commit's own comparisons, to count what
 * a commit would create, update and leave unchanged. Nothing is written to the case tables
 * (only to the staging tables of the transaction), so a dry run leaves no trace there.
 */
export class DryRunWriter extends UploadWriter {
  static override async open(m: EntityManager, batchId: string, actorId: string): Promise<DryRunWriter> {
    await UploadWriter.createStaging(m);
    // the file's defendants, which its prosecutions may name before a commit would have stored them
    await m.query('CREATE TEMP TABLE import_defendants (key text, ref varchar, PRIMARY KEY (key, ref)) ON COMMIT DROP');
    return new DryRunWriter(m, batchId, actorId);
  }

  /** A stored case is updated where its values or its route differ from the file's; the others are created. */
  override async writeCases(batch: number): Promise<void> {
    const [r]: Written[] = await this.m.query(
      `WITH t AS (${STAGED_CASES}),
       ids AS (
         INSERT INTO import_case_ids (key, id, created) SELECT t.key, t.existing_id, t.existing_id IS NULL FROM t
         ON CONFLICT (key) DO NOTHING),
       rerouted AS (${CHANGED_ROUTES})
       SELECT count(*) FILTER (WHERE t.existing_id IS NULL)::int AS created,
              count(*) FILTER (WHERE t.existing_id IN (SELECT case_id FROM rerouted)
                                  OR EXISTS (SELECT 1 FROM cases c WHERE c.id = t.existing_id AND ${CASE_VALUES.stored('c')} IS DISTINCT FROM ${CASE_VALUES.staged}))::int AS updated,
              count(*)::int AS matched
         FROM t`,
      [batch],
    );
    this.tally.cases.created += r.created;
    this.tally.cases.updated += r.updated;
  }

  override async writeVictims(vs: readonly VictimRow[]): Promise<void> {
    await this.comparePersons('victims', VICTIM_ROWS, VICTIM_VALUES, victimParams(vs), vs.length);
  }

  override async writeDefendants(ds: readonly DefendantRow[]): Promise<void> {
    const remembered =
      ', f AS (INSERT INTO import_defendants (key, ref) SELECT key, ref FROM t ON CONFLICT DO NOTHING)';
    await this.comparePersons(
      'defendants',
      DEFENDANT_ROWS,
      DEFENDANT_VALUES,
      defendantParams(ds),
      ds.length,
      remembered,
    );
  }

  /**
   * A prosecution of a defendant stored or in the file; one of a stored defendant is updated
   * where it or its conviction differs (a conviction exactly when the outcome is convicted).
   */
  override async writeProsecutions(batch: number, staged: number): Promise<void> {
    const [r]: Written[] = await this.m.query(
      `WITH t AS (
         SELECT t.*, d.id AS defendant_id
           FROM import_prosecutions t JOIN import_case_ids k ON k.key = t.key
           LEFT JOIN defendants d ON NOT k.created AND d.case_id = k.id AND d.ref = t.ref
          WHERE t.batch = $1
            AND (d.id IS NOT NULL OR EXISTS (SELECT 1 FROM import_defendants f WHERE f.key = t.key AND f.ref = t.ref)))
       SELECT count(*) FILTER (WHERE p.id IS NULL)::int AS created,
              count(*) FILTER (WHERE p.id IS NOT NULL
                                 AND (${PROSECUTION_VALUES.stored('p')} IS DISTINCT FROM ${PROSECUTION_VALUES.staged}
                                      OR (t.oc = 'convicted') <> (cv.id IS NOT NULL)
                                      OR (t.oc = 'convicted' AND ${CONVICTION_VALUES.stored('cv')} IS DISTINCT FROM ${CONVICTION_VALUES.staged})))::int AS updated,
              count(*)::int AS matched
         FROM t LEFT JOIN prosecutions p ON p.defendant_id = t.defendant_id LEFT JOIN convictions cv ON cv.prosecution_id = p.id`,
      [batch],
    );
    this.add('prosecutions', r, staged);
  }

  /**
   * A person of a stored case is updated where its stored row with the same ref differs; the
   * others are created. `more`: further statements on the rows `t`, as CTEs.
   */
  private async comparePersons(
    kind: 'victims' | 'defendants',
    rows: string,
    values: Compared,
    params: unknown[],
    total: number,
    more = '',
  ): Promise<void> {
    const [r]: Written[] = await this.m.query(
      `WITH t AS (${rows})${more}
       SELECT count(*) FILTER (WHERE s.id IS NULL)::int AS created,
              count(*) FILTER (WHERE s.id IS NOT NULL AND ${values.stored('s')} IS DISTINCT FROM ${values.staged})::int AS updated,
              count(*)::int AS matched
         FROM t LEFT JOIN ${kind} s ON NOT t.created AND s.case_id = t.case_id AND s.ref = t.ref`,
      params,
    );
    this.add(kind, r, total);
  }
}
