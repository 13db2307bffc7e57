import { DataSource } from 'typeorm';
import { buildWorkbook, goodCase, SheetData } from 'test/fixtures/imports/workbook-builder';
import { Agent, signIn } from 'test/support/agent';
import { createTestApp, TestApp } from 'test/support/test-app';

const ROUNDS = 4;

/** Everything stored about the Punjab cases of these FIR numbers (in their order), without ids, times, batches or the FIR numbers themselves. */
async function stateOf(db: DataSource, firs: string[]): Promise<unknown> {
  const rows = await db.query<Array<{ state: unknown }>>(
    `SELECT jsonb_build_object(
              'case', to_jsonb(stored_case) - ARRAY['id', 'created_at', 'updated_at', 'import_batch_id', 'version', 'fir_number'],
              'route', (SELECT jsonb_agg(to_jsonb(p) - ARRAY['id', 'case_id'] ORDER BY p.position)
                          FROM route_points p WHERE p.case_id = stored_case.id),
              'victims', (SELECT jsonb_agg(to_jsonb(v) - ARRAY['id', 'case_id', 'created_at', 'updated_at', 'import_batch_id'] ORDER BY v.ref)
                            FROM victims v WHERE v.case_id = stored_case.id),
              'defendants', (SELECT jsonb_agg(to_jsonb(d) - ARRAY['id', 'case_id', 'created_at', 'updated_at', 'import_batch_id'] ORDER BY d.ref)
                               FROM defendants d WHERE d.case_id = stored_case.id),
              'prosecutions', (SELECT jsonb_agg(jsonb_build_object('defendant', d.ref,
                                                  'prosecution', to_jsonb(p) - ARRAY['id', 'case_id', 'defendant_id', 'created_at', 'updated_at', 'import_batch_id'],
                                                  'conviction', to_jsonb(cv) - ARRAY['id', 'prosecution_id', 'created_at', 'updated_at'])
                                                ORDER BY d.ref)
                                 FROM prosecutions p JOIN defendants d ON d.id = p.defendant_id
                                 LEFT JOIN convictions cv ON cv.prosecution_id = p.id
                                WHERE p.case_id = stored_case.id),
              'history', (SELECT jsonb_agg(jsonb_build_array(e.from_status, e.to_status, e.status_date) ORDER BY e.recorded_at, e.status_date, e.from_status NULLS FIRST)
                            FROM case_status_events e WHERE e.case_id = stored_case.id)
            ) AS state
       FROM cases stored_case
      WHERE stored_case.jurisdiction_code = 'PK-PB' AND stored_case.deleted_at IS NULL AND stored_case.fir_number = ANY($1)
      ORDER BY array_position($1::text[], stored_case.fir_number::text)`,
    [firs],
  );
  return rows.map((r) => r.state);
}

/** Natural keys, victims, defendants or prosecutions stored twice among live cases (none may be). */
async function duplicates(db: DataSource): Promise<unknown[]> {
  return db.query(`
    SELECT 'case' AS what, count(*)::int AS n FROM cases WHERE deleted_at IS NULL
     GROUP BY jurisdiction_code, district_code, police_station_key, fir_number, fir_year HAVING count(*) > 1
    UNION ALL SELECT 'victim', count(*)::int FROM victims GROUP BY case_id, ref HAVING count(*) > 1
    UNION ALL SELECT 'defendant', count(*)::int FROM defendants GROUP BY case_id, ref HAVING count(*) > 1
    UNION ALL SELECT 'prosecution', count(*)::int FROM prosecutions GROUP BY defendant_id HAVING count(*) > 1`);
}

/** A registered case of its own (no prosecution), in the Punjab's PS Saddar at Rahim Yar Khan, spelt as given. */
function newCase(fir: string, station: string, remarks: string): Record<string, unknown> {
  return {
    ...goodCase(fir).Cases[0],
    'Police Station': station,
    Status: 'Registered',
    'Status Date': '15/01/2024',
    'Investigation Concluded On': null,
    Remarks: remarks,
  };
}

/**
 * Two workbooks of one reporting unit that correct the same cases differently (and both create
 * one new case, spelt differently), uploaded at the same moment by two focal persons: one runs,
 * the other is refused with 409 IMPORT.BUSY and writes nothing — or, when the first has ended
 * before the second begins, both run one after the other. The cases are then exactly what
 * applying the committed workbooks one after the other, in the order the service committed them,
 * gives to a copy of the same cases under other FIR numbers (in the same database: the service's
 * sign-in is one per process, so a second application cannot run beside the first).
 */
describe('overlapping workbooks of one unit uploaded at once', () => {
  let t: TestApp;
  let punjab: Agent[];

  beforeAll(async () => {
    t = await createTestApp();
    punjab = [await signIn(t, 'focal_person', 'PK-PB'), await signIn(t, 'focal_person', 'PK-PB')];
  });
  afterAll(() => t.close());

  /** A round's stored cases and two corrections of them, under FIR numbers beginning with `prefix`. */
  function workbooks(prefix: string): { firs: string[]; base: SheetData; a: SheetData; b: SheetData } {
    const [one, two, fresh] = [0, 1, 2].map((i) => `${prefix}${i}`);
    const [first, second] = [goodCase(one), goodCase(two)];
    const base: SheetData = {};
    for (const sheet of ['Cases', 'Victims', 'Defendants', 'Prosecutions'])
      base[sheet] = [...first[sheet], ...second[sheet]];
    const a: SheetData = {
      Cases: [
        {
          ...first.Cases[0],
          Remarks: 'corrected by the first workbook',
          'Exploitation Forms': 'Forced labour, Forced begging',
        },
        { ...second.Cases[0], Remarks: 'first workbook' },
        newCase(fresh, 'PS Saddar', 'created by the first workbook'),
      ],
      Victims: [
        { ...first.Victims[0], Age: 16 },
        { ...goodCase(fresh).Victims[0], 'Victim Ref': 'V1', Age: 19 },
      ],
      Prosecutions: [{ ...first.Prosecutions[1], Court: 'High Court Bahawalpur' }],
    };
    const b: SheetData = {
      Cases: [
        { ...first.Cases[0], Remarks: 'corrected by the second workbook' },
        newCase(fresh, 'p.s. saddar', 'created by the second workbook'),
      ],
      Victims: [
        { ...first.Victims[0], Age: 14 },
        { ...first.Victims[1], 'Victim Ref': 'V3', Sex: 'F', Age: 12 },
        { ...goodCase(fresh).Victims[0], 'Victim Ref': 'V1', Age: 22 },
      ],
      Defendants: [{ ...first.Defendants[1], 'Custody Status': 'Absconding' }],
    };
    return { firs: [one, two, fresh], base, a, b };
  }

  const files = async (sheets: { base: SheetData; a: SheetData; b: SheetData }) => ({
    base: await buildWorkbook(sheets.base),
    a: await buildWorkbook(sheets.a),
    b: await buildWorkbook(sheets.b),
  });

  it(`leaves the cases as the committed workbooks one after the other give (${ROUNDS} races)`, async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const raced = workbooks(`07${round}`);
      const replayed = workbooks(`08${round}`);
      const [race, replay] = [await files(raced), await files(replayed)];
      expect((await punjab[0].upload(race.base)).status).toBe(201);
      expect((await punjab[0].upload(replay.base)).status).toBe(201);

      const answers = await Promise.all([punjab[0].upload(race.a), punjab[1].upload(race.b)]);
      for (const answer of answers) {
        expect([201, 409]).toContain(answer.status);
        if (answer.status === 409) expect(answer.body.code).toBe('IMPORT.BUSY');
      }
      const committed = answers.flatMap((answer, i) =>
        answer.status === 201 ? [{ i, id: answer.body.id as string }] : [],
      );
      expect(committed.length).toBeGreaterThan(0);
      // the order the service committed them in: each import holds the unit until its batch is finished
      const finished = await t.dataSource.query<Array<{ id: string }>>(
        `SELECT id FROM import_batches WHERE id = ANY($1) AND status = 'committed' ORDER BY finished_at`,
        [committed.map((c) => c.id)],
      );
      const order = finished.map((f) => committed.find((c) => c.id === f.id)!.i);
      expect(order).toHaveLength(committed.length);
      outcomes.push(answers.map((x) => x.status).join('/'));

      for (const i of order) expect((await punjab[0].upload([replay.a, replay.b][i])).status).toBe(201);
      expect(await stateOf(t.dataSource, raced.firs)).toEqual(await stateOf(t.dataSource, replayed.firs));
      // the refused workbook, sent again, lands on the winner's cases as it would have one after the other
      const refused = [0, 1].filter((i) => answers[i].status === 409);
      for (const i of refused) {
        expect((await punjab[i].upload([race.a, race.b][i])).status).toBe(201);
        expect((await punjab[0].upload([replay.a, replay.b][i])).status).toBe(201);
      }
      expect(await stateOf(t.dataSource, raced.firs)).toEqual(await stateOf(t.dataSource, replayed.firs));
      expect(await duplicates(t.dataSource)).toEqual([]);
      // the new case exists once
      expect(await stateOf(t.dataSource, [raced.firs[2]])).toHaveLength(1);
    }
    // for the record of the run: 201/409 when the uploads overlapped, 201/201 when one ended before the other began
    process.stdout.write(`concurrent uploads answered: ${outcomes.join(', ')}\n`);
  });
});
