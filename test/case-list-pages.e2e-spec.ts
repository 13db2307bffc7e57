import { ReadScope } from 'src/cases/case-access.service';
import { CaseListCounts } from 'src/cases/case-list-counts';
import { CasesRepository } from 'src/cases/cases.repository';
import { CaseQueryDto } from 'src/cases/dto/case-query.dto';
import { Agent, signIn } from 'test/support/agent';
import { caseBody } from 'test/support/case-body';
import { expectFieldProblem } from 'test/support/problem';
import { createTestApp, TestApp } from 'test/support/test-app';

interface StoredCase {
  id: string;
  jurisdiction_code: string;
  reporting_unit_code: string;
  reporting_agency: string;
  district_code: string;
  status: string;
  offence_family: string;
  trafficking_type: string | null;
  exploitation_forms: string[] | null;
  fir_date: string;
  fir_year: number;
  status_date: string;
  deleted_at: Date | null;
}

/**
 * The case list's totals and pages at any depth: the total read from the kept counts equals the
 * cases counted here from the case table, for every filter the counts keep, after every kind of
 * write; pages followed by cursor, forwards and back, list every case once in the asked order.
 */
describe('case list totals and pages', () => {
  let t: TestApp;
  let punjab: Agent;
  let analyst: Agent;

  /** 300 cases across every jurisdiction, district, unit, status, family, type and form, some deleted. */
  const seed = (n: number, salt: number) =>
    t.dataSource.query(
      `WITH d AS (SELECT (row_number() OVER (ORDER BY code))::int - 1 AS n, code, jurisdiction_code FROM districts),
            nd AS (SELECT count(*)::int AS n FROM d)
       INSERT INTO cases (jurisdiction_code, district_code, police_station, police_station_key, fir_number, fir_year, fir_date,
                          offence_family, trafficking_type, exploitation_forms, status, status_date, reporting_agency, reporting_unit_code, deleted_at)
       SELECT d.jurisdiction_code, d.code, 'PS ' || g, 'ps' || g, 'S' || $2::int || '-' || g, extract(year FROM x.fir_date)::int, x.fir_date,
              (ARRAY['tip','som','mixed'])[1 + g % 3], (ARRAY['internal','transnational',NULL])[1 + g % 3],
              (ARRAY['{sexual_exploitation}','{forced_labour,child_labour}','{}','{domestic_servitude}'])[1 + g % 4]::text[],
              (ARRAY['registered','under_investigation','challan_submitted','convicted'])[1 + g % 4], date '2025-06-01',
              CASE WHEN g % 6 = 0 THEN 'fia' ELSE 'police' END, CASE WHEN g % 6 = 0 THEN 'FIA' ELSE 'POLICE-' || d.jurisdiction_code END,
              CASE WHEN g % 17 = 0 THEN now() END
         FROM generate_series(1, $1::int) g CROSS JOIN nd JOIN d ON d.n = (g * 13) % nd.n
        CROSS JOIN LATERAL (SELECT date '2020-01-01' + (g * 7) % 1800 AS fir_date) x`,
      [n, salt],
    );

  const stored = (): Promise<StoredCase[]> =>
    t.dataSource.query(
      `SELECT id, jurisdiction_code, reporting_unit_code, reporting_agency, district_code, status, offence_family, trafficking_type,
              exploitation_forms, fir_date::text, fir_year, status_date::text, deleted_at FROM cases`,
    );

  /** The filters the counts keep, each with the rule a case meets, judged here from the stored row. */
  const FILTERS: Array<[string, (c: StoredCase) => boolean]> = [
    ['', () => true],
    ['jurisdiction=PK-PB', (c) => c.jurisdiction_code === 'PK-PB'],
    ['jurisdiction=PK-GB', (c) => c.jurisdiction_code === 'PK-GB'],
    ['agency=fia', (c) => c.reporting_agency === 'fia'],
    ['reportingUnit=POLICE-PK-SD', (c) => c.reporting_unit_code === 'POLICE-PK-SD'],
    ['status=convicted', (c) => c.status === 'convicted'],
    ['offenceFamily=som', (c) => c.offence_family === 'som'],
    [
      'offenceFamily=tip&traffickingType=internal',
      (c) => c.offence_family === 'tip' && c.trafficking_type === 'internal',
    ],
    ['exploitationForm=child_labour', (c) => (c.exploitation_forms ?? []).includes('child_labour')],
    ['exploitationForm=unspecified', (c) => (c.exploitation_forms ?? []).length === 0],
    ['firYear=2022', (c) => c.fir_year === 2022],
    [
      'jurisdiction=PK-PB&firYear=2024&status=registered',
      (c) => c.jurisdiction_code === 'PK-PB' && c.fir_year === 2024 && c.status === 'registered',
    ],
    [
      'jurisdiction=PK-PB&status=registered&exploitationForm=sexual_exploitation',
      (c) =>
        c.jurisdiction_code === 'PK-PB' &&
        c.status === 'registered' &&
        (c.exploitation_forms ?? []).includes('sexual_exploitation'),
    ],
  ];

  const expectTotalsAsStored = async () => {
    const cases = (await stored()).filter((c) => c.deleted_at === null);
    const district = cases[0].district_code;
    const filters: typeof FILTERS = [...FILTERS, [`district=${district}`, (c) => c.district_code === district]];
    for (const [query, selects] of filters) {
      const res = await analyst.get(`/api/v1/cases?pageSize=1&${query}`);
      expect(res.status).toBe(200);
      expect({ query, total: res.body.total }).toEqual({ query, total: cases.filter(selects).length });
    }
    // a focal person's total is of their own unit's cases
    const own = (c: StoredCase) => c.reporting_unit_code === 'POLICE-PK-PB';
    for (const [query, selects] of filters.filter(([q]) => !/jurisdiction|agency|reportingUnit/.test(q))) {
      const res = await punjab.get(`/api/v1/cases?pageSize=1&${query}`);
      expect({ query, own: res.body.total }).toEqual({ query, own: cases.filter((c) => own(c) && selects(c)).length });
    }
    const distinct = await t.dataSource.query(`SELECT count(*)::int AS n FROM case_list_counts WHERE merged`);
    return distinct[0].n as number;
  };

  beforeAll(async () => {
    t = await createTestApp();
    [punjab, analyst] = await Promise.all([signIn(t, 'focal_person', 'PK-PB'), signIn(t, 'analyst')]);
    await seed(300, 1);
  });
  afterAll(() => t.close());

  it('counts every filter the counts keep exactly, after inserts, edits, deletes and folding', async () => {
    await expectTotalsAsStored();

    // writes through the service: a case made, one moved to another district, status and form, one deleted
    const made = await punjab.post('/api/v1/cases', caseBody({ firNumber: 'C-1' }));
    expect(made.status).toBe(201);
    const other = await punjab.post('/api/v1/cases', caseBody({ firNumber: 'C-2' }));
    expect(
      (
        await punjab.patch(`/api/v1/cases/${made.body.id}`, {
          district: 'Lahore',
          status: 'under_investigation',
          statusDate: '2024-02-01',
          exploitationForms: ['forced_labour'],
          traffickingType: 'internal',
          firYear: 2022,
          firDate: '2022-03-04',
        })
      ).status,
    ).toBe(200);
    expect((await punjab.delete(`/api/v1/cases/${other.body.id}`)).status).toBe(204);
    // writes in bulk, as an import's set-based statements make them
    await t.dataSource.query(
      `UPDATE cases SET status = 'convicted' WHERE offence_family = 'som' AND status = 'registered'`,
    );
    await t.dataSource.query(`UPDATE cases SET deleted_at = now() WHERE fir_number LIKE 'S1-1%'`);
    await t.dataSource.query(`UPDATE cases SET deleted_at = NULL WHERE fir_number LIKE 'S1-3%'`);
    await t.dataSource.query(
      `UPDATE cases SET fir_date = fir_date - 366, fir_year = extract(year FROM fir_date - 366)::int WHERE fir_number LIKE 'S1-4%'`,
    );
    await t.dataSource.query(
      `DELETE FROM cases WHERE fir_number LIKE 'S1-2%' AND id NOT IN (SELECT case_id FROM case_status_events)`,
    );
    await seed(40, 2);
    const unmerged = await t.dataSource.query(`SELECT count(*)::int AS n FROM case_list_counts WHERE NOT merged`);
    expect(unmerged[0].n).toBeGreaterThan(0);
    await expectTotalsAsStored();

    // folding leaves one row per group and the same totals
    expect(await t.app.get(CaseListCounts).fold({ always: true })).toBe(true);
    const groups = await expectTotalsAsStored();
    const live = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM (SELECT DISTINCT jurisdiction_code, reporting_unit_code, district_code, status, offence_family,
              trafficking_type, COALESCE(exploitation_forms, '{}'), fir_year FROM cases WHERE deleted_at IS NULL) AS g`,
    );
    expect(groups).toBe(live[0].n);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM case_list_counts WHERE NOT merged`))[0].n).toBe(0);

    // written after a fold: the totals it wrote and the counts written since, added up
    await seed(25, 3);
    await t.dataSource.query(`UPDATE cases SET status = 'registered' WHERE fir_number LIKE 'S1-5%'`);
    await t.dataSource.query(`UPDATE cases SET deleted_at = now() WHERE fir_number LIKE 'S3-1%'`);
    await expectTotalsAsStored();
    expect(await t.app.get(CaseListCounts).fold({ always: true })).toBe(true);
    await expectTotalsAsStored();
  });

  it('counts what a reader can see: cases another transaction has not committed are not in the total', async () => {
    const before = (await analyst.get('/api/v1/cases?pageSize=1')).body.total;
    const writer = t.dataSource.createQueryRunner();
    await writer.connect();
    await writer.startTransaction();
    try {
      await writer.query(
        `UPDATE cases SET deleted_at = now() WHERE id = (SELECT id FROM cases WHERE deleted_at IS NULL LIMIT 1)`,
      );
      expect((await analyst.get('/api/v1/cases?pageSize=1')).body.total).toBe(before);
      await writer.commitTransaction();
    } finally {
      await writer.release();
    }
    expect((await analyst.get('/api/v1/cases?pageSize=1')).body.total).toBe(before - 1);
  });

  const walk = async (who: Agent, query: string, direction: 'after' | 'before', start?: string, size = 7) => {
    const pages: string[][] = [];
    let cursor = start;
    for (let n = 0; n < 200; n++) {
      const res = await who.get(`/api/v1/cases?pageSize=${size}&${query}${cursor ? `&${direction}=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      const ids = (res.body.items as Array<{ id: string }>).map((c) => c.id);
      pages.push(ids);
      cursor = direction === 'after' ? res.body.nextCursor : res.body.previousCursor;
      if (!cursor) break;
    }
    return pages;
  };

  it('follows cursors through every page, forwards and back, each case once in the asked order', async () => {
    const live = (await stored()).filter((c) => c.deleted_at === null);
    for (const [query, key, order, focal] of [
      ['', 'fir_date', 'desc', false],
      ['sort=statusDate&order=asc', 'status_date', 'asc', false],
      ['jurisdiction=PK-PB&sort=status&order=desc', 'status', 'desc', false],
      // a focal person's cases of one status: their unit's own order
      ['status=registered', 'fir_date', 'desc', true],
    ] as const) {
      const who = focal ? punjab : analyst;
      // a unit's cases of one status are few here: smaller pages
      const size = focal ? 2 : 7;
      const selected = live.filter(
        (c) =>
          (!query.includes('PK-PB') || c.jurisdiction_code === 'PK-PB') &&
          (!query.includes('status=') || c.status === 'registered') &&
          (!focal || c.reporting_unit_code === 'POLICE-PK-PB'),
      );
      const sign = order === 'asc' ? 1 : -1;
      const expected = [...selected]
        .sort((a, b) => sign * (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : a.id < b.id ? -1 : 1))
        .map((c) => c.id);
      const forwards = await walk(who, query, 'after', undefined, size);
      expect(forwards.flat()).toEqual(expected);
      expect(forwards.slice(0, -1).every((p) => p.length === size)).toBe(true);
      // back from the last page's first case: the pages before it, in the same order
      const last = forwards[forwards.length - 1];
      const backwards = await walk(who, query, 'before', last[0], size);
      expect([...backwards].reverse().flat()).toEqual(expected.slice(0, expected.length - last.length));
      // a page found by number lists what the cursors list
      expect(forwards.length).toBeGreaterThan(3);
      const third = await who.get(`/api/v1/cases?pageSize=${size}&page=3&${query}`);
      expect(third.body.items.map((c: { id: string }) => c.id)).toEqual(forwards[2]);
      expect(third.body.previousCursor).toBe(forwards[2][0]);
      expect(third.body.nextCursor).toBe(forwards[2][size - 1]);
    }
    const first = await analyst.get('/api/v1/cases?pageSize=7');
    expect(first.body.previousCursor).toBeNull();
  });

  it('pages a search alike whether its matches are sorted or its order is walked', async () => {
    const repository = t.app.get(CasesRepository);
    const national: ReadScope = { jurisdiction: null, units: null, jurisdictions: null };
    const ask = (query: Partial<CaseQueryDto>) =>
      Object.assign(new CaseQueryDto(), { page: 1, pageSize: 7, order: 'desc', sort: 'firDate', ...query });
    const ids = async (query: CaseQueryDto, matches: number | null) =>
      (await repository.page(query, national, matches)).rows.map((c) => c.id);
    for (const [sort, order] of [
      ['firDate', 'desc'],
      ['statusDate', 'asc'],
      ['status', 'desc'],
    ] as const) {
      const first = ask({ search: 'ps 1', sort, order });
      const sorted = await ids(first, 1);
      expect(sorted).toHaveLength(7);
      expect(await ids(first, null)).toEqual(sorted);
      for (const query of [
        ask({ search: 'ps 1', sort, order, page: 3 }),
        ask({ search: 'ps 1', sort, order, after: sorted[6] }),
        ask({ search: 'ps 1', sort, order, before: sorted[6] }),
      ])
        expect(await ids(query, 1)).toEqual(await ids(query, null));
    }
  });

  it("refuses both cursors at once and a cursor that is no id; another unit's case is no cursor", async () => {
    const [a, b] = (await analyst.get('/api/v1/cases?pageSize=2')).body.items.map((c: { id: string }) => c.id);
    expectFieldProblem(await analyst.get(`/api/v1/cases?after=${a}&before=${b}`), 'before');
    expectFieldProblem(await analyst.get(`/api/v1/cases?after=1%27%20OR%201=1`), 'after');
    const [sindhCase] = await t.dataSource.query(
      `SELECT id FROM cases WHERE jurisdiction_code = 'PK-SD' AND deleted_at IS NULL LIMIT 1`,
    );
    const res = await punjab.get(`/api/v1/cases?after=${sindhCase.id}`);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
    expect(res.body.nextCursor).toBeNull();
  });
});
