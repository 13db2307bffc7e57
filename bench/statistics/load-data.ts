import { Client } from 'pg';

/**
 * Fills the benchmark database with ≈1,000,000 cases over ten years in every district,
 * ≈1.25M victims, ≈1.25M defendants, ≈600k prosecutions with their convictions, status
 * histories and routes — all with INSERT … SELECT generate_series, in a few minutes.
 */
export async function loadMillionCases(url: string, cases = 1_000_000): Promise<void> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const existing = Number((await db.query<{ n: string }>('SELECT count(*) n FROM cases')).rows[0].n);
    if (existing >= cases) return;
    const step = async (label: string, sql: string, params: unknown[] = []) => {
      const t0 = Date.now();
      const r = await db.query(sql, params);
      process.stdout.write(`  ${label}: ${r.rowCount ?? 0} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    };
    await db.query(
      'TRUNCATE cases, victims, defendants, prosecutions, convictions, case_status_events, route_points CASCADE',
    );
    await db.query('SELECT setseed(0.42)');
    await db.query(
      `CREATE TEMP TABLE d AS SELECT (row_number() OVER (ORDER BY code))::int - 1 AS n, code, jurisdiction_code FROM districts`,
    );
    const nd = Number((await db.query<{ n: string }>('SELECT count(*) n FROM d')).rows[0].n);
    await step(
      'cases',
      `
      INSERT INTO cases (id, jurisdiction_code, district_code, police_station, police_station_key, fir_number, fir_year, fir_date,
                         offence_family, law_sections, trafficking_type, exploitation_forms, status, status_date, investigation_concluded_on,
                         reporting_agency, reporting_unit_code)
      SELECT gen_random_uuid(), d.jurisdiction_code, d.code, 'PS ' || (g % 37), 'ps' || (g % 37), g::text, extract(year FROM x.fd)::int, x.fd,
             CASE WHEN x.r1 < 0.75 THEN 'tip' WHEN x.r1 < 0.92 THEN 'som' ELSE 'mixed' END, '{PTPA-3}',
             CASE WHEN x.r2 < 0.6 THEN 'internal' ELSE 'transnational' END,
             string_to_array((ARRAY['sexual_exploitation', 'forced_labour', 'bonded_labour', 'domestic_servitude', 'forced_begging,child_labour'])[1 + (g % 5)], ','),
             CASE WHEN x.co IS NULL THEN (CASE WHEN x.r2 < 0.5 THEN 'registered' ELSE 'under_investigation' END)
                  ELSE (ARRAY['challan_submitted','under_trial','convicted','acquitted','cancelled','untraced'])[1 + (g % 6)] END,
             COALESCE(x.co + (g % 200), x.fd), x.co,
             CASE WHEN g % 10 = 0 THEN 'fia' ELSE 'police' END, CASE WHEN g % 10 = 0 THEN 'FIA' ELSE 'POLICE-' || d.jurisdiction_code END
        FROM generate_series(1, $1::int) g
        CROSS JOIN LATERAL (SELECT date '2015-07-01' + (g % 3650) AS fd, random() AS r1, random() AS r2,
                                   CASE WHEN random() < 0.7 THEN date '2015-07-01' + (g % 3650) + (random() * 300)::int END AS co) x
        JOIN d ON d.n = g % $2::int`,
      [cases, nd],
    );
    await step(
      'status events',
      `
      INSERT INTO case_status_events (case_id, from_status, to_status, status_date)
      SELECT id, NULL, 'registered', fir_date FROM cases
      UNION ALL SELECT id, 'registered', status, status_date FROM cases WHERE status <> 'registered'`,
    );
    await db.query('CREATE TEMP TABLE cid AS SELECT (row_number() OVER ())::int - 1 AS n, id FROM cases');
    await db.query('CREATE INDEX ON cid (n)');
    for (const [table, prefix] of [
      ['victims', 'V'],
      ['defendants', 'D'],
    ] as const) {
      await step(
        table,
        `
        INSERT INTO ${table} (case_id, ref, sex, age, nationality ${table === 'victims' ? ', identified_on, vulnerabilities, residence_district_code' : ', cnic_hash'})
        SELECT cid.id, '${prefix}' || (g / $1::int + 1),
               (ARRAY['female','female','male','transgender','unknown'])[1 + (g % 5)],
               CASE WHEN g % 9 = 0 THEN NULL ELSE ${table === 'victims' ? '(g % 47)' : '18 + (g % 50)'} END,
               (ARRAY['PAK','PAK','PAK','AFG','BGD',NULL])[1 + (g % 6)]
               ${
                 table === 'victims'
                   ? ", CASE WHEN g % 3 = 0 THEN NULL ELSE date '2015-07-01' + ((g % $1::int) % 3650) END, string_to_array((ARRAY['child', 'poverty_debt', ''])[1 + (g % 3)], ','), (SELECT code FROM d WHERE d.n = g % 160)"
                   : ", CASE WHEN g % 20 = 0 THEN md5((g % 5000)::text) || md5('x') END"
               }
          FROM generate_series(0, ($1::int * 5 / 4) - 1) g JOIN cid ON cid.n = g % $1::int`,
        [cases],
      );
    }
    await step(
      'prosecutions',
      `
      INSERT INTO prosecutions (case_id, defendant_id, prosecution_date, outcome, outcome_date)
      SELECT c.id, df.id, c.investigation_concluded_on + 10, o.outcome,
             CASE WHEN o.outcome = 'pending' THEN NULL ELSE c.investigation_concluded_on + 10 + (random() * 500)::int END
        FROM defendants df JOIN cases c ON c.id = df.case_id
        CROSS JOIN LATERAL (SELECT CASE WHEN abs(hashtext(df.id::text)) % 10 < 3 THEN 'convicted' WHEN abs(hashtext(df.id::text)) % 10 < 5 THEN 'acquitted' ELSE 'pending' END AS outcome) o
       WHERE c.investigation_concluded_on IS NOT NULL AND random() < 0.7`,
    );
    await step(
      'convictions',
      `
      INSERT INTO convictions (prosecution_id, judgment_date, imprisonment_months, appeal_status)
      SELECT id, outcome_date, 12 + (random() * 120)::int, 'none' FROM prosecutions WHERE outcome = 'convicted'`,
    );
    await step(
      'route points',
      `
      INSERT INTO route_points (case_id, position, kind, country_code, district_code)
      SELECT c.id, 0, 'origin', 'PAK', c.district_code FROM cases c WHERE (abs(hashtext(c.id::text)) % 10) < 8
      UNION ALL
      SELECT c.id, 1, 'destination', CASE WHEN c.trafficking_type = 'transnational' THEN (ARRAY['OMN','ARE','SAU','IRN'])[1 + abs(hashtext(c.fir_number)) % 4] ELSE 'PAK' END,
             CASE WHEN c.trafficking_type = 'transnational' THEN NULL ELSE (SELECT code FROM d WHERE d.n = abs(hashtext(c.fir_number)) % 160) END
        FROM cases c WHERE (abs(hashtext(c.id::text)) % 10) < 8`,
    );
    await step('vacuum and analyze (as autovacuum would in time)', 'VACUUM ANALYZE');
  } finally {
    await db.end();
  }
}
