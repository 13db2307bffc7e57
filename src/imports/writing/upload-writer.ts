import { EntityManager } from 'typeorm';
import { EntityCounts, ImportCounts } from 'src/imports/import-batch.entity';
import { CaseRow, DefendantRow, ProsecutionRow, splitCaseKey, VictimRow } from 'src/imports/parsing/import-rows';
import { ExistingCase } from 'src/imports/checking/upload-checks';
import { CaseStatus } from 'src/reference/code-lists';
import { captureCases } from 'src/submissions/month-locks';

const list = (xs: readonly string[]) => xs.join(',');

/** The live stored case `c` with the natural key of the staged or looked-up row `row` (columns jurisdiction_code, district_code, police_station_key, fir_number, fir_year). */
const storedCase = (row: string) =>
  `c.jurisdiction_code = ${row}.jurisdiction_code AND c.district_code = ${row}.district_code AND c.police_station_key = ${row}.police_station_key AND c.fir_number = ${row}.fir_number
   AND c.fir_year = ${row}.fir_year AND c.deleted_at IS NULL`;

/**
 * The date a staged case `t`'s status takes effect on, given the stored case `e` as it was:
 * the rule of effectiveStatusDate (as written, else the stored one for the same status, else the FIR date).
 */
const EFFECTIVE_STATUS_DATE =
  'COALESCE(t.status_date, CASE WHEN e.status = t.status THEN e.status_date END, t.fir_date)';

/** A row of import_existing as the checks read it. */
const EXISTING = 'key, id, status, status_date::text, fir_date::text, concluded::text, unit';

/**
 * What a re-upload compares, stored row against the file's: a row whose values are all the
 * same is unchanged. `columns` are the stored row's, `staged` the staged row `t`'s value for
 * each, in the same order.
 */
function compared(columns: readonly string[], staged: readonly string[]) {
  return {
    columns,
    stored: (alias: string) => `(${columns.map((c) => `${alias}.${c}`).join(', ')})`,
    staged: `(${staged.join(', ')})`,
    /** The staged values as a select list. */
    values: staged.join(', '),
  };
}
export type Compared = ReturnType<typeof compared>;

export const CASE_VALUES = compared(
  [
    'police_station',
    'fir_date',
    'reporting_agency',
    'offence_family',
    'law_sections',
    'trafficking_type',
    'exploitation_forms',
    'status',
    'status_date',
    'investigation_concluded_on',
    'remarks',
  ],
  // effective_status_date: the status date the case takes effect on (EFFECTIVE_STATUS_DATE)
  [
    't.police_station',
    't.fir_date',
    't.reporting_agency',
    't.offence_family',
    "string_to_array(t.law_sections, ',')",
    't.trafficking_type',
    "string_to_array(t.exploitation_forms, ',')",
    't.status',
    't.effective_status_date',
    't.concluded_on',
    't.remarks',
  ],
);
export const VICTIM_VALUES = compared(
  [
    'sex',
    'age',
    'age_estimated',
    'nationality',
    'residence_district_code',
    'residence_country',
    'exploitation_forms',
    'vulnerabilities',
    'identified_on',
    'referred_to',
    'repatriated',
    'cnic_hash',
  ],
  [
    't.sex',
    't.age',
    't.est',
    't.nat',
    't.rd',
    't.rc',
    "string_to_array(t.exploitation_forms, ',')",
    "string_to_array(t.vu, ',')",
    't.ident',
    't.refd',
    't.rep',
    't.cnic',
  ],
);
export const DEFENDANT_VALUES = compared(
  ['name', 'cnic_hash', 'sex', 'age', 'nationality', 'role', 'custody_status', 'group_name'],
  ['t.name', 't.cnic', 't.sex', 't.age', 't.nat', 't.role', 't.cust', 't.grp'],
);
export const PROSECUTION_VALUES = compared(
  ['court', 'charges', 'prosecution_date', 'outcome', 'outcome_date'],
  ['t.court', "string_to_array(t.ch, ',')", 't.pd', 't.oc', 't.od'],
);
/** A convicted prosecution's conviction, against the staged prosecution `t`'s. */
export const CONVICTION_VALUES = compared(
  ['judgment_date', 'sections', 'imprisonment_months', 'fine_pkr', 'appeal_status'],
  ['t.od', "string_to_array(t.ch, ',')", 't.months', 't.fine', 't.appeal'],
);

/** A staged batch ($1) of cases, each with the status date it takes effect on and the id of the stored case it updates. */
export const STAGED_CASES = `
  SELECT t.*, ${EFFECTIVE_STATUS_DATE} AS effective_status_date, e.id AS existing_id
    FROM import_cases t LEFT JOIN import_existing e ON e.key = t.key
   WHERE t.batch = $1`;

/** The stored cases of a staged batch ($1) whose stored route differs from the file's. */
export const CHANGED_ROUTES = `
  WITH staged AS (
         SELECT e.id AS case_id, string_agg(r.kind || ':' || r.country || ':' || COALESCE(r.district, ''), ';' ORDER BY r.position) AS route
           FROM import_cases t JOIN import_existing e ON e.key = t.key LEFT JOIN import_route_points r ON r.batch = $1 AND r.ord = t.ord
          WHERE t.batch = $1
          GROUP BY e.id),
       stored AS (
         SELECT p.case_id, string_agg(p.kind || ':' || p.country_code || ':' || COALESCE(p.district_code, ''), ';' ORDER BY p.position) AS route
           FROM route_points p JOIN staged s ON s.case_id = p.case_id
          GROUP BY p.case_id)
  SELECT s.case_id FROM staged s LEFT JOIN stored d ON d.case_id = s.case_id WHERE COALESCE(s.route, '') <> COALESCE(d.route, '')`;

/** The file's victims ($1…$14, see victimParams) whose case is known, with its id and whether the upload creates it. */
export const VICTIM_ROWS = `
  SELECT t.*, k.id AS case_id, k.created
    FROM unnest($1::text[], $2::varchar[], $3::varchar[], $4::smallint[], $5::bool[], $6::char(3)[], $7::varchar[], $8::char(3)[],
                $9::text[], $10::text[], $11::date[], $12::varchar[], $13::bool[], $14::varchar[])
         AS t(key, ref, sex, age, est, nat, rd, rc, exploitation_forms, vu, ident, refd, rep, cnic)
    JOIN import_case_ids k ON k.key = t.key`;

export const victimParams = (vs: readonly VictimRow[]): unknown[] => [
  vs.map((v) => v.key),
  vs.map((v) => v.ref),
  vs.map((v) => v.sex),
  vs.map((v) => v.age),
  vs.map((v) => v.ageEstimated),
  vs.map((v) => v.nationality),
  vs.map((v) => v.residenceDistrict),
  vs.map((v) => v.residenceCountry),
  vs.map((v) => list(v.exploitationForms)),
  vs.map((v) => list(v.vulnerabilities)),
  vs.map((v) => v.identifiedOn),
  vs.map((v) => v.referredTo),
  vs.map((v) => v.repatriated),
  vs.map((v) => v.cnicHash),
];

/** The file's defendants ($1…$10, see defendantParams) whose case is known, as VICTIM_ROWS. */
export const DEFENDANT_ROWS = `
  SELECT t.*, k.id AS case_id, k.created
    FROM unnest($1::text[], $2::varchar[], $3::text[], $4::varchar[], $5::varchar[], $6::smallint[], $7::char(3)[],
                $8::varchar[], $9::varchar[], $10::text[]) AS t(key, ref, name, cnic, sex, age, nat, role, cust, grp)
    JOIN import_case_ids k ON k.key = t.key`;

export const defendantParams = (ds: readonly DefendantRow[]): unknown[] => [
  ds.map((d) => d.key),
  ds.map((d) => d.ref),
  ds.map((d) => d.name),
  ds.map((d) => d.cnicHash),
  ds.map((d) => d.sex),
  ds.map((d) => d.age),
  ds.map((d) => d.nationality),
  ds.map((d) => d.role),
  ds.map((d) => d.custodyStatus),
  ds.map((d) => d.groupName),
];

/** How one kind of row fared: created, and changed in place (the rest of the file's rows are unchanged). */
interface Tally {
  created: number;
  updated: number;
}

/** A batch's tally, with how many of its rows met their case (and defendant). */
export interface Written extends Tally {
  matched: number;
}

/**
 * Writes an upload with set-based SQL inside the import's transaction, a batch of rows at a
 * time: cases upserted by natural key, persons by (case, ref), prosecutions by defendant,
 * convictions by prosecution. A row whose values are unchanged is left out before the
 * upsert (an upsert that decides to do nothing still locks the row, which dirties every
 * page), so a re-upload of the same file writes nothing and reports everything unchanged.
 *
 * Cases and prosecutions are first staged in temporary tables of the transaction (dropped
 * when it ends), each batch under its number: the checks read the stored cases as they were
 * before the upload (`import_existing`) and the prosecutions the file replaces from there.
 * Every case key the upload names meets its case id in `import_case_ids`, with whether the
 * upload created that case (which then has nothing stored to compare with or replace).
 */
export class UploadWriter {
  private readonly existing = new Map<string, ExistingCase>();
  protected readonly tally: Record<keyof ImportCounts, Tally> = {
    cases: { created: 0, updated: 0 },
    victims: { created: 0, updated: 0 },
    defendants: { created: 0, updated: 0 },
    prosecutions: { created: 0, updated: 0 },
  };

  /**
   * Rows left out because their case (or defendant) was not found. The checks reject such
   * an upload; one that passed them with rows left out must not be committed.
   */
  unwritten = 0;

  protected constructor(
    protected readonly m: EntityManager,
    private readonly batchId: string,
    private readonly actorId: string,
  ) {}

  /** Creates the staging tables; `m` must be inside the transaction that writes the upload. */
  static async open(m: EntityManager, batchId: string, actorId: string): Promise<UploadWriter> {
    await UploadWriter.createStaging(m);
    return new UploadWriter(m, batchId, actorId);
  }

  protected static async createStaging(m: EntityManager): Promise<void> {
    await m.query(`
      CREATE TEMP TABLE import_cases (batch int, ord bigint, key text, jurisdiction_code varchar, district_code varchar, police_station text,
                                      police_station_key text, fir_number varchar, fir_year smallint, fir_date date, reporting_agency varchar,
                                      reporting_unit_code varchar,
                                      offence_family varchar, law_sections text, trafficking_type varchar, exploitation_forms text, status varchar,
                                      status_date date, concluded_on date, remarks text) ON COMMIT DROP;
      CREATE INDEX ON import_cases (batch);
      CREATE TEMP TABLE import_route_points (batch int, ord bigint, position smallint, kind varchar, country char(3), district varchar) ON COMMIT DROP;
      CREATE INDEX ON import_route_points (batch);
      CREATE TEMP TABLE import_prosecutions (batch int, key text, ref varchar, court text, ch text, pd date, oc varchar, od date, months int,
                                             fine bigint, appeal varchar) ON COMMIT DROP;
      CREATE INDEX ON import_prosecutions (batch);
      CREATE TEMP TABLE import_existing (key text PRIMARY KEY, id uuid NOT NULL, status varchar, status_date date, fir_date date, concluded date,
                                         unit varchar NOT NULL) ON COMMIT DROP;
      CREATE TEMP TABLE import_case_ids (key text PRIMARY KEY, id uuid, created bool NOT NULL DEFAULT false) ON COMMIT DROP`);
  }

  /** Stages a batch of cases (with their routes) and records which of them are already stored, as they are now. */
  async stageCases(cs: readonly CaseRow[], batch: number, firstOrd: number): Promise<void> {
    await this.remember(
      await this.m.query(
        `WITH t AS (
         INSERT INTO import_cases
         SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::varchar[], $5::varchar[], $6::text[], $7::text[], $8::varchar[], $9::smallint[], $10::date[],
                                  $11::varchar[], $20::varchar[], $12::varchar[], $13::text[], $14::varchar[], $15::text[], $16::varchar[], $17::date[], $18::date[], $19::text[])
         RETURNING key, jurisdiction_code, district_code, police_station_key, fir_number, fir_year)
       INSERT INTO import_existing
       SELECT t.key, c.id, c.status, c.status_date, c.fir_date, c.investigation_concluded_on, c.reporting_unit_code
         FROM t JOIN cases c ON ${storedCase('t')}
       ON CONFLICT (key) DO NOTHING
       RETURNING ${EXISTING}`,
        [
          batch,
          cs.map((_, i) => firstOrd + i),
          cs.map((c) => c.key),
          cs.map((c) => c.jurisdiction),
          cs.map((c) => c.district),
          cs.map((c) => c.policeStation),
          cs.map((c) => c.policeStationKey),
          cs.map((c) => c.firNumber),
          cs.map((c) => c.firYear),
          cs.map((c) => c.firDate),
          cs.map((c) => c.reportingAgency),
          cs.map((c) => c.offenceFamily),
          cs.map((c) => list(c.lawSections)),
          cs.map((c) => c.traffickingType),
          cs.map((c) => list(c.exploitationForms)),
          cs.map((c) => c.status),
          cs.map((c) => c.statusDate),
          cs.map((c) => c.investigationConcludedOn),
          cs.map((c) => c.remarks),
          cs.map((c) => c.reportingUnit),
        ],
      ),
    );
    const ord: number[] = [];
    const position: number[] = [];
    const kind: string[] = [];
    const country: string[] = [];
    const district: Array<string | null> = [];
    cs.forEach((c, i) =>
      c.route.forEach((p, at) => {
        ord.push(firstOrd + i);
        position.push(at);
        kind.push(p.kind);
        country.push(p.country);
        district.push(p.district);
      }),
    );
    if (ord.length) {
      await this.m.query(
        'INSERT INTO import_route_points SELECT $1, * FROM unnest($2::bigint[], $3::smallint[], $4::varchar[], $5::char(3)[], $6::varchar[])',
        [batch, ord, position, kind, country, district],
      );
    }
  }

  /** Finds the stored cases of keys that the file's other sheets name (the file's own cases are found by stageCases). */
  async resolveCases(keys: readonly string[]): Promise<void> {
    const parts = keys.map(splitCaseKey);
    await this.remember(
      await this.m.query(
        `WITH f AS (
         SELECT k.key, c.id, c.status, c.status_date, c.fir_date, c.investigation_concluded_on, c.reporting_unit_code
           FROM unnest($1::text[], $2::varchar[], $3::varchar[], $4::text[], $5::varchar[], $6::smallint[]) AS k(key, jurisdiction_code, district_code, police_station_key, fir_number, fir_year)
           JOIN cases c ON ${storedCase('k')}),
       e AS (INSERT INTO import_existing SELECT * FROM f ON CONFLICT (key) DO NOTHING RETURNING ${EXISTING}),
       k AS (INSERT INTO import_case_ids (key, id) SELECT key, id FROM f ON CONFLICT (key) DO NOTHING)
       SELECT * FROM e`,
        [
          keys,
          parts.map((p) => p.jurisdiction),
          parts.map((p) => p.district),
          parts.map((p) => p.policeStationKey),
          parts.map((p) => p.firNumber),
          parts.map((p) => p.firYear),
        ],
      ),
    );
  }

  /**
   * Upserts a staged batch of cases, each with the status date it takes effect on; a new case
   * is registered on its FIR date and any change of status is one dated event; a route is
   * replaced only where it differs from the stored one.
   */
  async writeCases(batch: number): Promise<void> {
    const written: Array<{ id: string; inserted: boolean }> = await this.m.query(
      `WITH t AS (${STAGED_CASES}),
       w AS (
         INSERT INTO cases (jurisdiction_code, district_code, police_station, police_station_key, fir_number, fir_year, fir_date, reporting_agency,
                            reporting_unit_code, offence_family, law_sections, trafficking_type, exploitation_forms, status, status_date, investigation_concluded_on, remarks, import_batch_id)
         SELECT t.jurisdiction_code, t.district_code, t.police_station, t.police_station_key, t.fir_number, t.fir_year, t.fir_date, t.reporting_agency, t.reporting_unit_code, t.offence_family, string_to_array(t.law_sections, ','), t.trafficking_type, string_to_array(t.exploitation_forms, ','), t.status, t.effective_status_date, t.concluded_on, t.remarks, $2
           FROM t
          WHERE t.existing_id IS NULL
             OR NOT EXISTS (
                SELECT 1 FROM cases c
                 WHERE c.id = t.existing_id AND ${CASE_VALUES.stored('c')} IS NOT DISTINCT FROM ${CASE_VALUES.staged})
         ON CONFLICT (jurisdiction_code, district_code, police_station_key, fir_number, fir_year) WHERE deleted_at IS NULL
         DO UPDATE SET police_station = EXCLUDED.police_station, fir_date = EXCLUDED.fir_date, reporting_agency = EXCLUDED.reporting_agency,
                       offence_family = EXCLUDED.offence_family, law_sections = EXCLUDED.law_sections, trafficking_type = EXCLUDED.trafficking_type,
                       exploitation_forms = EXCLUDED.exploitation_forms, status = EXCLUDED.status, status_date = EXCLUDED.status_date,
                       investigation_concluded_on = EXCLUDED.investigation_concluded_on, remarks = EXCLUDED.remarks,
                       import_batch_id = EXCLUDED.import_batch_id, updated_at = now()
          WHERE ${CASE_VALUES.stored('cases')} IS DISTINCT FROM ${CASE_VALUES.stored('EXCLUDED')}
            AND cases.reporting_unit_code = EXCLUDED.reporting_unit_code
         RETURNING id, (xmax = 0) AS inserted, jurisdiction_code, district_code, police_station_key, fir_number, fir_year),
       ids AS (
         INSERT INTO import_case_ids (key, id, created)
         SELECT t.key, COALESCE(w.id, t.existing_id), COALESCE(w.inserted, false)
           FROM t LEFT JOIN w ON w.jurisdiction_code = t.jurisdiction_code AND w.district_code = t.district_code AND w.police_station_key = t.police_station_key AND w.fir_number = t.fir_number AND w.fir_year = t.fir_year
         ON CONFLICT (key) DO NOTHING)
       SELECT id, inserted FROM w`,
      [batch, this.batchId],
    );
    const inserted = new Set(written.filter((w) => w.inserted).map((w) => w.id));
    const updated = new Set(written.filter((w) => !w.inserted).map((w) => w.id));

    await this.m.query(
      `INSERT INTO case_status_events (case_id, from_status, to_status, status_date, actor_id, import_batch_id)
       SELECT k.id, x.f, x.t, x.d, $2, $3
         FROM import_cases t JOIN import_case_ids k ON k.key = t.key LEFT JOIN import_existing e ON e.key = t.key
        CROSS JOIN LATERAL (VALUES
              (1, NULL, 'registered', t.fir_date, e.key IS NULL),
              (2, 'registered', t.status, ${EFFECTIVE_STATUS_DATE}, e.key IS NULL AND t.status <> 'registered'),
              (3, e.status, t.status, ${EFFECTIVE_STATUS_DATE}, e.key IS NOT NULL AND e.status <> t.status)) AS x(n, f, t, d, due)
        WHERE t.batch = $1 AND x.due
        ORDER BY t.ord, x.n`,
      [batch, this.actorId, this.batchId],
    );

    // a created case takes its route as it is; a stored one only where it differs
    const changed: Array<{ case_id: string }> = await this.m.query(CHANGED_ROUTES, [batch]);
    const replaced = changed.map((c) => c.case_id);
    if (replaced.length) await this.m.query('DELETE FROM route_points WHERE case_id = ANY($1::uuid[])', [replaced]);
    if (inserted.size || replaced.length) {
      await this.m.query(
        `INSERT INTO route_points (case_id, position, kind, country_code, district_code)
         SELECT k.id, r.position, r.kind, r.country, r.district
           FROM import_route_points r JOIN import_cases t ON t.batch = $1 AND t.ord = r.ord JOIN import_case_ids k ON k.key = t.key
          WHERE r.batch = $1 AND (k.created OR k.id = ANY($2::uuid[]))`,
        [batch, replaced],
      );
    }
    for (const id of replaced) updated.add(id);
    this.tally.cases.created += inserted.size;
    this.tally.cases.updated += updated.size;
  }

  /** Upserts victims of cases whose ids are known (a row of an unknown case is left out: the checks report it). */
  async writeVictims(vs: readonly VictimRow[]): Promise<void> {
    await this.upsertPersons('victims', VICTIM_ROWS, VICTIM_VALUES, victimParams(vs), vs.length);
  }

  /** Upserts defendants of cases whose ids are known. */
  async writeDefendants(ds: readonly DefendantRow[]): Promise<void> {
    await this.upsertPersons('defendants', DEFENDANT_ROWS, DEFENDANT_VALUES, defendantParams(ds), ds.length);
  }

  /** Stages a batch of prosecutions (the checks read which stored prosecutions the file replaces from there). */
  async stageProsecutions(ps: readonly ProsecutionRow[], batch: number): Promise<void> {
    await this.m.query(
      `INSERT INTO import_prosecutions
       SELECT $1, * FROM unnest($2::text[], $3::varchar[], $4::text[], $5::text[], $6::date[], $7::varchar[], $8::date[], $9::int[],
                                $10::bigint[], $11::varchar[])`,
      [
        batch,
        ps.map((p) => p.key),
        ps.map((p) => p.defendantRef),
        ps.map((p) => p.court),
        ps.map((p) => list(p.charges)),
        ps.map((p) => p.prosecutionDate),
        ps.map((p) => p.outcome),
        ps.map((p) => p.outcomeDate),
        ps.map((p) => p.sentenceMonths),
        ps.map((p) => p.finePkr),
        ps.map((p) => p.appealStatus),
      ],
    );
  }

  /** Upserts a staged batch of prosecutions of known defendants, with the conviction of each convicted one. */
  async writeProsecutions(batch: number, staged: number): Promise<void> {
    const rows: Array<{ id: string; inserted: boolean }> = await this.m.query(
      `INSERT INTO prosecutions (case_id, defendant_id, court, charges, prosecution_date, outcome, outcome_date, import_batch_id)
       SELECT k.id, d.id, t.court, string_to_array(t.ch, ','), t.pd, t.oc, t.od, $2
         FROM import_prosecutions t JOIN import_case_ids k ON k.key = t.key
         JOIN defendants d ON d.case_id = k.id AND d.ref = t.ref
        WHERE t.batch = $1
          AND (k.created OR NOT EXISTS (
              SELECT 1 FROM prosecutions p
               WHERE p.defendant_id = d.id
                 AND ${PROSECUTION_VALUES.stored('p')} IS NOT DISTINCT FROM ${PROSECUTION_VALUES.staged}))
       ON CONFLICT (defendant_id) DO UPDATE SET court = EXCLUDED.court, charges = EXCLUDED.charges, prosecution_date = EXCLUDED.prosecution_date,
            outcome = EXCLUDED.outcome, outcome_date = EXCLUDED.outcome_date, import_batch_id = EXCLUDED.import_batch_id, updated_at = now()
        WHERE ${PROSECUTION_VALUES.stored('prosecutions')} IS DISTINCT FROM ${PROSECUTION_VALUES.stored('EXCLUDED')}
       RETURNING id, (xmax = 0) AS inserted`,
      [batch, this.batchId],
    );
    const inserted = new Set(rows.filter((r) => r.inserted).map((r) => r.id));
    const changed = new Set(rows.filter((r) => !r.inserted).map((r) => r.id));

    // the conviction columns of the prosecution row: a conviction exactly when the outcome is convicted
    const [{ matched, changed: convicted }]: Array<{ matched: number; changed: string[] }> = await this.m.query(
      `WITH incoming AS (
         SELECT p.id AS prosecution_id, t.*
           FROM import_prosecutions t JOIN import_case_ids k ON k.key = t.key
           JOIN defendants d ON d.case_id = k.id AND d.ref = t.ref JOIN prosecutions p ON p.defendant_id = d.id
          WHERE t.batch = $1),
       removed AS (
         DELETE FROM convictions cv USING incoming t WHERE cv.prosecution_id = t.prosecution_id AND t.oc <> 'convicted' RETURNING cv.prosecution_id),
       upserted AS (
         INSERT INTO convictions (prosecution_id, judgment_date, sections, imprisonment_months, fine_pkr, appeal_status)
         SELECT t.prosecution_id, t.od, string_to_array(t.ch, ','), t.months, t.fine, t.appeal FROM incoming t
          WHERE t.oc = 'convicted'
            AND NOT EXISTS (
                SELECT 1 FROM convictions cv
                 WHERE cv.prosecution_id = t.prosecution_id AND ${CONVICTION_VALUES.stored('cv')} IS NOT DISTINCT FROM ${CONVICTION_VALUES.staged})
         ON CONFLICT (prosecution_id) DO UPDATE SET judgment_date = EXCLUDED.judgment_date, sections = EXCLUDED.sections,
              imprisonment_months = EXCLUDED.imprisonment_months, fine_pkr = EXCLUDED.fine_pkr, appeal_status = EXCLUDED.appeal_status, updated_at = now()
          WHERE ${CONVICTION_VALUES.stored('convictions')} IS DISTINCT FROM ${CONVICTION_VALUES.stored('EXCLUDED')}
         RETURNING prosecution_id)
       SELECT (SELECT count(*)::int FROM incoming) AS matched,
              ARRAY(SELECT prosecution_id FROM removed UNION SELECT prosecution_id FROM upserted)::text[] AS changed`,
      [batch],
    );
    for (const id of convicted) if (!inserted.has(id)) changed.add(id);
    this.unwritten += staged - matched;
    this.tally.prosecutions.created += inserted.size;
    this.tally.prosecutions.updated += changed.size;
  }

  /** Upserts persons by (case, ref): `rows` the staged rows `t` (see VICTIM_ROWS), on `params`. */
  private async upsertPersons(
    kind: 'victims' | 'defendants',
    rows: string,
    values: Compared,
    params: unknown[],
    total: number,
  ): Promise<void> {
    const [r]: Written[] = await this.m.query(
      `WITH t AS (${rows}),
       w AS (
         INSERT INTO ${kind} (case_id, ref, ${values.columns.join(', ')}, import_batch_id)
         SELECT t.case_id, t.ref, ${values.values}, $${params.length + 1}
           FROM t
          WHERE t.created OR NOT EXISTS (
                SELECT 1 FROM ${kind} s
                 WHERE s.case_id = t.case_id AND s.ref = t.ref AND ${values.stored('s')} IS NOT DISTINCT FROM ${values.staged})
         ON CONFLICT (case_id, ref) DO UPDATE SET ${values.columns.map((c) => `${c} = EXCLUDED.${c}`).join(', ')},
              import_batch_id = EXCLUDED.import_batch_id, updated_at = now()
          WHERE ${values.stored(kind)} IS DISTINCT FROM ${values.stored('EXCLUDED')}
         RETURNING (xmax = 0) AS inserted)
       SELECT count(*) FILTER (WHERE inserted)::int AS created, count(*) FILTER (WHERE NOT inserted)::int AS updated,
              (SELECT count(*)::int FROM t) AS matched
         FROM w`,
      [...params, this.batchId],
    );
    this.add(kind, r, total);
  }

  /** The stored cases the upload names, as they were before it wrote anything (gathered as they were staged). */
  get existingCases(): ReadonlyMap<string, ExistingCase> {
    return this.existing;
  }

  /**
   * Keeps the stored cases found, as they were, for the checks; and what they count in approved
   * months, for the month locks (the upload writes them only after they are found).
   */
  private async remember(
    rows: Array<{
      id: string;
      key: string;
      status: CaseStatus;
      status_date: string;
      fir_date: string;
      concluded: string | null;
      unit: string;
    }>,
  ): Promise<void> {
    await captureCases(
      this.m,
      rows.map((r) => ({ id: r.id, unit: r.unit })),
    );
    for (const r of rows)
      this.existing.set(r.key, {
        id: r.id,
        key: r.key,
        status: r.status,
        statusDate: r.status_date,
        firDate: r.fir_date,
        investigationConcludedOn: r.concluded,
        reportingUnit: r.unit,
      });
  }

  /** What the upload did, given how many rows of each kind the file holds. */
  counts(totals: Record<keyof ImportCounts, number>): ImportCounts {
    const of = (kind: keyof ImportCounts): EntityCounts => {
      const { created, updated } = this.tally[kind];
      return { created, updated, unchanged: totals[kind] - created - updated };
    };
    return {
      cases: of('cases'),
      victims: of('victims'),
      defendants: of('defendants'),
      prosecutions: of('prosecutions'),
    };
  }

  protected add(kind: keyof ImportCounts, r: Written, rows: number): void {
    this.tally[kind].created += r.created;
    this.tally[kind].updated += r.updated;
    this.unwritten += rows - r.matched;
  }
}
