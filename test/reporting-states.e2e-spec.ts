import { MonthlyExportsService } from 'src/exports/monthly-exports.service';
import { Agent, signIn } from 'test/support/agent';
import { binary, sheets } from 'test/support/workbook-reader';
import { createTestApp, TestApp } from 'test/support/test-app';

type Groups = Record<'approved' | 'provisional' | 'missing', Array<{ reportingUnit: string; months: string[] }>>;

/** The months from `from` to `to` (`YYYY-MM`) whose last day is before today in Pakistan. */
function endedMonthsOf(from: string, to: string): string[] {
  const today = new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 10);
  const out: string[] = [];
  for (
    let [y, m] = from.split('-').map(Number);
    `${y}-${String(m).padStart(2, '0')}` <= to;
    m === 12 ? (y++, (m = 1)) : m++
  ) {
    const lastDay = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    if (lastDay < today) out.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  return out;
}

/** The months of the cycle planted below, by unit: OTHER-GONE is inactive and reported one month. */
const PLANTED: Record<string, Record<string, string>> = {
  'POLICE-PK-PB': { '2025-01': 'approved', '2025-02': 'submitted' },
  'POLICE-PK-SD': { '2025-02': 'returned', '2025-03': 'reopened' },
  'OTHER-GONE': { '2025-01': 'approved' },
};

describe('reporting states behind the statistics', () => {
  let t: TestApp;
  let analyst: Agent;
  let punjab: Agent;
  let units: Array<{ code: string; name: string; agency: string; active: boolean; jurisdictions: string[] }>;

  beforeAll(async () => {
    t = await createTestApp({ EXPORT_GENERATIONS_PER_HOUR: '20' });
    analyst = await signIn(t, 'analyst');
    punjab = await signIn(t, 'focal_person', 'PK-PB');
    await t.dataSource.query(
      `INSERT INTO reporting_units (code, name, agency, active) VALUES ('OTHER-GONE', 'A closed office', 'other', false)`,
    );
    await t.dataSource.query(
      `INSERT INTO reporting_unit_jurisdictions (reporting_unit_code, jurisdiction_code) VALUES ('OTHER-GONE', 'PK-PB')`,
    );
    for (const [unit, months] of Object.entries(PLANTED))
      for (const [month, status] of Object.entries(months))
        await t.dataSource.query(
          `INSERT INTO submissions (reporting_unit_code, month, status, first_submitted_at, submitted_at)
           VALUES ($1, $2, $3, now(), now())`,
          [unit, `${month}-01`, status],
        );
    units = await t.dataSource.query(
      `SELECT code, name, agency, active,
              ARRAY(SELECT jurisdiction_code::text FROM reporting_unit_jurisdictions WHERE reporting_unit_code = code) AS jurisdictions
         FROM reporting_units`,
    );
  });
  afterAll(() => t.close());

  /** What `reporting` must say for these units and months, from the planted rows. */
  function expected(codes: (u: (typeof units)[number]) => boolean, months: string[]): Groups {
    const groups: Groups = { approved: [], provisional: [], missing: [] };
    const chosen = units.filter(codes).sort((a, b) => (a.code < b.code ? -1 : 1));
    for (const unit of chosen) {
      const stateOf = (month: string) => {
        const status = PLANTED[unit.code]?.[month];
        if (status === 'approved') return 'approved';
        if (status) return 'provisional';
        return unit.active ? 'missing' : null;
      };
      for (const state of ['approved', 'provisional', 'missing'] as const) {
        const inState = months.filter((m) => stateOf(m) === state);
        if (inState.length) groups[state].push({ reportingUnit: unit.code, months: inState });
      }
    }
    return groups;
  }

  const summary = async (who: Agent, query: Record<string, string>) => {
    const res = await who.get(`/api/v1/statistics/summary?${new URLSearchParams(query)}`);
    expect(res.status).toBe(200);
    return res.body.reporting as Groups;
  };

  it('says which units’ months of the period are approved, provisional or missing', async () => {
    const reporting = await summary(analyst, { from: '2025-01-01', to: '2025-03-31' });
    expect(reporting).toEqual(expected(() => true, ['2025-01', '2025-02', '2025-03']));
    // Punjab Police: one month of each state
    const of = (state: keyof Groups) => reporting[state].find((u) => u.reportingUnit === 'POLICE-PK-PB')?.months;
    expect([of('approved'), of('provisional'), of('missing')]).toEqual([['2025-01'], ['2025-02'], ['2025-03']]);
    // the closed office is listed for the month it reported, never as missing
    expect(reporting.missing.map((u) => u.reportingUnit)).not.toContain('OTHER-GONE');
  });

  it('leaves out the months that have not ended', async () => {
    const today = new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 10);
    const reporting = await summary(analyst, { from: '2025-02-15', to: today });
    const months = endedMonthsOf('2025-02', today.slice(0, 7));
    expect(months).not.toContain(today.slice(0, 7));
    expect(reporting).toEqual(expected(() => true, months));
  });

  it('covers the units of the caller’s scope and filters', async () => {
    const period = { from: '2025-01-01', to: '2025-03-31' };
    const months = ['2025-01', '2025-02', '2025-03'];
    expect(await summary(punjab, period)).toEqual(expected((u) => u.code === 'POLICE-PK-PB', months));
    expect(await summary(analyst, { ...period, reportingUnit: 'POLICE-PK-SD' })).toEqual(
      expected((u) => u.code === 'POLICE-PK-SD', months),
    );
    expect(await summary(analyst, { ...period, agency: 'fia' })).toEqual(expected((u) => u.agency === 'fia', months));
    const sindh = await summary(analyst, { ...period, jurisdiction: 'PK-SD' });
    expect(sindh).toEqual(expected((u) => u.jurisdictions.includes('PK-SD'), months));
    expect(sindh.missing.map((u) => u.reportingUnit)).toContain('FIA');
  });

  it('goes with every statistic', async () => {
    const query = new URLSearchParams({ from: '2025-01-01', to: '2025-03-31', jurisdiction: 'PK-PB' });
    const want = expected((u) => u.jurisdictions.includes('PK-PB'), ['2025-01', '2025-02', '2025-03']);
    for (const path of [
      'summary',
      'status',
      'attrition',
      'vulnerabilities',
      'repeat-offenders',
      'routes',
      'demographics?population=victims',
      'trends?metric=casesRegistered',
    ]) {
      const res = await analyst.get(`/api/v1/statistics/${path}${path.includes('?') ? '&' : '?'}${query}`);
      expect([path, res.status, res.body.reporting]).toEqual([path, 200, want]);
    }
  });

  it('states the month’s reporting state in the monthly workbook, and a new version after approval says it is approved', async () => {
    // every active unit's May 2025 approved but the Punjab Police's, which waits for review
    const month = '2025-05';
    const active = units.filter((u) => u.active);
    for (const u of active)
      await t.dataSource.query(
        `INSERT INTO submissions (reporting_unit_code, month, status, first_submitted_at, submitted_at)
         VALUES ($1, $2, $3, now(), now())`,
        [u.code, `${month}-01`, u.code === 'POLICE-PK-PB' ? 'submitted' : 'approved'],
      );
    const names: Array<{ code: string; name: string }> = await t.dataSource.query(
      'SELECT code, name FROM jurisdictions',
    );
    const covering = (name: string) =>
      active.filter((u) => u.jurisdictions.includes(names.find((j) => j.name === name)!.code)).map((u) => u.code);

    const workbook = async (version: number) => {
      const made = await analyst.post('/api/v1/exports/monthly', { month, audience: 'internal' });
      expect([made.status, made.body.version]).toEqual([201, version]);
      const res = await binary(analyst.get(`/api/v1/exports/monthly?month=${month}&audience=internal`));
      expect(res.status).toBe(200);
      const wb = await sheets(res.body);
      const cover = new Map(wb.Cover.map((r) => [r[0], r[1]]));
      const byJurisdiction = new Map(
        wb['Reporting state']
          .slice(1)
          .filter((r) => r.length === 2)
          .map((r) => [r[0] as string, r[1]]),
      );
      const byUnit = new Map(wb['Reporting state by unit'].slice(1).map((r) => [r[0], r[4]]));
      const summaryNote = wb.Summary.map((r) => String(r[0])).find(
        (v) => v.startsWith('Provisional') || v.startsWith('Every'),
      );
      return { cover, byJurisdiction, byUnit, summaryNote, sheetNames: Object.keys(wb) };
    };

    const before = await workbook(1);
    expect(before.sheetNames).toEqual(
      expect.arrayContaining(['Summary', 'Reporting state', 'Reporting state by unit']),
    );
    expect(before.cover.get('Reporting state')).toBe(
      `Approved: ${active.length - 1} of ${active.length} units. Provisional: POLICE-PK-PB.`,
    );
    expect(before.cover.get('Provisional figures')).toMatch(/provisional and may change/);
    const jurisdictions = [...before.byJurisdiction.keys()].filter((n) => n !== 'Pakistan (total)');
    expect(jurisdictions.length).toBe(names.length);
    for (const name of jurisdictions)
      expect([name, before.byJurisdiction.get(name)]).toEqual([
        name,
        covering(name).includes('POLICE-PK-PB') ? 'Provisional: POLICE-PK-PB' : 'Approved',
      ]);
    expect(before.byJurisdiction.get('Pakistan (total)')).toBe('Provisional: POLICE-PK-PB');
    expect(before.byUnit.get('POLICE-PK-PB')).toBe('Provisional (submitted, not yet reviewed)');
    expect([...before.byUnit.keys()].sort()).toEqual(active.map((u) => u.code).sort());
    expect(before.summaryNote).toContain('Punjab');

    const [{ id }] = await t.dataSource.query(
      `SELECT id FROM submissions WHERE reporting_unit_code = 'POLICE-PK-PB' AND month = $1`,
      [`${month}-01`],
    );
    expect((await analyst.post(`/api/v1/submissions/${id}/approve`, {})).status).toBe(200);

    const after = await workbook(2);
    expect(after.cover.get('Reporting state')).toBe(`Approved: ${active.length} of ${active.length} units.`);
    expect(after.cover.get('Provisional figures')).toMatch(/final/);
    expect(new Set(after.byJurisdiction.values())).toEqual(new Set(['Approved']));
    expect(after.byUnit.get('POLICE-PK-PB')).toBe('Approved');
    expect(after.summaryNote).toMatch(/final/);
    const versions = await t.dataSource.query(
      `SELECT version, file_name FROM monthly_exports WHERE month = $1 AND audience = 'internal' ORDER BY version`,
      [month],
    );
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
  });

  it('marks the ministry workbook’s figures provisional in words only', async () => {
    const made = await analyst.post('/api/v1/exports/monthly', { month: '2025-02', audience: 'ministry' });
    expect(made.status).toBe(201);
    const wb = await sheets(
      (await binary(analyst.get('/api/v1/exports/monthly?month=2025-02&audience=ministry'))).body,
    );
    const cover = new Map(wb.Cover.map((r) => [r[0], r[1]]));
    const active = units.filter((u) => u.active).length;
    const name = (code: string) => units.find((u) => u.code === code)!.name;
    // units by name: a ministry workbook shows no code
    expect(cover.get('Reporting state')).toMatch(
      new RegExp(
        `^Approved: 0 of ${active} units\\. Provisional: ${name('POLICE-PK-PB')}, ${name('POLICE-PK-SD')}; missing: `,
      ),
    );
    expect(JSON.stringify(wb)).not.toMatch(/PK-[A-Z]{2}/);
    // the state sheets hold words, never a count
    for (const sheet of ['Reporting state', 'Reporting state by unit'])
      expect(wb[sheet].flat().filter((v) => typeof v === 'number')).toEqual([]);
  });

  it('marks provisional figures in the scheduled workbooks', async () => {
    // the run on 1 April 2025 makes March's workbooks: the Sindh Police's March is re-opened, every other unit's missing
    const made = await t.app.get(MonthlyExportsService).generatePreviousMonth(new Date('2025-04-01T03:00:00Z'));
    expect(made.map((e) => [e.month, e.audience, e.trigger])).toEqual([
      ['2025-03', 'ministry', 'scheduled'],
      ['2025-03', 'internal', 'scheduled'],
    ]);
    const wb = await sheets(made[1].content);
    const cover = new Map(wb.Cover.map((r) => [r[0], r[1]]));
    const others = units
      .filter((u) => u.active && u.code !== 'POLICE-PK-SD')
      .map((u) => u.code)
      .sort();
    expect(cover.get('Reporting state')).toBe(
      `Approved: 0 of ${others.length + 1} units. Provisional: POLICE-PK-SD; missing: ${others.join(', ')}.`,
    );
    expect(new Map(wb['Reporting state by unit'].map((r) => [r[0], r[4]])).get('POLICE-PK-SD')).toBe(
      'Provisional (re-opened after approval)',
    );
  });
});
