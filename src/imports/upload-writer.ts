import { EntityManager } from 'typeorm';
import { EntityCounts, ImportCounts } from 'src/imports/import-batch.entity';
import { caseKey, ParsedUpload } from 'src/imports/import-rows';
import { DatabaseView, effectiveStatusDate } from 'src/imports/upload-checks';

const counts = (total: number, created: number, updated: number): EntityCounts => ({ created, updated, unchanged: total - created - updated });

/**
 * Writes a validated upload with set-based SQL inside the caller's transaction (the one
 * whose UploadStage holds the staged victims, defendants and prosecutions): cases
 * upserted by natural key, persons upserted by (case, ref), prosecutions by defendant,
 * convictions by prosecution. A row whose values are unchanged is left out before the
 * upsert (an upsert that decides to do nothing still locks the row, which dirties every
 * page), so a re-upload of the same file writes nothing and reports everything unchanged.
 */
export async function writeUpload(m: EntityManager, upload: ParsedUpload, db: DatabaseView, batchId: string, actorId: string): Promise<ImportCounts> {
  const ids = new Map<string, string>([...db.cases.values()].map((c) => [c.key, c.id]));
  const cs = upload.cases;

  const written: Array<{ id: string; inserted: boolean; j: string; d: string; ps: string; no: string; yr: number }> = cs.length
    ? await m.query(
        `INSERT INTO cases (jurisdiction_code, district_code, police_station, police_station_key, fir_number, fir_year, fir_date, reporting_agency,
                            offence_family, law_sections, trafficking_type, exploitation_forms, status, status_date, investigation_concluded_on, remarks, import_batch_id)
         SELECT t.j, t.d, t.ps, t.psk, t.no, t.yr, t.fd, t.ra, t.fam, string_to_array(t.ls, ','), t.tt, string_to_array(t.ef, ','), t.st, e.sd, t.ic, t.rm, $2
           FROM import_cases t JOIN unnest($1::date[]) WITH ORDINALITY AS e(sd, ord) ON e.ord = t.ord
          WHERE NOT EXISTS (
                SELECT 1 FROM cases c
                 WHERE c.jurisdiction_code = t.j AND c.district_code = t.d AND c.police_station_key = t.psk AND c.fir_number = t.no
                   AND c.fir_year = t.yr AND c.deleted_at IS NULL
                   AND (c.police_station, c.fir_date, c.reporting_agency, c.offence_family, c.law_sections, c.trafficking_type,
                        c.exploitation_forms, c.status, c.status_date, c.investigation_concluded_on, c.remarks)
                       IS NOT DISTINCT FROM
                       (t.ps, t.fd, t.ra, t.fam, string_to_array(t.ls, ','), t.tt, string_to_array(t.ef, ','), t.st, e.sd, t.ic, t.rm))
         ON CONFLICT (jurisdiction_code, district_code, police_station_key, fir_number, fir_year) WHERE deleted_at IS NULL
         DO UPDATE SET police_station = EXCLUDED.police_station, fir_date = EXCLUDED.fir_date, reporting_agency = EXCLUDED.reporting_agency,
                       offence_family = EXCLUDED.offence_family, law_sections = EXCLUDED.law_sections, trafficking_type = EXCLUDED.trafficking_type,
                       exploitation_forms = EXCLUDED.exploitation_forms, status = EXCLUDED.status, status_date = EXCLUDED.status_date,
                       investigation_concluded_on = EXCLUDED.investigation_concluded_on, remarks = EXCLUDED.remarks,
                       import_batch_id = EXCLUDED.import_batch_id, updated_at = now()
          WHERE (cases.police_station, cases.fir_date, cases.reporting_agency, cases.offence_family, cases.law_sections, cases.trafficking_type,
                 cases.exploitation_forms, cases.status, cases.status_date, cases.investigation_concluded_on, cases.remarks)
                IS DISTINCT FROM
                (EXCLUDED.police_station, EXCLUDED.fir_date, EXCLUDED.reporting_agency, EXCLUDED.offence_family, EXCLUDED.law_sections, EXCLUDED.trafficking_type,
                 EXCLUDED.exploitation_forms, EXCLUDED.status, EXCLUDED.status_date, EXCLUDED.investigation_concluded_on, EXCLUDED.remarks)
         RETURNING id, (xmax = 0) AS inserted, jurisdiction_code AS j, district_code AS d, police_station_key AS ps, fir_number AS no, fir_year AS yr`,
        // the staged cases, with the status date each takes effect on (which depends on the stored case)
        [cs.map((c) => effectiveStatusDate(c, db.cases.get(c.key))), batchId],
      )
    : [];
  for (const w of written) ids.set(caseKey(w.j, w.d, w.ps, w.no, w.yr), w.id);
  const inserted = new Set(written.filter((w) => w.inserted).map((w) => w.id));
  const updated = new Set(written.filter((w) => !w.inserted).map((w) => w.id));

  // status history: a new case is registered on its FIR date; any change is one dated event
  const events: Array<[string, string | null, string, string]> = [];
  for (const c of cs) {
    const id = ids.get(c.key)!;
    const existing = db.cases.get(c.key);
    const date = effectiveStatusDate(c, existing);
    if (!existing) {
      events.push([id, null, 'registered', c.firDate]);
      if (c.status !== 'registered') events.push([id, 'registered', c.status, date]);
    } else if (existing.status !== c.status) {
      events.push([id, existing.status, c.status, date]);
    }
  }
  if (events.length) {
    await m.query(
      `INSERT INTO case_status_events (case_id, from_status, to_status, status_date, actor_id, import_batch_id)
       SELECT c, f, t, d, $5, $6 FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::date[]) AS x(c, f, t, d)`,
      [events.map((e) => e[0]), events.map((e) => e[1]), events.map((e) => e[2]), events.map((e) => e[3]), actorId, batchId],
    );
  }

  // the staged rows (see UploadStage) meet their cases' ids here
  const vs = upload.victims;
  const ds = upload.defendants;
  const ps = upload.prosecutions;
  const keys = [...new Set([...cs.map((c) => c.key), ...upload.childKeys.keys()])];
  if (keys.length) {
    await m.query('INSERT INTO import_case_ids (key, id) SELECT * FROM unnest($1::text[], $2::uuid[])', [keys, keys.map((k) => ids.get(k))]);
    await m.query('ANALYZE import_case_ids');
  }

  // routes: replaced only where they differ from what is stored
  if (cs.length) {
    await m.query(
      `CREATE TEMP TABLE import_route_changed ON COMMIT DROP AS
       WITH staged AS (
              SELECT k.id AS case_id, string_agg(r.kind || ':' || r.country || ':' || COALESCE(r.district, ''), ';' ORDER BY r.position) AS route
                FROM import_cases t JOIN import_case_ids k ON k.key = t.key LEFT JOIN import_route_points r ON r.ord = t.ord
               GROUP BY k.id),
            stored AS (
              SELECT p.case_id, string_agg(p.kind || ':' || p.country_code || ':' || COALESCE(p.district_code, ''), ';' ORDER BY p.position) AS route
                FROM route_points p JOIN staged s ON s.case_id = p.case_id
               GROUP BY p.case_id)
       SELECT s.case_id FROM staged s LEFT JOIN stored d ON d.case_id = s.case_id WHERE COALESCE(s.route, '') <> COALESCE(d.route, '')`,
    );
    await m.query('DELETE FROM route_points p USING import_route_changed x WHERE p.case_id = x.case_id');
    await m.query(
      `INSERT INTO route_points (case_id, position, kind, country_code, district_code)
       SELECT k.id, r.position, r.kind, r.country, r.district
         FROM import_route_points r JOIN import_cases t ON t.ord = r.ord JOIN import_case_ids k ON k.key = t.key
         JOIN import_route_changed x ON x.case_id = k.id`,
    );
    const changed: Array<{ case_id: string }> = await m.query('SELECT case_id FROM import_route_changed');
    for (const { case_id: id } of changed) if (!inserted.has(id)) updated.add(id);
  }

  const victimRows: Array<{ inserted: boolean }> = vs.length
    ? await m.query(
        `INSERT INTO victims (case_id, ref, sex, age, age_estimated, nationality, residence_district_code, residence_country, exploitation_forms,
                              vulnerabilities, identified_on, referred_to, repatriated, cnic_hash, import_batch_id)
         SELECT k.id, t.ref, t.sex, t.age, t.est, t.nat, t.rd, t.rc, string_to_array(t.ef, ','), string_to_array(t.vu, ','), t.ident, t.refd, t.rep, t.cnic, $1
           FROM import_victims t JOIN import_case_ids k ON k.key = t.key
          WHERE NOT EXISTS (
                SELECT 1 FROM victims v
                 WHERE v.case_id = k.id AND v.ref = t.ref
                   AND (v.sex, v.age, v.age_estimated, v.nationality, v.residence_district_code, v.residence_country, v.exploitation_forms,
                        v.vulnerabilities, v.identified_on, v.referred_to, v.repatriated, v.cnic_hash)
                       IS NOT DISTINCT FROM
                       (t.sex, t.age, t.est, t.nat, t.rd, t.rc, string_to_array(t.ef, ','), string_to_array(t.vu, ','), t.ident, t.refd, t.rep, t.cnic))
         ON CONFLICT (case_id, ref) DO UPDATE SET sex = EXCLUDED.sex, age = EXCLUDED.age, age_estimated = EXCLUDED.age_estimated,
              nationality = EXCLUDED.nationality, residence_district_code = EXCLUDED.residence_district_code, residence_country = EXCLUDED.residence_country,
              exploitation_forms = EXCLUDED.exploitation_forms, vulnerabilities = EXCLUDED.vulnerabilities, identified_on = EXCLUDED.identified_on,
              referred_to = EXCLUDED.referred_to, repatriated = EXCLUDED.repatriated, cnic_hash = EXCLUDED.cnic_hash,
              import_batch_id = EXCLUDED.import_batch_id, updated_at = now()
          WHERE (victims.sex, victims.age, victims.age_estimated, victims.nationality, victims.residence_district_code, victims.residence_country,
                 victims.exploitation_forms, victims.vulnerabilities, victims.identified_on, victims.referred_to, victims.repatriated, victims.cnic_hash)
                IS DISTINCT FROM
                (EXCLUDED.sex, EXCLUDED.age, EXCLUDED.age_estimated, EXCLUDED.nationality, EXCLUDED.residence_district_code, EXCLUDED.residence_country,
                 EXCLUDED.exploitation_forms, EXCLUDED.vulnerabilities, EXCLUDED.identified_on, EXCLUDED.referred_to, EXCLUDED.repatriated, EXCLUDED.cnic_hash)
         RETURNING (xmax = 0) AS inserted`,
        [batchId],
      )
    : [];

  const defendantRows: Array<{ inserted: boolean }> = ds.length
    ? await m.query(
        `INSERT INTO defendants (case_id, ref, name, cnic_hash, sex, age, nationality, role, custody_status, group_name, import_batch_id)
         SELECT k.id, t.ref, t.name, t.cnic, t.sex, t.age, t.nat, t.role, t.cust, t.grp, $1
           FROM import_defendants t JOIN import_case_ids k ON k.key = t.key
          WHERE NOT EXISTS (
                SELECT 1 FROM defendants d
                 WHERE d.case_id = k.id AND d.ref = t.ref
                   AND (d.name, d.cnic_hash, d.sex, d.age, d.nationality, d.role, d.custody_status, d.group_name)
                       IS NOT DISTINCT FROM (t.name, t.cnic, t.sex, t.age, t.nat, t.role, t.cust, t.grp))
         ON CONFLICT (case_id, ref) DO UPDATE SET name = EXCLUDED.name, cnic_hash = EXCLUDED.cnic_hash, sex = EXCLUDED.sex, age = EXCLUDED.age,
              nationality = EXCLUDED.nationality, role = EXCLUDED.role, custody_status = EXCLUDED.custody_status, group_name = EXCLUDED.group_name,
              import_batch_id = EXCLUDED.import_batch_id, updated_at = now()
          WHERE (defendants.name, defendants.cnic_hash, defendants.sex, defendants.age, defendants.nationality, defendants.role,
                 defendants.custody_status, defendants.group_name)
                IS DISTINCT FROM
                (EXCLUDED.name, EXCLUDED.cnic_hash, EXCLUDED.sex, EXCLUDED.age, EXCLUDED.nationality, EXCLUDED.role, EXCLUDED.custody_status, EXCLUDED.group_name)
         RETURNING (xmax = 0) AS inserted`,
        [batchId],
      )
    : [];

  const prosecutionRows: Array<{ id: string; inserted: boolean }> = ps.length
    ? await m.query(
        `INSERT INTO prosecutions (case_id, defendant_id, court, charges, prosecution_date, outcome, outcome_date, import_batch_id)
         SELECT k.id, d.id, t.court, string_to_array(t.ch, ','), t.pd, t.oc, t.od, $1
           FROM import_prosecutions t JOIN import_case_ids k ON k.key = t.key
           JOIN defendants d ON d.case_id = k.id AND d.ref = t.ref
          WHERE NOT EXISTS (
                SELECT 1 FROM prosecutions p
                 WHERE p.defendant_id = d.id
                   AND (p.court, p.charges, p.prosecution_date, p.outcome, p.outcome_date)
                       IS NOT DISTINCT FROM (t.court, string_to_array(t.ch, ','), t.pd, t.oc, t.od))
         ON CONFLICT (defendant_id) DO UPDATE SET court = EXCLUDED.court, charges = EXCLUDED.charges, prosecution_date = EXCLUDED.prosecution_date,
              outcome = EXCLUDED.outcome, outcome_date = EXCLUDED.outcome_date, import_batch_id = EXCLUDED.import_batch_id, updated_at = now()
          WHERE (prosecutions.court, prosecutions.charges, prosecutions.prosecution_date, prosecutions.outcome, prosecutions.outcome_date)
                IS DISTINCT FROM (EXCLUDED.court, EXCLUDED.charges, EXCLUDED.prosecution_date, EXCLUDED.outcome, EXCLUDED.outcome_date)
         RETURNING id, (xmax = 0) AS inserted`,
        [batchId],
      )
    : [];
  const prosecutionChanged = new Set(prosecutionRows.filter((r) => !r.inserted).map((r) => r.id));
  const prosecutionInserted = new Set(prosecutionRows.filter((r) => r.inserted).map((r) => r.id));

  // the conviction columns of the prosecution row: a conviction exactly when the outcome is convicted
  const convictionRows: Array<{ prosecution_id: string }> = ps.length
    ? await m.query(
        `WITH incoming AS (
           SELECT p.id AS prosecution_id, t.oc, t.od AS jd, t.ch AS sec, t.months, t.fine, t.appeal
             FROM import_prosecutions t JOIN import_case_ids k ON k.key = t.key
             JOIN defendants d ON d.case_id = k.id AND d.ref = t.ref JOIN prosecutions p ON p.defendant_id = d.id),
         removed AS (
           DELETE FROM convictions cv USING incoming i WHERE cv.prosecution_id = i.prosecution_id AND i.oc <> 'convicted' RETURNING cv.prosecution_id),
         upserted AS (
           INSERT INTO convictions (prosecution_id, judgment_date, sections, imprisonment_months, fine_pkr, appeal_status)
           SELECT prosecution_id, jd, string_to_array(sec, ','), months, fine, appeal FROM incoming i
            WHERE oc = 'convicted'
              AND NOT EXISTS (
                  SELECT 1 FROM convictions cv
                   WHERE cv.prosecution_id = i.prosecution_id
                     AND (cv.judgment_date, cv.sections, cv.imprisonment_months, cv.fine_pkr, cv.appeal_status)
                         IS NOT DISTINCT FROM (i.jd, string_to_array(i.sec, ','), i.months, i.fine, i.appeal))
           ON CONFLICT (prosecution_id) DO UPDATE SET judgment_date = EXCLUDED.judgment_date, sections = EXCLUDED.sections,
                imprisonment_months = EXCLUDED.imprisonment_months, fine_pkr = EXCLUDED.fine_pkr, appeal_status = EXCLUDED.appeal_status, updated_at = now()
            WHERE (convictions.judgment_date, convictions.sections, convictions.imprisonment_months, convictions.fine_pkr, convictions.appeal_status)
                  IS DISTINCT FROM (EXCLUDED.judgment_date, EXCLUDED.sections, EXCLUDED.imprisonment_months, EXCLUDED.fine_pkr, EXCLUDED.appeal_status)
           RETURNING prosecution_id)
         SELECT prosecution_id FROM removed UNION SELECT prosecution_id FROM upserted`,
      )
    : [];
  for (const r of convictionRows) if (!prosecutionInserted.has(r.prosecution_id)) prosecutionChanged.add(r.prosecution_id);

  return {
    cases: counts(cs.length, inserted.size, updated.size),
    victims: counts(vs.length, victimRows.filter((r) => r.inserted).length, victimRows.filter((r) => !r.inserted).length),
    defendants: counts(ds.length, defendantRows.filter((r) => r.inserted).length, defendantRows.filter((r) => !r.inserted).length),
    prosecutions: counts(ps.length, prosecutionInserted.size, prosecutionChanged.size),
  };
}
