import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { seedReferenceData } from 'seeds/reference.seed';
import { typeOrmOptions } from 'src/database/typeorm-options';
import { createDatabase, databaseUrl, dropDatabases, resolveTestServer } from 'test/support/test-database';

/**
 * The migration to reporting units on a database that has cases, focal persons and uploads of
 * the jurisdiction era: each is placed by its agency and jurisdiction, and the way back restores them.
 */
describe('migration to reporting units', () => {
  const name = `tip_migration_units_test_${process.pid}`;
  let stop: () => Promise<void>;
  let serverUrl: string;
  let db: DataSource;

  beforeAll(async () => {
    ({ serverUrl, stop } = await resolveTestServer());
    await createDatabase(serverUrl, name);
    db = new DataSource(typeOrmOptions(databaseUrl(serverUrl, name)));
    await db.initialize();
    await db.runMigrations({ transaction: 'each' });
    await seedReferenceData(db);
  });
  afterAll(async () => {
    await db?.destroy();
    await dropDatabases(serverUrl, name);
    await stop();
  });

  /** Reverts the migrations down to (and including) ReportingUnits. */
  async function undoReportingUnits(): Promise<void> {
    while ((await db.query(`SELECT to_regclass('reporting_units') AS t`))[0].t !== null)
      await db.undoLastMigration({ transaction: 'each' });
  }

  it('places every case, focal person and upload by agency and jurisdiction, and back', async () => {
    // back to the last migration before reporting units
    await undoReportingUnits();
    expect((await db.query(`SELECT to_regclass('reporting_units') AS t`))[0].t).toBeNull();

    const user = async (role: string, jurisdiction: string | null) =>
      (
        await db.query(
          `INSERT INTO users (email, password_hash, role, jurisdiction_code) VALUES ($1, 'x', $2, $3) RETURNING id`,
          [`${randomUUID()}@test.example`, role, jurisdiction],
        )
      )[0].id as string;
    const sindhFocal = await user('focal_person', 'PK-SD');
    const analyst = await user('analyst', null);
    const kase = async (jurisdiction: string, agency: string) => {
      const [{ code }] = await db.query(
        `SELECT code FROM districts WHERE jurisdiction_code = $1 ORDER BY code LIMIT 1`,
        [jurisdiction],
      );
      return (
        await db.query(
          `INSERT INTO cases (jurisdiction_code, district_code, police_station, police_station_key, reporting_agency, fir_number, fir_year, fir_date,
                              offence_family, status, status_date)
           VALUES ($1, $2, 'PS A', 'psa', $3, $4, 2024, '2024-03-01', 'tip', 'registered', '2024-03-01') RETURNING id`,
          [jurisdiction, code, agency, randomUUID().slice(0, 8)],
        )
      )[0].id as string;
    };
    const cases = {
      punjabPolice: await kase('PK-PB', 'police'),
      sindhPolice: await kase('PK-SD', 'police'),
      lahoreFia: await kase('PK-PB', 'fia'),
      quettaOther: await kase('PK-BA', 'other'),
    };
    const [{ id: batch }] = await db.query(
      `INSERT INTO import_batches (user_id, user_email, jurisdiction_code, file_name, file_sha256, file_size, file_kind, dry_run, status, phase)
       VALUES ($1, 'f@test.example', 'PK-SD', 'a.xlsx', repeat('0', 64), 1, 'xlsx', false, 'committed', 'done') RETURNING id`,
      [sindhFocal],
    );

    await db.runMigrations({ transaction: 'each' });
    const unitOf = async (id: string) =>
      (await db.query(`SELECT reporting_unit_code AS u FROM cases WHERE id = $1`, [id]))[0].u as string;
    expect({
      punjabPolice: await unitOf(cases.punjabPolice),
      sindhPolice: await unitOf(cases.sindhPolice),
      lahoreFia: await unitOf(cases.lahoreFia),
      quettaOther: await unitOf(cases.quettaOther),
    }).toEqual({ punjabPolice: 'POLICE-PK-PB', sindhPolice: 'POLICE-PK-SD', lahoreFia: 'FIA', quettaOther: 'OTHER' });
    const units = await db.query(
      `SELECT unit.code, unit.agency, array_agg(j.jurisdiction_code ORDER BY j.jurisdiction_code) AS jurisdictions
         FROM reporting_units unit JOIN reporting_unit_jurisdictions j ON j.reporting_unit_code = unit.code GROUP BY 1, 2`,
    );
    const byCode = new Map<string, { agency: string; jurisdictions: string[] }>(
      units.map((u: { code: string; agency: string; jurisdictions: string[] }) => [u.code, u]),
    );
    expect(byCode.get('OTHER')).toMatchObject({ agency: 'other', jurisdictions: expect.arrayContaining(['PK-BA']) });
    expect(byCode.get('POLICE-PK-SD')).toMatchObject({ agency: 'police', jurisdictions: ['PK-SD'] });
    expect(byCode.get('FIA')!.jurisdictions).toHaveLength(7);
    const accounts = await db.query(`SELECT id, reporting_unit_code AS u FROM users WHERE id = ANY($1)`, [
      [sindhFocal, analyst],
    ]);
    expect(new Map(accounts.map((a: { id: string; u: string }) => [a.id, a.u]))).toEqual(
      new Map([
        [sindhFocal, 'POLICE-PK-SD'],
        [analyst, null],
      ]),
    );
    expect((await db.query(`SELECT reporting_unit_code AS u FROM import_batches WHERE id = $1`, [batch]))[0].u).toBe(
      'POLICE-PK-SD',
    );
    // a case's agency follows its unit, and its jurisdiction must be one of the unit's
    await expect(
      db.query(`UPDATE cases SET reporting_agency = 'fia' WHERE id = $1`, [cases.punjabPolice]),
    ).rejects.toThrow(/foreign key/);
    await expect(
      db.query(`UPDATE cases SET reporting_unit_code = 'POLICE-PK-SD' WHERE id = $1`, [cases.punjabPolice]),
    ).rejects.toThrow(/foreign key/);

    // and back: the jurisdiction of a one-jurisdiction unit is restored
    await undoReportingUnits();
    expect((await db.query(`SELECT jurisdiction_code AS j FROM users WHERE id = $1`, [sindhFocal]))[0].j).toBe('PK-SD');
    expect((await db.query(`SELECT jurisdiction_code AS j FROM import_batches WHERE id = $1`, [batch]))[0].j).toBe(
      'PK-SD',
    );
    await db.runMigrations({ transaction: 'each' });
  });
});
